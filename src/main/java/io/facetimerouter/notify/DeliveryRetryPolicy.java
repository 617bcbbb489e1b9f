package io.facetimerouter.notify;

import io.facetimerouter.resilience.RetrySettings;
import io.facetimerouter.resilience.HttpFailures;
import io.facetimerouter.provider.ProviderProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hooks of the {@code notify-channel} route configuration. Timeouts, 429 and 5xx are retried with
 * exponential backoff and jitter, a {@code Retry-After} within the cap replacing the computed delay;
 * other answers are final. A delivery that cannot go out now (its subscriber's circuit is open, or
 * it was asked to wait longer than the cap) stays pending and is sent again by the recovery.
 */
@Component
public class DeliveryRetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRetryPolicy.class);
    private static final String ATTEMPTS = "facetimeDeliveryAttempts";

    private final Deliveries deliveries;
    private final WebhookChannel webhooks;
    private final RetrySettings retry;
    private final Clock clock;

    public DeliveryRetryPolicy(Deliveries deliveries, WebhookChannel webhooks, NotifyProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.retry = properties.retry();
        this.clock = clock;
    }

    public void attemptFailed(Exchange exchange) {
        exchange.setProperty(ATTEMPTS, exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1);
        deliveries.attemptFailed(exchange);
        if (NotifyChannels.WEBHOOK.equals(Deliveries.in(exchange).channel())) {
            webhooks.failed(exchange, failure(exchange));
        }
    }

    public boolean shouldRetry(Exchange exchange) {
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        Throwable failure = failure(exchange);
        DeliveryJob job = Deliveries.in(exchange);
        if (!HttpFailures.isTransient(failure) || exchange.getProperty(ATTEMPTS, 0, Integer.class) >= retry.maxAttempts()
                || deliveries.expired(job) || deferred(failure)) {
            return false;
        }
        retryAfter(failure).ifPresent(delay -> exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay.toMillis()));
        return true;
    }

    /** The last word on a delivery whose retries are over. */
    public void gaveUp(Exchange exchange) {
        Throwable failure = failure(exchange);
        DeliveryJob job = Deliveries.in(exchange);
        if (job == null) {
            LOG.error("A delivery failed before it began: {}", HttpFailures.describe(failure));
        } else if (deliveries.expired(job)) {
            deliveries.end(exchange, Deliveries.EXPIRED, "the link expired at " + job.outcome().expiresAt()
                    + " before the delivery went through");
        } else if (deferred(failure)) {
            LOG.info("Delivery {} deferred ({}); it is sent again once its claim runs out", job,
                    HttpFailures.describe(failure));
        } else {
            Integer status = HttpFailures.httpStatus(failure);
            String detail = HttpFailures.describe(failure) + " after " + exchange.getProperty(ATTEMPTS, 0, Integer.class)
                    + " attempt(s)" + (Integer.valueOf(410).equals(status) && NotifyChannels.WEBHOOK.equals(job.channel())
                    ? "; the subscriber is disabled" : "");
            deliveries.end(exchange, Deliveries.FAILED, detail);
        }
    }

    /** Not a failure of the receiver: the delivery waits instead of being given up. */
    private boolean deferred(Throwable failure) {
        return failure instanceof WebhookChannel.CircuitOpenException
                || retryAfter(failure).filter(delay -> delay.compareTo(retry.retryAfterCap()) > 0).isPresent();
    }

    private Optional<Duration> retryAfter(Throwable failure) {
        return HttpFailures.retryAfter(failure, clock.instant());
    }

    private static Throwable failure(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
