package io.facetimerouter.provider;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per provider, configured from {@code router.providers.circuit-breakers.<name>}.
 * Only failures that say the provider is unhealthy count ({@link ProviderFailures#countsAgainstProvider});
 * a request the provider rightly refused (400, 401, 404, ...) counts as a success.
 */
@Component
public class ProviderCircuitBreakers {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final ProviderProperties properties;

    public ProviderCircuitBreakers(ProviderProperties properties) {
        this.properties = properties;
    }

    public CircuitBreaker forProvider(String provider) {
        return registry.circuitBreaker(provider, () -> configFor(properties.circuitBreaker(provider)));
    }

    /** A breaker configuration from settings; also used for webhook subscribers, whose failures classify alike. */
    public static CircuitBreakerConfig configFor(ProviderProperties.CircuitBreakerSettings settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                // half-open on time, not on the next call, so the state alone says whether a call would go out
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(ProviderFailures::countsAgainstProvider)
                .build();
    }
}
