package io.facetimerouter.provider;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Whether any enabled provider would be asked right now: its circuit is closed or half-open. The
 * Kafka trigger pauses its partitions while none is, and resumes once one is.
 */
@Component
public class ProviderAvailability {

    private final List<FaceTimeProvider> providers;
    private final ProviderCircuitBreakers circuitBreakers;

    public ProviderAvailability(List<FaceTimeProvider> providers, ProviderCircuitBreakers circuitBreakers) {
        this.providers = providers.stream().filter(FaceTimeProvider::enabled).toList();
        this.circuitBreakers = circuitBreakers;
    }

    public boolean anyAvailable() {
        return providers.stream().map(provider -> circuitBreakers.forProvider(provider.name()).getState())
                .anyMatch(state -> state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN);
    }

    /** Calls back on every circuit state change of an enabled provider. */
    public void onChange(Runnable listener) {
        providers.forEach(provider -> circuitBreakers.forProvider(provider.name()).getEventPublisher()
                .onStateTransition(transition -> listener.run()));
    }
}
