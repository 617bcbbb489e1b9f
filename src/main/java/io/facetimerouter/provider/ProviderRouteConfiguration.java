package io.facetimerouter.provider;

import io.facetimerouter.resilience.Backoff;
import io.facetimerouter.resilience.RetrySettings;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling of every request a provider adapter makes to start a call: each failure is
 * recorded as an attempt, transient ones are retried with exponential backoff and jitter, and what
 * is left propagates to the provider's circuit breaker. Camel's own failure logging is off: the
 * policy logs each failure once, without request data.
 */
@Component
public class ProviderRouteConfiguration extends RouteConfigurationBuilder {

    public static final String PROVIDER_REQUEST = "provider-request";

    private final ProviderRetryPolicy policy;
    private final RetrySettings retry;
    private final ProviderRequestMetrics requests;

    public ProviderRouteConfiguration(ProviderRetryPolicy policy, ProviderProperties properties,
                                      ProviderRequestMetrics requests) {
        this.policy = policy;
        this.retry = properties.retry();
        this.requests = requests;
    }

    @Override
    public void configuration() {
        Backoff.apply(routeConfiguration(PROVIDER_REQUEST)
                .onException(Exception.class)
                    .onExceptionOccurred(policy::recordFailedAttempt)
                    // a retry starts again at the request itself: its time is measured from here
                    .onRedelivery(requests::started)
                    .retryWhile(method(policy, "shouldRetry")), retry)
                    .handled(false);
    }
}
