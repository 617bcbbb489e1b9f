package io.facetimerouter.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resilience4j count-based circuit breaker settings, for providers and webhook subscribers alike.
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

    public static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(50, 10, 5, Duration.ofSeconds(30), 2);

    /**
     * The breaker configuration. Only failures that say the receiver is unhealthy count
     * ({@link HttpFailures#countsAgainstReceiver}); a request it rightly refused counts as a success.
     */
    public CircuitBreakerConfig toConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindowSize)
                .minimumNumberOfCalls(minimumNumberOfCalls)
                .failureRateThreshold(failureRateThreshold)
                .waitDurationInOpenState(waitDurationInOpenState)
                .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
                // half-open on time, not on the next call, so the state alone says whether a call would go out
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(HttpFailures::countsAgainstReceiver)
                .build();
    }
}
