package io.facetimerouter.pipeline;

import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.notify.Notifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Counts every call the pipeline answers, {@code facetime_calls_total{trigger,status,provider}}: the
 * trigger that asked (rest, kafka, campaign, messaging), the outcome's status, and the provider that
 * answered ({@code none} when no provider did). A call no provider could take because every circuit
 * was open counts as status {@code UNAVAILABLE}.
 */
@Component
public class CallMetrics {

    static final String UNAVAILABLE = "UNAVAILABLE";
    private static final String NONE = "none";

    private final MeterRegistry meters;

    public CallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void answered(@Body CallContext call, @ExchangeProperty(Notifications.TRIGGER) String trigger) {
        CallOutcome outcome = call.getOutcome();
        count(trigger, outcome.status().name(), outcome.provider());
    }

    public void unavailable(@ExchangeProperty(Notifications.TRIGGER) String trigger) {
        count(trigger, UNAVAILABLE, null);
    }

    private void count(String trigger, String status, String provider) {
        Counter.builder("facetime.calls")
                .description("Calls answered by the pipeline")
                .tag("trigger", trigger == null ? NONE : trigger)
                .tag("status", status)
                .tag("provider", provider == null ? NONE : provider)
                .register(meters)
                .increment();
    }
}
