package io.facetimerouter.provider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How providers are tried and protected.
 *
 * @param order           the order in which {@code auto} requests try providers
 * @param connectTimeout  time to establish a connection to a provider
 * @param responseTimeout time to wait for a provider's answer to a call request
 * @param lookupTimeout   time to wait for a capability lookup before the call goes ahead without it
 * @param retry           retries of transient failures, per provider and call
 * @param circuitBreakers named circuit breaker settings, one entry per provider name
 */
@ConfigurationProperties("router.providers")
public record ProviderProperties(
        @DefaultValue({"blooio", "sendblue"}) List<String> order,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration responseTimeout,
        @DefaultValue("3s") Duration lookupTimeout,
        @DefaultValue Retry retry,
        Map<String, CircuitBreakerSettings> circuitBreakers) {

    public ProviderProperties {
        circuitBreakers = circuitBreakers == null ? Map.of() : Map.copyOf(circuitBreakers);
    }

    public CircuitBreakerSettings circuitBreaker(String provider) {
        return circuitBreakers.getOrDefault(provider, CircuitBreakerSettings.DEFAULTS);
    }

    /**
     * @param maxAttempts   requests per provider and call, the first included
     * @param initialDelay  delay before the first retry; later ones grow by {@code multiplier}
     * @param maxDelay      cap on the computed backoff delay
     * @param jitter        random spread of each delay, as a fraction (0.15: plus or minus 15 %)
     * @param retryAfterCap the longest {@code Retry-After} honoured; a longer one moves on to the next provider
     */
    public record Retry(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("2s") Duration maxDelay,
            @DefaultValue("0.15") double jitter,
            @DefaultValue("5s") Duration retryAfterCap) {
    }

    /**
     * Resilience4j count-based circuit breaker settings.
     *
     * @param failureRateThreshold   percentage of counted failures that opens the circuit
     * @param slidingWindowSize      number of recent calls the rate is computed over
     * @param minimumNumberOfCalls   calls needed before the rate is computed
     * @param waitDurationInOpenState how long the circuit stays open before letting probes through
     * @param permittedCallsInHalfOpenState probes let through while half-open
     */
    public record CircuitBreakerSettings(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindowSize,
            @DefaultValue("5") int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitDurationInOpenState,
            @DefaultValue("2") int permittedCallsInHalfOpenState) {

        static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(50, 10, 5, Duration.ofSeconds(30), 2);
    }
}
