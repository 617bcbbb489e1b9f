package io.facetimerouter.capability;

import io.facetimerouter.call.CallContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/** Enrichment: what the contact's devices support, before any provider is asked to call. */
@Component
public class CapabilityRoutes extends RouteBuilder {

    static final String CAPABILITY_LOOKUP = "capability-lookup";

    private final CapabilityCheck check;

    public CapabilityRoutes(CapabilityCheck check) {
        this.check = check;
    }

    @Override
    public void configure() {
        from("direct:capability-check").routeId("capability-check")
                .routeConfigurationId(CAPABILITY_LOOKUP)
                .process(check::fromCacheOrSource)
                // a plain predicate: simple's ${body.capabilities} introspects the body's class on every call
                .filter(exchange -> exchange.getMessage().getBody(CallContext.class).getCapabilities() == null)
                    .toD("${exchangeProperty." + CapabilityCheck.SOURCE + "}")
                    .bean(check, "remember")
                .end()
                .bean(check, "applyPolicy");
    }

    /**
     * A failed lookup leaves the capabilities unknown and the route carries on: {@code continued},
     * not {@code handled}, since a handled exception would end the whole call here.
     */
    @Component
    static class CapabilityRouteConfiguration extends RouteConfigurationBuilder {

        private final CapabilityCheck check;

        CapabilityRouteConfiguration(CapabilityCheck check) {
            this.check = check;
        }

        @Override
        public void configuration() {
            routeConfiguration(CAPABILITY_LOOKUP)
                    .onException(Exception.class)
                        .continued(true)
                        .process(check::lookupFailed);
        }
    }
}
