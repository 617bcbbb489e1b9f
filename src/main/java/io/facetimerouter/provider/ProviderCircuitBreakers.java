package io.facetimerouter.provider;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per provider, configured from {@code router.providers.circuit-breakers.<name>}.
 */
@Component
public class ProviderCircuitBreakers {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final ProviderProperties properties;

    public ProviderCircuitBreakers(ProviderProperties properties) {
        this.properties = properties;
    }

    public CircuitBreaker forProvider(String provider) {
        return registry.circuitBreaker(provider, () -> properties.circuitBreaker(provider).toConfig());
    }
}
