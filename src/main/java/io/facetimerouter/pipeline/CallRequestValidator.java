package io.facetimerouter.pipeline;

import io.facetimerouter.call.CallError;
import io.facetimerouter.call.CallRequest;
import io.facetimerouter.call.Handle;
import io.facetimerouter.call.RequestIds;
import io.facetimerouter.call.CallContext;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.facetimerouter.sandbox.SandboxMode;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link CallRequest} into a {@link CallContext}: the request id settled, the handle
 * normalised (E.164 phone or lower-cased email), or the request rejected with a reason.
 */
@Component
public class CallRequestValidator {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final int MAX_METADATA_ENTRIES = 16;
    private static final int MAX_NOTIFY_CHANNELS = 8;
    private static final int MAX_METADATA_KEY_LENGTH = 64;
    private static final int MAX_METADATA_VALUE_LENGTH = 256;

    private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();
    private final String defaultRegion;
    private final boolean sandbox;
    private final Clock clock;

    public CallRequestValidator(CallProperties properties, SandboxMode sandboxMode, Clock clock) {
        this.defaultRegion = properties.defaultRegion().toUpperCase(Locale.ROOT);
        this.sandbox = sandboxMode.active();
        this.clock = clock;
    }

    public CallContext validate(CallRequest request, @Header(IDEMPOTENCY_KEY) String idempotencyKey) {
        String rawHandle = request == null ? null : request.handle();
        String requestId = request == null ? null : blankToNull(request.requestId());
        String key = blankToNull(idempotencyKey);
        if (requestId != null && key != null && !requestId.equals(key)) {
            return rejected(null, rawHandle, "request_id_mismatch",
                    "The Idempotency-Key header and the requestId field differ");
        }
        requestId = requestId != null ? requestId : key;
        if (requestId != null && !RequestIds.isValid(requestId)) {
            return rejected(null, rawHandle, "invalid_request_id", "requestId must be " + RequestIds.ALPHABET_DESCRIPTION);
        }
        if (blankToNull(rawHandle) == null) {
            return rejected(requestId, rawHandle, "missing_handle", "handle is required: an E.164 phone number or an email");
        }
        if (request.channels() != null && (request.channels().size() > MAX_NOTIFY_CHANNELS
                || request.channels().stream().anyMatch(channel -> channel == null || channel.isBlank()))) {
            return rejected(requestId, rawHandle, "invalid_notify",
                    "notify must be a list of at most " + MAX_NOTIFY_CHANNELS + " channel names");
        }
        Optional<String> metadataProblem = metadataProblem(request.metadata());
        if (metadataProblem.isPresent()) {
            return rejected(requestId, rawHandle, "invalid_metadata", metadataProblem.get());
        }
        Optional<Handle> handle = normalise(rawHandle.strip());
        if (handle.isEmpty()) {
            return rejected(requestId, rawHandle, "invalid_handle",
                    "handle must be a valid phone number (E.164, or national in region " + defaultRegion
                            + ") or an email address");
        }
        String provider = blankToNull(request.provider()) == null ? "auto" : request.provider().strip().toLowerCase(Locale.ROOT);
        return CallContext.accepted(idOrNew(requestId), handle.get(), provider, request.metadata(), request.channels(),
                sandbox, clock.instant());
    }

    public Optional<Handle> normalise(String handle) {
        if (handle.contains("@")) {
            String email = handle.toLowerCase(Locale.ROOT);
            boolean valid = email.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(email).matches();
            return valid ? Optional.of(new Handle(email, Handle.Type.EMAIL)) : Optional.empty();
        }
        try {
            PhoneNumber number = phoneNumbers.parse(handle, defaultRegion);
            // possible, not "valid": valid-number metadata refuses ranges in real use, such as 555 test numbers
            if (!phoneNumbers.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(new Handle(phoneNumbers.format(number, PhoneNumberFormat.E164), Handle.Type.PHONE));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> metadataProblem(Map<String, String> metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            return Optional.of("metadata may hold at most " + MAX_METADATA_ENTRIES + " entries");
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getKey().length() > MAX_METADATA_KEY_LENGTH) {
                return Optional.of("metadata keys may be at most " + MAX_METADATA_KEY_LENGTH + " characters");
            }
            if (entry.getValue() == null) {
                return Optional.of("metadata values must be strings, not null");
            }
            if (entry.getValue().length() > MAX_METADATA_VALUE_LENGTH) {
                return Optional.of("metadata values may be at most " + MAX_METADATA_VALUE_LENGTH + " characters");
            }
        }
        return Optional.empty();
    }

    private CallContext rejected(String requestId, String rawHandle, String code, String message) {
        return CallContext.rejected(idOrNew(requestId), rawHandle, new CallError(code, message), sandbox, clock.instant());
    }

    private static String idOrNew(String requestId) {
        return requestId != null ? requestId : RequestIds.newId();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
