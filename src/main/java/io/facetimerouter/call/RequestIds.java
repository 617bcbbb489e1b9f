package io.facetimerouter.call;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Request ids: 1 to 128 characters of a URL-safe alphabet (letters, digits and {@code - . _ ~ : @ + =}),
 * so every id a trigger accepts can be read back at {@code GET /api/v1/calls/{requestId}} as it is.
 */
public final class RequestIds {

    public static final int MAX_LENGTH = 128;
    public static final String ALPHABET_DESCRIPTION =
            "1 to " + MAX_LENGTH + " letters, digits or - . _ ~ : @ + =";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._~:@+=-]{1," + MAX_LENGTH + "}");
    /** A phone number or an email address inside an id (campaign ids end with the contact's handle). */
    private static final Pattern CONTACT = Pattern.compile(
            "(?<![A-Za-z0-9])\\+?\\d{7,15}(?![A-Za-z0-9])|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

    /**
     * Version 7 UUIDs: they start with the time, so the ids of successive calls sort together and the
     * ledger's indexes grow at one end instead of rewriting a page somewhere in the middle for every call.
     */
    private static final TimeBasedEpochGenerator NEW_IDS = Generators.timeBasedEpochGenerator();

    private RequestIds() {
    }

    /** An id for a request that came without one: unique, and later than every id made before it here. */
    public static String newId() {
        return NEW_IDS.generate().toString();
    }

    public static boolean isValid(String requestId) {
        return requestId != null && VALID.matcher(requestId).matches();
    }

    /**
     * {@code <prefix><part>}, or, when the part would make the id too long or leave the alphabet,
     * {@code <prefix>h-<digest of the part>}: the same part always gives the same id.
     */
    public static String scoped(String prefix, String part) {
        String id = prefix + part;
        return isValid(id) ? id : prefix + "h-" + shortDigest(part);
    }

    /** The text (a request id, or a message holding one) as it may appear in logs: every contact in it masked. */
    public static String masked(String text) {
        if (text == null || !mayHoldContact(text)) {
            return text;
        }
        return CONTACT.matcher(text).replaceAll(match -> Handle.mask(match.group()));
    }

    /**
     * Whether the text has an {@code @}, or seven digits in a row with no letter right before or after
     * them: what every contact {@link #CONTACT} finds has. Most ids have neither (a time-ordered id has
     * seven digits in a row one time in five, nearly always next to a hex letter), and the pattern's
     * e-mail half tries every position to the end of the text: on the log channel's line this check is
     * what runs for nearly every call.
     */
    private static boolean mayHoldContact(String text) {
        int runStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c == '@') {
                return true;
            }
            if (c >= '0' && c <= '9') {
                continue;
            }
            if (i - runStart >= 7 && !isAsciiLetter(text, runStart - 1) && !isAsciiLetter(text, i)) {
                return true;
            }
            runStart = i + 1;
        }
        return false;
    }

    private static boolean isAsciiLetter(String text, int index) {
        if (index < 0 || index >= text.length()) {
            return false;
        }
        char c = text.charAt(index);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The first 16 bytes of a text's SHA-256 digest, in hex: a stable, fixed-length name for it. */
    public static String shortDigest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
