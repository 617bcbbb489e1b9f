package io.facetimerouter.provider.blooio;

import com.fasterxml.jackson.databind.JsonNode;
import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.Capabilities;
import io.facetimerouter.call.Handle;
import io.facetimerouter.notify.Deliveries;
import io.facetimerouter.notify.MessageSender;
import io.facetimerouter.provider.FaceTimeProvider;
import io.facetimerouter.resilience.MalformedResponseException;
import io.facetimerouter.provider.ProviderHttp;
import io.facetimerouter.sandbox.SandboxMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Blooio v2: {@code POST /facetime/calls {handle}} answers a facetime.apple.com link valid for 3 hours;
 * {@code GET /contacts/{contact}/capabilities} answers iMessage, SMS and FaceTime support;
 * {@code POST /chats/{contact}/messages} sends a text, made idempotent by the {@code Idempotency-Key}
 * header (a reused key answers 409: the message was already sent). Blooio is the first capability
 * source because it has no published lookup limit, and the first message sender.
 */
@Component
@Order(1)
public class BlooioAdapter implements FaceTimeProvider, MessageSender {

    static final String NAME = "blooio";
    private static final String LINK_PREFIX = "https://facetime.apple.com/join";
    private static final Duration LINK_VALIDITY = Duration.ofHours(3);

    private final ProviderHttp http;
    private final Clock clock;
    private final boolean enabled;
    private final String baseUrl;
    private final String authorization;

    public BlooioAdapter(BlooioProperties properties, SandboxMode sandbox, ProviderHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
        this.enabled = sandbox.active() || properties.hasCredentials();
        this.baseUrl = sandbox.active() ? sandbox.blooioBaseUrl() : properties.baseUrl();
        this.authorization = "Bearer " + (sandbox.active() ? SandboxMode.SANDBOX_KEY : properties.apiKey());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public boolean accepts(Handle handle) {
        return true;
    }

    @Override
    public String startCallUri() {
        return http.callUri(baseUrl + "/facetime/calls");
    }

    @Override
    public void prepareStartCall(Exchange exchange) {
        CallContext call = CallContext.in(exchange);
        http.writeJson(exchange, Map.of("handle", call.getHandle()));
        exchange.getMessage().setHeader("Authorization", authorization);
    }

    @Override
    public void readStartCall(Exchange exchange) {
        CallContext call = CallContext.in(exchange);
        int status = ProviderHttp.status(exchange);
        JsonNode body = http.readJson(exchange);
        String link = ProviderHttp.requiredText(body, "link", status);
        if (!body.path("success").asBoolean(false) || !link.startsWith(LINK_PREFIX)) {
            throw new MalformedResponseException(status, "no FaceTime link in a successful answer");
        }
        call.recordAttempt(NAME, status, null);
        call.linkCreated(NAME, link, clock.instant().plus(LINK_VALIDITY), null);
    }

    @Override
    public boolean canMessage(String handle) {
        return true;
    }

    @Override
    public String messageUri() {
        return http.messageUri(baseUrl + "/chats");
    }

    @Override
    public void prepareMessage(Exchange exchange, OutgoingMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", message.text());
        if (message.protocol() != null) {
            // as Blooio's own contact-flow guide does: Blooio picks the protocol, the expectation is kept for analytics
            body.put("metadata", Map.of("expected_protocol", message.protocol()));
        }
        http.writeJson(exchange, body);
        exchange.getMessage().setHeader(Exchange.HTTP_PATH,
                "/" + URLEncoder.encode(message.handle(), StandardCharsets.UTF_8) + "/messages");
        exchange.getMessage().setHeader("Authorization", authorization);
        exchange.getMessage().setHeader("Idempotency-Key", message.idempotencyKey());
    }

    @Override
    public void readMessage(Exchange exchange) throws HttpOperationFailedException {
        int status = ProviderHttp.status(exchange);
        if (status == 409) {
            exchange.setProperty(Deliveries.DETAIL, exchange.getProperty(Deliveries.DETAIL, String.class)
                    + "; already sent (409 for the same Idempotency-Key)");
            return;
        }
        if (!ProviderHttp.isSuccess(exchange)) {
            throw ProviderHttp.failure(exchange);
        }
        if ("failed".equals(http.readJson(exchange).path("status").asText())) {
            throw new MalformedResponseException(status, "Blooio reports the message as failed");
        }
    }

    /** {@code GET /contacts}: the account's contact list, read by {@link BlooioContactPages}. */
    String contactsUri() {
        return http.lookupUri(baseUrl + "/contacts");
    }

    void authenticate(Exchange exchange) {
        exchange.getMessage().setHeader("Authorization", authorization);
    }

    @Override
    public String capabilitiesUri() {
        return http.lookupUri(baseUrl + "/contacts");
    }

    @Override
    public void prepareCapabilityLookup(Exchange exchange) {
        CallContext call = CallContext.in(exchange);
        // '+' must travel as %2B, or Blooio reads a space
        String contact = URLEncoder.encode(call.getHandle(), StandardCharsets.UTF_8);
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/" + contact + "/capabilities");
        exchange.getMessage().setHeader("Authorization", authorization);
    }

    @Override
    public void readCapabilities(Exchange exchange) {
        CallContext call = CallContext.in(exchange);
        JsonNode capabilities = http.readJson(exchange).path("capabilities");
        if (!capabilities.isObject()) {
            throw new MalformedResponseException(ProviderHttp.status(exchange), "missing capabilities");
        }
        boolean imessage = capabilities.path("imessage").asBoolean(false);
        // the FaceTime flag is newer than the endpoint; without it, iMessage tells an Apple device
        boolean facetime = capabilities.path("facetime").asBoolean(imessage);
        call.setCapabilities(Capabilities.of(imessage, capabilities.path("sms").asBoolean(false), facetime, NAME,
                Instant.now(clock)));
    }
}
