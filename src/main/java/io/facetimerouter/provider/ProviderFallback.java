package io.facetimerouter.provider;

import io.facetimerouter.resilience.HttpFailures;
import io.facetimerouter.call.CallContext;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The circuit breaker's fallback: notes why a provider gave no link, so failover can move on. */
@Component
public class ProviderFallback {

    public void providerFailed(Exchange exchange) {
        CallContext call = exchange.getMessage().getBody(CallContext.class);
        String provider = exchange.getProperty(ProviderRoutes.PROVIDER, String.class);
        // the breaker sets no caught exception when it refused the call without running it
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            call.providerSkipped(provider);
        } else {
            call.providerFailed(provider,
                    HttpFailures.describe(failure) + " after " + call.attemptsWith(provider) + " request(s)");
        }
    }
}
