package io.facetimerouter.call;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link CallRequest}: what happened, the link when there is one, every provider
 * request made, and the request's metadata so consumers can correlate it with their own records.
 */
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
        Instant createdAt,
        Map<String, String> metadata) {
}
