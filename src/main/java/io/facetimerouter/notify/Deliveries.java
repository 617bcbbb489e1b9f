package io.facetimerouter.notify;

import io.facetimerouter.ledger.DeliveryLedger;
import io.facetimerouter.resilience.HttpFailures;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps every channel route shares: {@link #begin} before sending, {@link #delivered} after,
 * and the hooks of the {@code notify-channel} route configuration, which record each failed attempt
 * and the final result. Every attempt and result lands in the ledger, and is counted:
 * {@code facetime_deliveries_total{channel,result}} for results (DELIVERED, FAILED, EXPIRED, DISABLED),
 * {@code facetime_delivery_failed_attempts_total{channel}} for attempts that failed, retried or not.
 */
@Component
public class Deliveries {

    public static final String PROPERTY = "facetimeDelivery";
    /** Exchange property: what a channel learned while delivering (a message's protocol, say), kept with the result. */
    public static final String DETAIL = "facetimeDeliveryDetail";
    public static final String DELIVERED = DeliveryLedger.DELIVERED;
    public static final String FAILED = "FAILED";
    public static final String EXPIRED = "EXPIRED";
    public static final String DISABLED = "DISABLED";
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private static final String RESULTS = "facetime.deliveries";
    private static final String FAILED_ATTEMPTS = "facetime.delivery.failed.attempts";

    private final DeliveryLedger ledger;
    private final NotifyProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public Deliveries(DeliveryLedger ledger, NotifyProperties properties, Clock clock, MeterRegistry meters,
                      NotifyChannels channels) {
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        // at zero from the start, so that a rate or an alert sees the first failure as an increase
        channels.available().forEach(channel -> {
            meters.counter(FAILED_ATTEMPTS, "channel", channel);
            meters.counter(RESULTS, "channel", channel, "result", DELIVERED);
            meters.counter(RESULTS, "channel", channel, "result", FAILED);
        });
    }

    /** The delivery a channel route is working on. */
    public static DeliveryJob in(Exchange exchange) {
        return exchange.getProperty(PROPERTY, DeliveryJob.class);
    }

    /**
     * Claims the delivery; one that already ended, or whose link has expired, goes no further. A job
     * claimed less than half a lease ago (as planned with its outcome) is still this instance's.
     */
    public void begin(Exchange exchange) {
        DeliveryJob job = exchange.getMessage().getBody(DeliveryJob.class);
        exchange.setProperty(PROPERTY, job);
        boolean stillClaimed = job.claimedAt().plus(properties.deliveryLease().dividedBy(2)).isAfter(clock.instant());
        if (!stillClaimed && !ledger.claim(job.requestId(), job.channel(), job.target())) {
            exchange.setRouteStop(true);
        } else if (expired(job)) {
            dropIfExpired(exchange);
        } else if (job.outcome().createdAt().plus(properties.giveUpAfter()).isBefore(clock.instant())) {
            end(exchange, FAILED, "not delivered within " + properties.giveUpAfter());
        }
    }

    /** Records the successful attempt; {@code detail} says what was delivered, where a channel knows more. */
    public void delivered(Exchange exchange) {
        DeliveryJob job = in(exchange);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        ledger.delivered(job.requestId(), job.channel(), job.target(), status, exchange.getProperty(DETAIL, String.class));
        countResult(job, DELIVERED);
        LOG.debug("Delivery {} delivered", job);
    }

    /** Counts a delivery made before its outcome was stored, and stored DELIVERED with it (the log channel's line). */
    public void countDelivered(String channel) {
        count(channel, DELIVERED);
    }

    public void attemptFailed(Exchange exchange) {
        DeliveryJob job = in(exchange);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String description = HttpFailures.describe(failure);
        ledger.attempt(job.requestId(), job.channel(), job.target(), HttpFailures.httpStatus(failure), description);
        // still being worked on: the lease runs from the latest attempt
        ledger.claim(job.requestId(), job.channel(), job.target());
        meters.counter(FAILED_ATTEMPTS, "channel", job.channel()).increment();
        LOG.warn("Delivery {} attempt failed: {}", job, description);
    }

    /** Ends the delivery as the given status and stops its route: nothing more is sent for it. */
    public void end(Exchange exchange, String status, String detail) {
        DeliveryJob job = in(exchange);
        ledger.finish(job.requestId(), job.channel(), job.target(), status, detail);
        countResult(job, status);
        LOG.info("Delivery {} {}: {}", job, status, detail);
        exchange.setRouteStop(true);
    }

    /** Before each attempt, retries included: a link that has expired meanwhile is not sent. */
    public void dropIfExpired(Exchange exchange) {
        DeliveryJob job = in(exchange);
        if (expired(job)) {
            end(exchange, EXPIRED, "the link expired at " + job.outcome().expiresAt() + " before it could be delivered");
        }
    }

    private void countResult(DeliveryJob job, String result) {
        count(job.channel(), result);
    }

    private void count(String channel, String result) {
        meters.counter(RESULTS, "channel", channel, "result", result).increment();
    }

    public boolean expired(DeliveryJob job) {
        Instant expiresAt = job.outcome().expiresAt();
        return expiresAt != null && !clock.instant().isBefore(expiresAt);
    }
}
