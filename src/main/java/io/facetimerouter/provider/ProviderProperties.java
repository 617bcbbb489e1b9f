package io.facetimerouter.provider;

import io.facetimerouter.resilience.CircuitBreakerSettings;
import io.facetimerouter.resilience.RetrySettings;
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
        @DefaultValue RetrySettings retry,
        Map<String, CircuitBreakerSettings> circuitBreakers) {

    public ProviderProperties {
        circuitBreakers = circuitBreakers == null ? Map.of() : Map.copyOf(circuitBreakers);
    }

    public CircuitBreakerSettings circuitBreaker(String provider) {
        return circuitBreakers.getOrDefault(provider, CircuitBreakerSettings.DEFAULTS);
    }
}
