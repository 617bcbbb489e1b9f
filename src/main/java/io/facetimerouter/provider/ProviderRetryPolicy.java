package io.facetimerouter.provider;

import io.facetimerouter.resilience.HttpFailures;
import io.facetimerouter.resilience.RetrySettings;
import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.Handle;
import io.facetimerouter.call.RequestIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hooks of the {@code provider-request} route configuration: every failed request is recorded as an
 * attempt, and only transient failures are retried, up to the configured number of attempts. A
 * {@code Retry-After} within the cap replaces the computed backoff; a longer one ends the retries
 * so the next provider is tried instead of waiting.
 */
@Component
public class ProviderRetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRetryPolicy.class);

    private final RetrySettings retry;
    private final Clock clock;
    private final ProviderRequestMetrics requests;

    public ProviderRetryPolicy(ProviderProperties properties, Clock clock, ProviderRequestMetrics requests) {
        this.retry = properties.retry();
        this.clock = clock;
        this.requests = requests;
    }

    public void recordFailedAttempt(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CallContext call = CallContext.in(exchange);
        String provider = exchange.getProperty(ProviderRoutes.PROVIDER, String.class);
        String description = HttpFailures.describe(failure);
        Integer httpStatus = HttpFailures.httpStatus(failure);
        requests.failed(exchange, httpStatus);
        call.recordAttempt(provider, httpStatus, description);
        LOG.warn("Call {} to {}: {} request {} failed: {}", RequestIds.masked(call.getRequestId()), Handle.mask(call.getHandle()),
                provider, call.attemptsWith(provider), description);
    }

    public boolean shouldRetry(Exchange exchange) {
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CallContext call = CallContext.in(exchange);
        String provider = exchange.getProperty(ProviderRoutes.PROVIDER, String.class);
        if (!HttpFailures.isTransient(failure) || call.attemptsWith(provider) >= retry.maxAttempts()) {
            return false;
        }
        Optional<Duration> retryAfter = HttpFailures.retryAfter(failure, clock.instant());
        if (retryAfter.isPresent()) {
            if (retryAfter.get().compareTo(retry.retryAfterCap()) > 0) {
                LOG.info("Call {}: {} asked to wait {}s, more than the {}s cap; trying the next provider",
                        RequestIds.masked(call.getRequestId()), provider, retryAfter.get().toSeconds(), retry.retryAfterCap().toSeconds());
                return false;
            }
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, retryAfter.get().toMillis());
        }
        return true;
    }
}
