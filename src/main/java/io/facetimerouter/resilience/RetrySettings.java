package io.facetimerouter.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retries of transient failures with exponential backoff, for provider requests and deliveries alike.
 *
 * @param maxAttempts   requests per provider and call (or per delivery), the first included
 * @param initialDelay  delay before the first retry; later ones grow by {@code multiplier}
 * @param maxDelay      cap on the computed backoff delay
 * @param jitter        random spread of each delay, as a fraction (0.15: plus or minus 15 %)
 * @param retryAfterCap the longest {@code Retry-After} honoured
 */
public record RetrySettings(
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("200ms") Duration initialDelay,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("2s") Duration maxDelay,
        @DefaultValue("0.15") double jitter,
        @DefaultValue("5s") Duration retryAfterCap) {
}
