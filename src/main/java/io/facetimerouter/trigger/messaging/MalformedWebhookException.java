package io.facetimerouter.trigger.messaging;

/** A signed webhook whose body cannot be read: answered 400, since a retry would not help. */
public class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String message) {
        super(message);
    }
}
