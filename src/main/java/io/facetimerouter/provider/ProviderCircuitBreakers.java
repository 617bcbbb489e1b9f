package io.facetimerouter.provider;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per provider, configured from {@code router.providers.circuit-breakers.<name>},
 * each measured as {@code resilience4j_circuitbreaker_*{group="provider",name="<provider>"}}.
 */
@Component
public class ProviderCircuitBreakers {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(
            Map.of("default", CircuitBreakerConfig.ofDefaults()), Map.of("group", "provider"));
    private final ProviderProperties properties;

    public ProviderCircuitBreakers(ProviderProperties properties, MeterRegistry meters) {
        this.properties = properties;
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /** Every provider circuit made so far, by provider. */
    public Map<String, CircuitBreaker.State> states() {
        return registry.getAllCircuitBreakers().stream()
                .collect(Collectors.toMap(CircuitBreaker::getName, CircuitBreaker::getState, (a, b) -> a, TreeMap::new));
    }

    public CircuitBreaker forProvider(String provider) {
        return registry.circuitBreaker(provider, () -> properties.circuitBreaker(provider).toConfig());
    }
}
