package io.facetimerouter.call;

import java.time.Instant;
import java.util.List;

/** The answer to a {@link CallRequest}: what happened, the link when there is one, and every provider request made. */
public record CallOutcome(
        String requestId,
        String handle,
        CallStatus status,
        String provider,
        String link,
        Instant expiresAt,
        AgoraCredentials agora,
        Capabilities capabilities,
        List<ProviderAttempt> attempts,
        CallError error,
        boolean sandbox,
        Instant createdAt) {
}
