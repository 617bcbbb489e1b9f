package io.facetimerouter.trigger.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.facetimerouter.sandbox.SandboxMode;
import io.facetimerouter.security.Hmac;
import io.facetimerouter.trigger.http.BadRequestException;
import io.facetimerouter.trigger.http.HttpHeaderPolicy;
import io.facetimerouter.trigger.http.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code POST /webhooks/blooio}: Blooio's signed events. {@code X-Blooio-Signature: t=<unix>,v1=<hex>}
 * is an HMAC-SHA256, keyed with the signing secret, of {@code "<t>.<raw body>"}; it is checked in
 * constant time and refused outside the tolerance. A {@code message.received} whose text is the
 * keyword calls its sender, with request id {@code blooio:<message_id>}: a replay or a redelivery
 * of the same message is answered from the ledger and never calls twice.
 */
@Component
public class BlooioWebhooks {

    static final String SANDBOX_SECRET = "whsec_sandbox";
    private static final Logger LOG = LoggerFactory.getLogger(BlooioWebhooks.class);
    private static final HexFormat HEX = HexFormat.of();

    private final InboundMessages messages;
    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    public BlooioWebhooks(InboundMessages messages, InboundProperties properties, SandboxMode sandbox, Clock clock) {
        this.messages = messages;
        this.tolerance = properties.blooio().tolerance();
        this.clock = clock;
        String configured = properties.blooio().signingSecret();
        if (configured != null && !configured.isBlank()) {
            this.secret = configured;
        } else if (sandbox.active()) {
            this.secret = SANDBOX_SECRET;
            LOG.warn("ROUTER_INBOUND_BLOOIO_SIGNINGSECRET is not set: sandbox mode accepts Blooio webhooks signed with '{}'",
                    SANDBOX_SECRET);
        } else {
            this.secret = null;
            LOG.info("ROUTER_INBOUND_BLOOIO_SIGNINGSECRET is not set: POST /webhooks/blooio refuses every request");
        }
    }

    public void verify(Exchange exchange) {
        if (secret == null) {
            throw new UnauthorizedException("Blooio webhooks are not enabled on this service");
        }
        String header = HttpHeaderPolicy.requestHeader(exchange, "X-Blooio-Signature");
        if (header == null) {
            header = HttpHeaderPolicy.requestHeader(exchange, "Blooio-Signature");
        }
        if (header == null) {
            throw new UnauthorizedException("Missing X-Blooio-Signature header");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                timestamp = parseLong(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new UnauthorizedException("Malformed X-Blooio-Signature header: expected t=<unix seconds>,v1=<hex>");
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            throw new UnauthorizedException("The X-Blooio-Signature timestamp is more than " + tolerance.toMinutes()
                    + " minutes from now");
        }
        byte[] body = InboundMessages.rawBody(exchange);
        byte[] signed = concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        byte[] expected = Hmac.sha256(secret, signed);
        boolean match = false;
        for (String signature : signatures) {
            match |= Hmac.constantTimeEquals(expected, parseHex(signature));
        }
        if (!match) {
            throw new UnauthorizedException("The X-Blooio-Signature does not match the body");
        }
    }

    public void handle(Exchange exchange) {
        JsonNode event = messages.read(exchange);
        String type = event.path("event").asText(exchange.getMessage().getHeader("X-Blooio-Event", "", String.class));
        if (!"message.received".equals(type)) {
            messages.ignore(exchange, (type.isBlank() ? "an event without a type" : "event " + type) + " does not start calls");
            return;
        }
        if (!messages.asksForCall(event.path("text").asText(null))) {
            messages.ignore(exchange, "the message is not the call keyword");
            return;
        }
        String messageId = event.path("message_id").asText("");
        String sender = event.path("external_id").asText("");
        if (messageId.isBlank() || sender.isBlank()) {
            throw new BadRequestException("malformed_webhook", "A message.received event needs message_id and external_id");
        }
        messages.requestCall(exchange, "blooio", messageId, sender);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] parseHex(String value) {
        try {
            return HEX.parseHex(value.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
