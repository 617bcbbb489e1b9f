package io.facetimerouter.call;

/**
 * One delivery of an outcome to a notification channel.
 *
 * @param channel    the channel's name: {@code kafka}, {@code webhook}, {@code message} or {@code log}
 * @param target     what the channel delivers to: a subscriber's name, the contact, the topic
 * @param deliveryId stable for the outcome and target, so receivers can deduplicate repeated deliveries
 */
public record PlannedDelivery(String channel, String target, String deliveryId) {
}
