package io.facetimerouter.trigger.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messaging webhooks as call triggers.
 *
 * @param keyword  the text that asks for a call; case and spaces are ignored
 * @param blooio   {@code POST /webhooks/blooio}
 * @param sendblue {@code POST /webhooks/sendblue}
 */
@ConfigurationProperties("router.inbound")
public record InboundProperties(
        @DefaultValue("CALL ME") String keyword,
        @DefaultValue Blooio blooio,
        @DefaultValue Sendblue sendblue) {

    /**
     * @param signingSecret the webhook's signing secret ({@code whsec_...}) from Blooio's dashboard
     * @param tolerance     the largest difference between a signature's timestamp and the clock
     */
    public record Blooio(String signingSecret, @DefaultValue("5m") Duration tolerance) {
    }

    /** @param signingSecret the value Sendblue sends in the {@code sb-signing-secret} header */
    public record Sendblue(String signingSecret) {
    }
}
