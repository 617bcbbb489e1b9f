package io.facetimerouter.notify;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * A provider that can send the contact a text message: the vendor side of the {@code message}
 * channel. Senders are asked in adapter order; the first enabled one that can reach the contact sends.
 */
public interface MessageSender {

    String name();

    boolean enabled();

    /** Whether this sender can message the handle at all (a phone line cannot text an email address). */
    boolean canMessage(String handle);

    /** A camel-http endpoint that answers every status without throwing: {@link #readMessage} judges it. */
    String messageUri();

    void prepareMessage(Exchange exchange, OutgoingMessage message);

    /** Accepts the answer, or throws what camel-http would have for a failed one. */
    void readMessage(Exchange exchange) throws HttpOperationFailedException;

    /**
     * @param protocol       {@code imessage} or {@code sms} when the contact's capabilities are known, else null
     * @param idempotencyKey the same for every attempt of the same delivery
     */
    record OutgoingMessage(String handle, String text, String protocol, String idempotencyKey) {
    }
}
