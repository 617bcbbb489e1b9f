package io.facetimerouter.trigger.messaging;

import io.facetimerouter.call.RequestIds;
import com.fasterxml.jackson.databind.JsonNode;
import io.facetimerouter.sandbox.SandboxMode;
import io.facetimerouter.security.Hmac;
import io.facetimerouter.trigger.http.BadRequestException;
import io.facetimerouter.trigger.http.HttpHeaderPolicy;
import io.facetimerouter.trigger.http.UnauthorizedException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code POST /webhooks/sendblue}: Sendblue's events, authenticated by the shared secret in the
 * {@code sb-signing-secret} header (compared in constant time). A received message whose
 * {@code content} is the keyword calls its {@code number}, with request id
 * {@code sendblue:<message_handle>}, so a redelivery never calls twice.
 */
@Component
public class SendblueWebhooks {

    static final String SANDBOX_SECRET = "sandbox";
    private static final Logger LOG = LoggerFactory.getLogger(SendblueWebhooks.class);

    private final InboundMessages messages;
    private final String secret;

    public SendblueWebhooks(InboundMessages messages, InboundProperties properties, SandboxMode sandbox) {
        this.messages = messages;
        String configured = properties.sendblue().signingSecret();
        if (configured != null && !configured.isBlank()) {
            this.secret = configured;
        } else if (sandbox.active()) {
            this.secret = SANDBOX_SECRET;
            LOG.warn("ROUTER_INBOUND_SENDBLUE_SIGNINGSECRET is not set: sandbox mode accepts Sendblue webhooks with"
                    + " sb-signing-secret '{}'", SANDBOX_SECRET);
        } else {
            this.secret = null;
            LOG.info("ROUTER_INBOUND_SENDBLUE_SIGNINGSECRET is not set: POST /webhooks/sendblue refuses every request");
        }
    }

    public void verify(Exchange exchange) {
        if (secret == null) {
            throw new UnauthorizedException("Sendblue webhooks are not enabled on this service");
        }
        String presented = HttpHeaderPolicy.requestHeader(exchange, "sb-signing-secret");
        if (presented == null) {
            throw new UnauthorizedException("Missing sb-signing-secret header");
        }
        if (!Hmac.secretsEqual(secret, presented)) {
            throw new UnauthorizedException("The sb-signing-secret header does not match");
        }
    }

    public void handle(Exchange exchange) {
        JsonNode event = messages.read(exchange);
        if (event.path("is_outbound").asBoolean(false)) {
            messages.ignore(exchange, "outbound messages do not start calls");
            return;
        }
        if (!messages.asksForCall(event.path("content").asText(null))) {
            messages.ignore(exchange, "the message is not the call keyword");
            return;
        }
        String sender = event.path("number").asText("");
        if (sender.isBlank()) {
            throw new BadRequestException("malformed_webhook", "A received message needs number");
        }
        String messageId = event.path("message_handle").asText("");
        if (messageId.isBlank()) {
            // no handle: the same body redelivered still maps to the same request
            messageId = "body-" + RequestIds.shortDigest(event.toString());
        }
        messages.requestCall(exchange, "sendblue", messageId, sender);
    }
}
