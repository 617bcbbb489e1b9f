package io.facetimerouter.pipeline;

import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.call.RequestIds;
import io.facetimerouter.notify.NotifyChannels;
import io.facetimerouter.notify.Notifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every call the pipeline answers, counted and logged once:
 * <ul>
 *   <li>{@code facetime_calls_total{trigger,status,provider}}: the trigger that asked (rest, kafka,
 *       campaign, messaging), the outcome's status, and the provider that answered ({@code none} when
 *       none did); a call no provider could take because every circuit was open is {@code UNAVAILABLE};</li>
 *   <li>one INFO line, {@code call requestId=... trigger=... status=... provider=... attempts=... ms=...}, whose
 *       first four are also key-value pairs (JSON fields with structured logging).
 *       A call whose outcome goes to the {@code log} channel gets that channel's line instead: still one.
 *       A request answered from the ledger says {@code replayed=true}.</li>
 * </ul>
 */
@Component
public class AnsweredCalls {

    static final String UNAVAILABLE = "UNAVAILABLE";
    private static final String NONE = "none";
    private static final Logger LOG = LoggerFactory.getLogger("facetime-router.calls");

    private final MeterRegistry meters;
    private final Clock clock;

    public AnsweredCalls(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    public void answered(@Body CallContext call, @ExchangeProperty(Notifications.TRIGGER) String trigger) {
        CallOutcome outcome = call.getOutcome();
        count(trigger, outcome.status().name(), outcome.provider());
        boolean loggedByChannel = call.getDeliveries().stream()
                .anyMatch(delivery -> NotifyChannels.LOG.equals(delivery.channel()));
        if (call.isReplayed()) {
            log(call, trigger, outcome.status().name(), outcome.provider(), " replayed=true");
        } else if (!loggedByChannel) {
            log(call, trigger, outcome.status().name(), outcome.provider(), " attempts=" + outcome.attempts().size()
                    + " ms=" + Duration.between(outcome.createdAt(), clock.instant()).toMillis());
        }
    }

    public void unavailable(@Body CallContext call, @ExchangeProperty(Notifications.TRIGGER) String trigger) {
        count(trigger, UNAVAILABLE, null);
        log(call, trigger, UNAVAILABLE, null, "");
    }

    /** The line, and its fields as key-value pairs: with JSON logs, requestId, trigger, status and provider are fields. */
    private static void log(CallContext call, String trigger, String status, String provider, String detail) {
        String requestId = RequestIds.masked(call.getRequestId());
        LOG.atInfo().addKeyValue("requestId", requestId).addKeyValue("trigger", orNone(trigger))
                .addKeyValue("status", status).addKeyValue("provider", orNone(provider))
                .log("call requestId={} trigger={} status={} provider={}{}", requestId, orNone(trigger), status,
                        orNone(provider), detail);
    }

    private void count(String trigger, String status, String provider) {
        Counter.builder("facetime.calls")
                .description("Calls answered by the pipeline")
                .tag("trigger", orNone(trigger))
                .tag("status", status)
                .tag("provider", orNone(provider))
                .register(meters)
                .increment();
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }
}
