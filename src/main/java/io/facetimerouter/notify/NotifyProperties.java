package io.facetimerouter.notify;

import io.facetimerouter.call.CallStatus;
import io.facetimerouter.resilience.CircuitBreakerSettings;
import io.facetimerouter.resilience.RetrySettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where outcomes are delivered.
 *
 * @param defaultChannels channels for requests that name none
 * @param deliveryLease   a pending delivery not attempted for this long was abandoned (a crash, an open
 *                        circuit) and is sent again
 * @param recoveryInterval how often abandoned deliveries are looked for
 * @param giveUpAfter     a delivery still not through this long after its outcome ends FAILED
 * @param retry           retries of the webhook and message channels on timeouts, 429 and 5xx
 * @param webhook         the webhook channel
 * @param message         the message channel
 */
@ConfigurationProperties("router.notify")
public record NotifyProperties(
        @DefaultValue("log") List<String> defaultChannels,
        @DefaultValue("5m") Duration deliveryLease,
        @DefaultValue("30s") Duration recoveryInterval,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue RetrySettings retry,
        @DefaultValue Webhook webhook,
        @DefaultValue Message message) {

    /**
     * @param timeout        connect and response timeout of each POST
     * @param concurrency    deliveries in flight at once
     * @param circuitBreaker settings of each subscriber's circuit breaker
     * @param subscribers    the only URLs the channel ever calls
     */
    public record Webhook(
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("8") int concurrency,
            @DefaultValue CircuitBreakerSettings circuitBreaker,
            List<Subscriber> subscribers) {

        public Webhook {
            subscribers = subscribers == null ? List.of() : List.copyOf(subscribers);
        }
    }

    /**
     * @param name     identifies the subscriber in deliveries, logs and webhook ids
     * @param url      where outcomes are POSTed
     * @param secrets  {@code whsec_} secrets; each signs every delivery, so a secret can be rotated without a gap
     * @param statuses the outcome statuses the subscriber wants; all when empty
     * @param revision bump to re-enable a subscriber that a 410 disabled (a changed url does too)
     */
    public record Subscriber(String name, String url, List<String> secrets, Set<CallStatus> statuses,
                             @DefaultValue("0") int revision) {

        public Subscriber {
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
            statuses = statuses == null || statuses.isEmpty() ? EnumSet.allOf(CallStatus.class) : Set.copyOf(statuses);
        }
    }

    /**
     * @param template    the text sent to the contact; {@code {link}} is replaced by the link, unchanged
     * @param concurrency messages in flight at once
     */
    public record Message(
            @DefaultValue("Your FaceTime call is ready: {link}") String template,
            @DefaultValue("4") int concurrency) {
    }
}
