package io.facetimerouter.notify;

import io.facetimerouter.call.RequestIds;
import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.CallError;
import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.call.CallStatus;
import io.facetimerouter.call.PlannedDelivery;
import io.facetimerouter.ledger.CallLedger;
import io.facetimerouter.ledger.DeliveryLedger;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Plans the deliveries of every new outcome (stored with it by the ledger), hands each to its
 * channel's queue without waiting, and sends again those a crash abandoned. A full queue or a
 * stopped channel never holds up the call: the delivery stays pending and is recovered. The
 * {@code log} channel's line is written on the call's own thread before the outcome is stored, and
 * stored DELIVERED with it: no queue, no thread and no second ledger write for the default channel.
 */
@Component
public class Notifications {

    /** Exchange property naming the trigger of a call; the Kafka trigger publishes outcomes itself. */
    public static final String TRIGGER = "facetimeTrigger";
    /** The route that writes the {@code log} channel's line; stopped, it fails at once rather than hold the call. */
    static final String LOG_LINE = "direct:log-outcome?block=false";
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private static final int RECOVERY_BATCH = 100;

    private final NotifyChannels channels;
    private final NotifyProperties properties;
    private final String resultsTopic;
    private final CallLedger calls;
    private final DeliveryLedger deliveries;
    private final ProducerTemplate producer;
    private final Deliveries results;
    private final Clock clock;

    public Notifications(NotifyChannels channels, NotifyProperties properties,
                         @Value("${router.results-topic}") String resultsTopic, CallLedger calls,
                         DeliveryLedger deliveries, ProducerTemplate producer, Deliveries results, Clock clock) {
        this.channels = channels;
        this.properties = properties;
        this.resultsTopic = resultsTopic;
        this.calls = calls;
        this.deliveries = deliveries;
        this.producer = producer;
        this.results = results;
        this.clock = clock;
    }

    public static String channelEndpoint(String channel) {
        return "seda:notify-" + channel;
    }

    /** Rejects a request that names a channel this deployment does not have, before any provider is asked. */
    public void checkChannels(CallContext call) {
        if (call.isPending()) {
            channels.problem(call.getNotify()).ifPresent(problem -> call.reject(new CallError("invalid_notify", problem)));
        }
    }

    public void plan(CallContext call, @ExchangeProperty(TRIGGER) String trigger) {
        if (call.isReplayed()) {
            return;
        }
        CallOutcome outcome = call.getOutcome();
        List<PlannedDelivery> planned = new ArrayList<>();
        for (String channel : channels.channelsFor(call.getNotify())) {
            switch (channel) {
                case NotifyChannels.KAFKA -> {
                    if (!NotifyChannels.KAFKA.equals(trigger)) {
                        planned.add(planned(outcome, channel, resultsTopic));
                    }
                }
                case NotifyChannels.WEBHOOK -> properties.webhook().subscribers().stream()
                        .filter(subscriber -> subscriber.statuses().contains(outcome.status()))
                        .forEach(subscriber -> planned.add(planned(outcome, channel, subscriber.name())));
                case NotifyChannels.MESSAGE -> {
                    if (outcome.status() == CallStatus.LINK_CREATED && outcome.link() != null) {
                        planned.add(planned(outcome, channel, "contact"));
                    }
                }
                default -> planned.add(planned(outcome, channel, channel));
            }
        }
        call.planDeliveries(planned);
    }

    /**
     * Writes the {@code log} channel's line before the outcome is stored, so that its delivery is stored
     * DELIVERED with it. Should the instance die in between, the call is processed again and the line
     * written again: at least once, as every channel delivers. Should the line's route fail, the delivery
     * is stored pending and goes through the channel's queue like any other. A replayed call has no
     * deliveries planned ({@link #plan}), so no line.
     */
    public void logOutcome(CallContext call) {
        List<PlannedDelivery> planned = call.getDeliveries();
        for (int i = 0; i < planned.size(); i++) {
            PlannedDelivery delivery = planned.get(i);
            if (NotifyChannels.LOG.equals(delivery.channel()) && logLine(call.getOutcome())) {
                List<PlannedDelivery> logged = new ArrayList<>(planned);
                logged.set(i, delivery.delivered(clock.instant()));
                call.planDeliveries(logged);
                // a request names each channel once
                return;
            }
        }
    }

    private boolean logLine(CallOutcome outcome) {
        try {
            producer.sendBodyAndHeaders(LOG_LINE, outcome, traceContext());
        } catch (RuntimeException failed) {
            LOG.warn("The log channel's line for {} failed ({}); it is sent through the channel's queue",
                    RequestIds.masked(outcome.requestId()), failed.getClass().getSimpleName());
            return false;
        }
        results.countDelivered(NotifyChannels.LOG);
        return true;
    }

    /** Queues the deliveries the ledger has just stored with the outcome (a replayed call has none). */
    public void dispatch(CallContext call) {
        Instant claimedWithTheOutcome = clock.instant();
        for (PlannedDelivery delivery : call.getDeliveries()) {
            if (delivery.isDelivered()) {
                continue;
            }
            offer(new DeliveryJob(call.getRequestId(), delivery.channel(), delivery.target(), delivery.deliveryId(),
                    call.getOutcome(), claimedWithTheOutcome));
        }
    }

    /** Sends again the pending deliveries whose claim has run out: their instance died, or their circuit was open. */
    public void recoverAbandoned() {
        for (DeliveryLedger.Abandoned abandoned : deliveries.abandonedBefore(
                clock.instant().minus(properties.deliveryLease()), RECOVERY_BATCH)) {
            Instant takenOver = clock.instant();
            if (deliveries.takeOver(abandoned)) {
                calls.find(abandoned.requestId()).ifPresent(outcome -> offer(new DeliveryJob(abandoned.requestId(),
                        abandoned.channel(), abandoned.target(), abandoned.deliveryId(), outcome, takenOver)));
            }
        }
    }

    /** A delivery joins the call's trace, when there is one (tracing on): W3C trace context in its headers. */
    private static Map<String, Object> traceContext() {
        Map<String, Object> traceContext = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), traceContext, Map::put);
        return traceContext;
    }

    private void offer(DeliveryJob job) {
        try {
            producer.sendBodyAndHeaders(channelEndpoint(job.channel()), job, traceContext());
        } catch (RuntimeException queueFullOrStopped) {
            LOG.warn("Delivery {} could not be queued ({}); it stays pending and is sent again within {}", job,
                    queueFullOrStopped.getClass().getSimpleName(), properties.deliveryLease().plus(properties.recoveryInterval()));
        }
    }

    private static PlannedDelivery planned(CallOutcome outcome, String channel, String target) {
        return new PlannedDelivery(channel, target, deliveryId(outcome.requestId(), channel, target));
    }

    /** Stable per outcome and target: a receiver seeing the same id twice has seen the same delivery. */
    static String deliveryId(String requestId, String channel, String target) {
        return "msg_" + RequestIds.shortDigest(requestId + "\n" + channel + "\n" + target);
    }
}
