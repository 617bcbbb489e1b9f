package io.facetimerouter.operations;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Circuits as health: UP while every one lets calls through, {@link OperationsHealth#DEGRADED}
 * (answered 200) while one is open: the service still answers, and fails over or retries later. It
 * never makes the service DOWN, and is not part of readiness.
 */
final class CircuitsHealthIndicator implements HealthIndicator {

    private final Supplier<Map<String, CircuitBreaker.State>> states;

    CircuitsHealthIndicator(Supplier<Map<String, CircuitBreaker.State>> states) {
        this.states = states;
    }

    @Override
    public Health health() {
        Map<String, CircuitBreaker.State> states = this.states.get();
        boolean anyOpen = states.values().stream().anyMatch(CircuitsHealthIndicator::open);
        return Health.status(anyOpen ? OperationsHealth.DEGRADED : Status.UP).withDetails(states).build();
    }

    private static boolean open(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }
}
