package io.facetimerouter.join;

import io.facetimerouter.provider.sendblue.SendblueProperties;
import io.facetimerouter.sandbox.SandboxMode;
import io.facetimerouter.security.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Join tokens: {@code <request id>.<expiry>.<HMAC-SHA256 of both>}, base64url. Only the holder of
 * the signing key can make one, so a token can be neither guessed nor enumerated, and it names the
 * one call it opens.
 */
@Component
public class JoinTokens {

    private static final Logger LOG = LoggerFactory.getLogger(JoinTokens.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;
    private final Clock clock;

    public JoinTokens(JoinProperties properties, SandboxMode sandbox, SendblueProperties sendblue, Clock clock) {
        this.clock = clock;
        String signingKey = properties.signingKey();
        if (signingKey != null && !signingKey.isBlank()) {
            this.key = signingKey.getBytes(StandardCharsets.UTF_8);
        } else if (!sandbox.active() && sendblue.hasCredentials()) {
            throw new MissingJoinSigningKeyException();
        } else {
            this.key = new byte[32];
            new SecureRandom().nextBytes(key);
            if (sandbox.active()) {
                LOG.info("ROUTER_JOIN_SIGNINGKEY is not set: join links are signed with a random key and stop working"
                        + " when the service restarts");
            }
        }
    }

    public String issue(String requestId, Instant expiresAt) {
        String payload = ENCODER.encodeToString(requestId.getBytes(StandardCharsets.UTF_8)) + "." + expiresAt.getEpochSecond();
        return payload + "." + ENCODER.encodeToString(signature(payload));
    }

    /** What a presented token opens: a call, an expired link, or nothing (forged, altered or malformed). */
    public Verdict verify(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            return Verdict.invalid();
        }
        byte[] presented;
        try {
            presented = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException notBase64) {
            return Verdict.invalid();
        }
        if (!Hmac.constantTimeEquals(signature(parts[0] + "." + parts[1]), presented)) {
            return Verdict.invalid();
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        String requestId = new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8);
        return new Verdict(Optional.of(requestId), expiresAt, !clock.instant().isBefore(expiresAt));
    }

    private byte[] signature(String payload) {
        return Hmac.sha256(key, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A verified token's call and expiry; {@code requestId} is empty for a token this service did not sign. */
    public record Verdict(Optional<String> requestId, Instant expiresAt, boolean expired) {

        static Verdict invalid() {
            return new Verdict(Optional.empty(), null, false);
        }
    }
}
