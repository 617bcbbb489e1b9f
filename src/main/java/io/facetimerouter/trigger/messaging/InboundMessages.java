package io.facetimerouter.trigger.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetimerouter.call.CallRequest;
import io.facetimerouter.call.RequestIds;
import io.facetimerouter.trigger.http.BadRequestException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the messaging webhooks share: reading the raw body once, the keyword test, the call request a
 * matching message becomes, and the quick answer that keeps the sender from retrying.
 */
@Component
public class InboundMessages {

    /** Exchange property: the call request to place, when the message asked for one. */
    public static final String CALL_REQUEST = "inboundCallRequest";
    private static final String IGNORED = "inboundIgnored";
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);

    private final ObjectMapper json;
    private final String keyword;

    public InboundMessages(ObjectMapper json, InboundProperties properties) {
        this.json = json;
        this.keyword = normalise(properties.keyword());
    }

    /** The body exactly as received, kept as bytes: signatures are over these bytes, not a re-encoding. */
    public static byte[] rawBody(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        exchange.getMessage().setBody(body);
        return body;
    }

    public JsonNode read(Exchange exchange) {
        try {
            JsonNode body = json.readTree(rawBody(exchange));
            if (body == null || !body.isObject()) {
                throw new BadRequestException("malformed_webhook", "The webhook body is not a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new BadRequestException("malformed_webhook", "The webhook body is not JSON");
        }
    }

    public boolean asksForCall(String text) {
        return text != null && normalise(text).equals(keyword);
    }

    /** The message asks for a call: {@code direct:enqueue-call} hands it to the pipeline. */
    public void requestCall(Exchange exchange, String source, String messageId, String sender) {
        String requestId = RequestIds.scoped(source + ":", messageId);
        exchange.setProperty(CALL_REQUEST, new CallRequest(requestId, sender, "auto",
                Map.of("trigger", source + "-webhook"), null));
        LOG.info("{} message {} asks for a call", source, messageId);
    }

    public void ignore(Exchange exchange, String reason) {
        exchange.setProperty(IGNORED, reason);
    }

    /** Answers 200 at once, so the sender does not retry: the call itself runs asynchronously. */
    public void acknowledge(Exchange exchange) {
        CallRequest request = exchange.getProperty(CALL_REQUEST, CallRequest.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("received", true);
        if (request != null) {
            body.put("requestId", request.requestId());
        } else {
            body.put("ignored", exchange.getProperty(IGNORED, String.class));
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalise(String text) {
        return SPACES.matcher(text).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
