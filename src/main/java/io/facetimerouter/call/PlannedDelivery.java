package io.facetimerouter.call;

import java.time.Instant;

/**
 * One delivery of an outcome to a notification channel.
 *
 * @param channel     the channel's name: {@code kafka}, {@code webhook}, {@code message} or {@code log}
 * @param target      what the channel delivers to: a subscriber's name, the contact, the topic
 * @param deliveryId  stable for the outcome and target, so receivers can deduplicate repeated deliveries
 * @param deliveredAt when it was delivered before its outcome was stored (the {@code log} channel's line);
 *                    null for a delivery still to be made
 */
public record PlannedDelivery(String channel, String target, String deliveryId, Instant deliveredAt) {

    public PlannedDelivery(String channel, String target, String deliveryId) {
        this(channel, target, deliveryId, null);
    }

    public PlannedDelivery delivered(Instant at) {
        return new PlannedDelivery(channel, target, deliveryId, at);
    }

    public boolean isDelivered() {
        return deliveredAt != null;
    }
}
