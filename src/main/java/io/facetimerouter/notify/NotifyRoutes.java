package io.facetimerouter.notify;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The typed core of the channels whose routes are in {@code routes/notify-channels.yaml}: one
 * attempt of an HTTP delivery each (the channel route's configuration retries the whole attempt,
 * so every retry is freshly signed), and the recovery of abandoned deliveries.
 */
@Component
public class NotifyRoutes extends RouteBuilder {

    private final WebhookChannel webhooks;
    private final MessageChannel messages;
    private final Notifications notifications;
    private final Deliveries deliveries;
    private final NotifyProperties properties;

    public NotifyRoutes(WebhookChannel webhooks, MessageChannel messages, Notifications notifications,
                        Deliveries deliveries, NotifyProperties properties) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.messages = messages;
        this.notifications = notifications;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("direct:webhook-send").routeId("webhook-send")
                .process(deliveries::dropIfExpired)
                .process(webhooks::prepare)
                .toD("${exchangeProperty." + WebhookChannel.ENDPOINT + "}")
                .process(webhooks::succeeded);

        from("direct:message-send").routeId("message-send")
                .process(deliveries::dropIfExpired)
                .process(messages::prepare)
                .toD("${exchangeProperty." + MessageChannel.ENDPOINT + "}")
                .process(messages::read);

        from("scheduler:notify-recovery?initialDelay=" + properties.recoveryInterval().toMillis()
                + "&delay=" + properties.recoveryInterval().toMillis()).routeId("notify-recovery")
                .bean(notifications, "recoverAbandoned");
    }
}
