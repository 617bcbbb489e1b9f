package io.facetimerouter.notify;

import io.facetimerouter.call.Capabilities;
import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.call.Handle;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * The {@code message} channel's typed core: the link texted to the contact on the best channel,
 * iMessage when the contact has it, else SMS, by the first sender that can reach the contact
 * (Blooio, then Sendblue). The link goes into the template exactly as it is: its {@code #} part is
 * the key of a FaceTime call.
 */
@Component
public class MessageChannel {

    static final String ENDPOINT = "messageEndpoint";
    private static final String SENDER = "messageSender";
    private static final String LINK = "{link}";

    private final List<MessageSender> senders;
    private final Map<String, MessageSender> byName;
    private final Deliveries deliveries;
    private final String template;

    public MessageChannel(List<MessageSender> senders, Deliveries deliveries, NotifyProperties properties) {
        this.senders = senders.stream().filter(MessageSender::enabled).toList();
        this.byName = this.senders.stream().collect(Collectors.toMap(MessageSender::name, Function.identity()));
        this.deliveries = deliveries;
        this.template = properties.message().template();
        if (!template.contains(LINK)) {
            throw new IllegalStateException("router.notify.message.template must contain " + LINK);
        }
    }

    public void prepare(Exchange exchange) {
        DeliveryJob job = Deliveries.in(exchange);
        CallOutcome outcome = job.outcome();
        MessageSender sender = senders.stream().filter(candidate -> candidate.canMessage(outcome.handle()))
                .findFirst().orElse(null);
        if (sender == null) {
            deliveries.end(exchange, Deliveries.FAILED, "no message sender can reach " + Handle.mask(outcome.handle()));
            return;
        }
        Capabilities capabilities = outcome.capabilities();
        String protocol = protocol(capabilities);
        if (capabilities != null && capabilities.known() && protocol == null) {
            deliveries.end(exchange, Deliveries.FAILED, "the contact has neither iMessage nor SMS");
            return;
        }
        String text = template.replace(LINK, outcome.link());
        sender.prepareMessage(exchange, new MessageSender.OutgoingMessage(outcome.handle(), text, protocol,
                job.deliveryId()));
        exchange.setProperty(SENDER, sender.name());
        exchange.setProperty(ENDPOINT, sender.messageUri());
        exchange.setProperty(Deliveries.DETAIL, "via " + sender.name() + " as "
                + (protocol == null ? "the sender's best protocol (capabilities unknown)" : protocol));
    }

    public void read(Exchange exchange) throws HttpOperationFailedException {
        byName.get(exchange.getProperty(SENDER, String.class)).readMessage(exchange);
    }

    /** iMessage when the contact has it, else SMS; null when unknown or when the contact has neither. */
    static String protocol(Capabilities capabilities) {
        if (capabilities == null || !capabilities.known()) {
            return null;
        }
        if (Boolean.TRUE.equals(capabilities.imessage())) {
            return "imessage";
        }
        return Boolean.TRUE.equals(capabilities.sms()) ? "sms" : null;
    }
}
