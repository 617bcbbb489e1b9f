package io.facetimerouter.provider;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * How long each request to start a call took, by provider and HTTP status ({@code none} when no
 * answer came): {@code facetime_provider_requests_seconds}, a histogram. Every attempt counts,
 * retries included.
 */
@Component
public class ProviderRequestMetrics {

    static final String NO_ANSWER = "none";
    private static final String STARTED = "facetimeProviderRequestStarted";

    private final MeterRegistry meters;

    public ProviderRequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void started(Exchange exchange) {
        exchange.setProperty(STARTED, System.nanoTime());
    }

    public void answered(Exchange exchange) {
        record(exchange, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
    }

    /** A request that failed: with the status it was answered with, or null when none came. */
    public void failed(Exchange exchange, Integer httpStatus) {
        record(exchange, httpStatus);
    }

    private void record(Exchange exchange, Integer httpStatus) {
        Long started = exchange.getProperty(STARTED, Long.class);
        if (started == null) {
            return; // failed before the request was sent: nothing to time
        }
        exchange.removeProperty(STARTED);
        Timer.builder("facetime.provider.requests")
                .description("Requests to a provider to start a call")
                .tag("provider", exchange.getProperty(ProviderRoutes.PROVIDER, String.class))
                .tag("status", httpStatus == null ? NO_ANSWER : httpStatus.toString())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
