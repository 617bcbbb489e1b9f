package io.facetimerouter.provider.sendblue;

import com.fasterxml.jackson.databind.JsonNode;
import io.facetimerouter.call.AgoraCredentials;
import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.Capabilities;
import io.facetimerouter.call.Handle;
import io.facetimerouter.notify.MessageSender;
import io.facetimerouter.provider.FaceTimeProvider;
import io.facetimerouter.resilience.MalformedResponseException;
import io.facetimerouter.provider.ProviderHttp;
import io.facetimerouter.sandbox.SandboxMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Sendblue: {@code POST /facetime/start-call {phoneNumber, fromNumber}} answers Agora audio
 * credentials (no link); {@code fromNumber} rotates over the configured lines. Phones only.
 * {@code GET /api/evaluate-service} tells iMessage from SMS, limited to 30 lookups an hour.
 * {@code POST /api/send-message {number, from_number, content}} sends a text; Sendblue documents no
 * idempotency key, so a retry after a timeout can send a message twice.
 */
@Component
@Order(2)
public class SendblueAdapter implements FaceTimeProvider, MessageSender {

    static final String NAME = "sendblue";
    private static final Logger LOG = LoggerFactory.getLogger(SendblueAdapter.class);

    private final ProviderHttp http;
    private final Clock clock;
    private final boolean enabled;
    private final String baseUrl;
    private final String apiKeyId;
    private final String apiSecretKey;
    private final List<String> fromNumbers;
    private final AtomicInteger nextLine = new AtomicInteger();

    public SendblueAdapter(SendblueProperties properties, SandboxMode sandbox, ProviderHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
        this.baseUrl = sandbox.active() ? sandbox.sendblueBaseUrl() : properties.baseUrl();
        this.apiKeyId = sandbox.active() ? SandboxMode.SANDBOX_KEY : properties.apiKeyId();
        this.apiSecretKey = sandbox.active() ? SandboxMode.SANDBOX_KEY : properties.apiSecretKey();
        this.fromNumbers = sandbox.active() && properties.fromNumbers().isEmpty()
                ? List.of(SandboxMode.SANDBOX_SENDBLUE_LINE) : properties.fromNumbers();
        this.enabled = sandbox.active() || (properties.hasCredentials() && !fromNumbers.isEmpty());
        if (!sandbox.active() && properties.hasCredentials() && fromNumbers.isEmpty()) {
            LOG.warn("Sendblue credentials are set but SENDBLUE_FROM_NUMBERS is empty: Sendblue will not be used");
        }
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
        return handle.isPhone();
    }

    @Override
    public String startCallUri() {
        return http.callUri(baseUrl + "/facetime/start-call");
    }

    @Override
    public void prepareStartCall(Exchange exchange) {
        CallContext call = CallContext.in(exchange);
        http.writeJson(exchange, Map.of("phoneNumber", call.getHandle(), "fromNumber", nextLine()));
        authenticate(exchange);
    }

    @Override
    public void readStartCall(Exchange exchange) {
        CallContext call = CallContext.in(exchange);
        int status = ProviderHttp.status(exchange);
        JsonNode body = http.readJson(exchange);
        JsonNode agora = body.path("agora");
        if (!"OK".equalsIgnoreCase(body.path("status").asText()) || !agora.isObject()) {
            throw new MalformedResponseException(status, "no Agora credentials in a successful answer");
        }
        AgoraCredentials credentials = new AgoraCredentials(
                ProviderHttp.requiredText(agora, "appId", status),
                ProviderHttp.requiredText(agora, "channelName", status),
                ProviderHttp.requiredText(agora, "token", status),
                agora.path("uid").asLong(0));
        call.recordAttempt(NAME, status, null);
        call.linkCreated(NAME, null, null, credentials);
    }

    @Override
    public boolean canMessage(String handle) {
        return !handle.contains("@");
    }

    @Override
    public String messageUri() {
        return http.messageUri(baseUrl + "/api/send-message");
    }

    @Override
    public void prepareMessage(Exchange exchange, OutgoingMessage message) {
        http.writeJson(exchange, Map.of("number", message.handle(), "from_number", nextLine(), "content", message.text()));
        authenticate(exchange);
    }

    @Override
    public void readMessage(Exchange exchange) throws HttpOperationFailedException {
        if (!ProviderHttp.isSuccess(exchange)) {
            throw ProviderHttp.failure(exchange);
        }
        String status = http.readJson(exchange).path("status").asText("");
        if ("ERROR".equalsIgnoreCase(status) || "DECLINED".equalsIgnoreCase(status)) {
            throw new MalformedResponseException(ProviderHttp.status(exchange), "Sendblue reports the message as "
                    + status);
        }
    }

    @Override
    public String capabilitiesUri() {
        return http.lookupUri(baseUrl + "/api/evaluate-service");
    }

    @Override
    public void prepareCapabilityLookup(Exchange exchange) {
        CallContext call = CallContext.in(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY,
                "number=" + URLEncoder.encode(call.getHandle(), StandardCharsets.UTF_8));
        authenticate(exchange);
    }

    @Override
    public void readCapabilities(Exchange exchange) {
        CallContext call = CallContext.in(exchange);
        String service = ProviderHttp.requiredText(http.readJson(exchange), "service", ProviderHttp.status(exchange));
        // Sendblue reports iMessage or SMS only; an iMessage contact is on an Apple device and so has FaceTime
        boolean imessage = "iMessage".equalsIgnoreCase(service);
        call.setCapabilities(Capabilities.of(imessage, true, imessage, NAME, Instant.now(clock)));
    }

    /** The lines take turns, so no line's daily and hourly limits are spent before the others'. */
    private String nextLine() {
        return fromNumbers.get(Math.floorMod(nextLine.getAndIncrement(), fromNumbers.size()));
    }

    private void authenticate(Exchange exchange) {
        exchange.getMessage().setHeader("sb-api-key-id", apiKeyId);
        exchange.getMessage().setHeader("sb-api-secret-key", apiSecretKey);
    }
}
