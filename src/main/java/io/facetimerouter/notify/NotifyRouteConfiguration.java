package io.facetimerouter.notify;

import io.facetimerouter.resilience.RetrySettings;
import io.facetimerouter.resilience.Backoff;
import io.facetimerouter.provider.ProviderProperties;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling of every channel route ({@code routeConfigurationId: notify-channel} in
 * {@code routes/notify-channels.yaml}): each failed attempt is recorded, transient failures are
 * retried without holding a thread while waiting, and the final result is recorded. Nothing a
 * channel does ever reaches the call or another channel.
 */
@Component
public class NotifyRouteConfiguration extends RouteConfigurationBuilder {

    public static final String NOTIFY_CHANNEL = "notify-channel";

    private final DeliveryRetryPolicy policy;
    private final RetrySettings retry;

    public NotifyRouteConfiguration(DeliveryRetryPolicy policy, NotifyProperties properties) {
        this.policy = policy;
        this.retry = properties.retry();
    }

    @Override
    public void configuration() {
        Backoff.apply(routeConfiguration(NOTIFY_CHANNEL)
                .onException(Exception.class)
                    .onExceptionOccurred(policy::attemptFailed)
                    .retryWhile(method(policy, "shouldRetry")), retry)
                    // a delivery waiting for its retry holds no thread of its channel
                    .asyncDelayedRedelivery()
                    .handled(true)
                    .process(policy::gaveUp);
    }
}
