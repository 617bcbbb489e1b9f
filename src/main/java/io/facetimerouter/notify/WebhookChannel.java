package io.facetimerouter.notify;

import io.facetimerouter.call.RequestIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.call.CallStatus;
import io.facetimerouter.ledger.DeliveryLedger;
import io.facetimerouter.resilience.HttpFailures;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code webhook} channel's typed core: outcomes POSTed to configured subscribers only, signed
 * per Standard Webhooks, each subscriber behind its own circuit breaker. A 410 Gone disables the
 * subscriber until its configuration changes (its url or its revision).
 */
@Component
public class WebhookChannel {

    static final String ENDPOINT = "webhookEndpoint";
    private static final String STARTED = "webhookStartedNanos";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);

    private final Map<String, Subscriber> subscribers;
    private final DeliveryLedger ledger;
    private final Deliveries deliveries;
    private final ObjectMapper json;
    private final Clock clock;
    private final CircuitBreakerRegistry breakers;

    public WebhookChannel(NotifyProperties properties, DeliveryLedger ledger, Deliveries deliveries, ObjectMapper json,
                          Clock clock, MeterRegistry meters) {
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
        this.breakers = CircuitBreakerRegistry.of(Map.of("default", properties.webhook().circuitBreaker().toConfig()),
                Map.of("group", "webhook"));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        long timeoutMillis = properties.webhook().timeout().toMillis();
        Set<String> names = new HashSet<>();
        this.subscribers = properties.webhook().subscribers().stream()
                .map(settings -> Subscriber.of(settings, timeoutMillis, names))
                .collect(Collectors.toMap(Subscriber::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** Signs the outcome for the delivery's subscriber; a disabled subscriber gets nothing. */
    public void prepare(Exchange exchange) {
        DeliveryJob job = Deliveries.in(exchange);
        Subscriber subscriber = subscribers.get(job.target());
        if (subscriber == null) {
            deliveries.end(exchange, Deliveries.FAILED, "subscriber " + job.target() + " is no longer configured");
            return;
        }
        Optional<DeliveryLedger.DisabledSubscriber> disabled = disabled(subscriber);
        if (disabled.isPresent()) {
            deliveries.end(exchange, Deliveries.DISABLED, "subscriber " + subscriber.name() + " was disabled at "
                    + disabled.get().disabledAt() + ": " + disabled.get().reason());
            return;
        }
        if (!breaker(subscriber).tryAcquirePermission()) {
            throw new CircuitOpenException(subscriber.name());
        }
        String body = payload(job.outcome());
        long timestamp = clock.instant().getEpochSecond();
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("webhook-id", job.deliveryId());
        message.setHeader("webhook-timestamp", Long.toString(timestamp));
        message.setHeader("webhook-signature", subscriber.signer().sign(job.deliveryId(), timestamp, body));
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("User-Agent", "facetime-router");
        message.setBody(body);
        exchange.setProperty(ENDPOINT, subscriber.endpoint());
        exchange.setProperty(STARTED, System.nanoTime());
    }

    public void succeeded(Exchange exchange) {
        breaker(Deliveries.in(exchange).target()).onSuccess(elapsed(exchange), TimeUnit.NANOSECONDS);
    }

    /** Counts a failed POST against the subscriber's circuit; a 410 disables the subscriber. */
    public void failed(Exchange exchange, Throwable failure) {
        DeliveryJob job = Deliveries.in(exchange);
        Subscriber subscriber = subscribers.get(job.target());
        if (subscriber == null || failure instanceof CircuitOpenException || exchange.getProperty(STARTED) == null) {
            return;
        }
        breaker(subscriber).onError(elapsed(exchange), TimeUnit.NANOSECONDS, failure);
        exchange.removeProperty(STARTED);
        if (Integer.valueOf(410).equals(HttpFailures.httpStatus(failure))) {
            ledger.disableSubscriber(subscriber.name(), subscriber.fingerprint(), "410 Gone from the subscriber");
            LOG.warn("Webhook subscriber {} answered 410 Gone and is disabled; change its url or revision to re-enable it",
                    subscriber.name());
        }
    }

    /** What operators see at {@code GET /api/v1/webhooks}. */
    public List<SubscriberState> states() {
        return subscribers.values().stream().map(subscriber -> {
            Optional<DeliveryLedger.DisabledSubscriber> disabled = disabled(subscriber);
            return new SubscriberState(subscriber.name(), subscriber.displayUrl(), subscriber.statuses(),
                    disabled.isPresent() ? "DISABLED" : "ENABLED", disabled.map(DeliveryLedger.DisabledSubscriber::disabledAt)
                    .orElse(null), disabled.map(DeliveryLedger.DisabledSubscriber::reason).orElse(null),
                    breaker(subscriber).getState().name());
        }).toList();
    }

    /** Each configured subscriber's circuit, by subscriber name. */
    public Map<String, CircuitBreaker.State> circuitStates() {
        Map<String, CircuitBreaker.State> states = new LinkedHashMap<>();
        subscribers.values().forEach(subscriber -> states.put(subscriber.name(), breaker(subscriber).getState()));
        return states;
    }

    public CircuitBreaker breaker(String subscriber) {
        return breakers.circuitBreaker(subscriber);
    }

    private CircuitBreaker breaker(Subscriber subscriber) {
        return breaker(subscriber.name());
    }

    /** Disabled under the current configuration; a changed url or revision re-enables the subscriber. */
    private Optional<DeliveryLedger.DisabledSubscriber> disabled(Subscriber subscriber) {
        Optional<DeliveryLedger.DisabledSubscriber> state = ledger.disabledSubscriber(subscriber.name());
        if (state.isPresent() && !state.get().fingerprint().equals(subscriber.fingerprint())) {
            ledger.enableSubscriber(subscriber.name());
            LOG.info("Webhook subscriber {} is enabled again: its configuration changed", subscriber.name());
            return Optional.empty();
        }
        return state;
    }

    private String payload(CallOutcome outcome) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "call." + outcome.status().name().toLowerCase(Locale.ROOT));
        payload.put("timestamp", outcome.createdAt());
        payload.put("data", outcome);
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long elapsed(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        return started == null ? 0 : System.nanoTime() - started;
    }

    public record SubscriberState(String name, String url, Set<CallStatus> statuses, String state, Instant disabledAt,
                                  String disabledReason, String circuit) {
    }

    /** An open circuit: the POST was not made. The delivery stays pending and is sent again later. */
    public static final class CircuitOpenException extends RuntimeException {
        CircuitOpenException(String subscriber) {
            super("the circuit of webhook subscriber " + subscriber + " is open; not sent");
        }
    }

    private record Subscriber(String name, String endpoint, String displayUrl, Set<CallStatus> statuses,
                              WebhookSigner signer, String fingerprint) {

        static Subscriber of(NotifyProperties.Subscriber settings, long timeoutMillis, Set<String> names) {
            String name = settings.name();
            if (name == null || !NAME.matcher(name).matches() || !names.add(name)) {
                throw new IllegalStateException("router.notify.webhook.subscribers: each needs a unique name of letters,"
                        + " digits, '-' or '_' (got '" + name + "')");
            }
            URI url;
            try {
                url = URI.create(settings.url() == null ? "" : settings.url());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Webhook subscriber " + name + ": url is not a URL");
            }
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalStateException("Webhook subscriber " + name + ": url must be an http(s) URL");
            }
            if (settings.secrets().isEmpty()) {
                throw new IllegalStateException("Webhook subscriber " + name + ": at least one whsec_ secret is required");
            }
            WebhookSigner signer;
            try {
                signer = new WebhookSigner(settings.secrets());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Webhook subscriber " + name + ": " + e.getMessage());
            }
            // the http component's own options; the subscriber's query string, if any, goes to it unchanged
            String endpoint = settings.url() + (url.getRawQuery() == null ? "?" : "&") + "httpMethod=POST"
                    + "&contentTypeCharsetEnabled=false&followRedirects=false"
                    + "&connectTimeout=" + timeoutMillis + "&responseTimeout=" + timeoutMillis;
            String displayUrl = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                    + (url.getRawPath() == null ? "" : url.getRawPath());
            return new Subscriber(name, endpoint, displayUrl, settings.statuses(), signer,
                    fingerprint(settings.url() + "\n" + settings.revision()));
        }

        private static String fingerprint(String configuration) {
            return RequestIds.shortDigest(configuration);
        }
    }
}
