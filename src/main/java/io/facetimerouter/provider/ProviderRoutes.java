package io.facetimerouter.provider;

import io.facetimerouter.call.CallContext;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The same three routes for every provider adapter:
 * <ul>
 *   <li>{@code <name>-call}: the provider's circuit breaker; its fallback notes the failure for failover;</li>
 *   <li>{@code <name>-start-call}: one call request, retried by the {@code provider-request} configuration;</li>
 *   <li>{@code <name>-capabilities}: one capability lookup, never retried (lookups are rate-limited).</li>
 * </ul>
 */
@Component
public class ProviderRoutes extends RouteBuilder {

    public static final String PROVIDER = "facetimeProvider";

    private final List<FaceTimeProvider> providers;
    private final ProviderCircuitBreakers circuitBreakers;
    private final ProviderFallback fallback;
    private final ProviderRequestMetrics requests;

    public ProviderRoutes(List<FaceTimeProvider> providers, ProviderCircuitBreakers circuitBreakers,
                          ProviderFallback fallback, ProviderRequestMetrics requests) {
        this.providers = providers;
        this.circuitBreakers = circuitBreakers;
        this.fallback = fallback;
        this.requests = requests;
    }

    public static String callEndpoint(String provider) {
        return "direct:" + provider + "-call";
    }

    public static String capabilitiesEndpoint(String provider) {
        return "direct:" + provider + "-capabilities";
    }

    @Override
    public void configure() {
        providers.forEach(this::adapterRoutes);
    }

    private void adapterRoutes(FaceTimeProvider provider) {
        String name = provider.name();
        String circuitBreaker = name + "CircuitBreaker";
        getContext().getRegistry().bind(circuitBreaker, circuitBreakers.forProvider(name));

        from(callEndpoint(name)).routeId(name + "-call")
                .setProperty(PROVIDER, constant(name))
                .circuitBreaker()
                    .resilience4jConfiguration().circuitBreaker(circuitBreaker).end()
                    .to("direct:" + name + "-start-call")
                .onFallback()
                    .process(fallback::providerFailed)
                .end();

        from("direct:" + name + "-start-call").routeId(name + "-start-call")
                .routeConfigurationId(ProviderRouteConfiguration.PROVIDER_REQUEST)
                .setProperty(CallContext.PROPERTY, body())
                .removeHeaders("*")
                .process(provider::prepareStartCall)
                .process(requests::started)
                .to(provider.startCallUri())
                .process(requests::answered)
                .process(provider::readStartCall)
                .setBody(exchangeProperty(CallContext.PROPERTY));

        from(capabilitiesEndpoint(name)).routeId(name + "-capabilities")
                .setProperty(CallContext.PROPERTY, body())
                .removeHeaders("*")
                .process(provider::prepareCapabilityLookup)
                .to(provider.capabilitiesUri())
                .process(provider::readCapabilities)
                .setBody(exchangeProperty(CallContext.PROPERTY));
    }
}
