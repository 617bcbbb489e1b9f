package io.facetimerouter.join;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetimerouter.call.AgoraCredentials;
import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.ledger.CallLedger;
import io.facetimerouter.trigger.http.ErrorBody;
import io.facetimerouter.trigger.http.JsonErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * {@code GET /join/{token}}: the page that joins a call's Agora channel, audio only. A valid token
 * shows its own call and nothing else; an expired one answers 410, anything else 404, and neither
 * says whether the call exists. The page is never cached, never indexed, never sends a referrer.
 */
@Component
public class JoinPage {

    private final JoinTokens tokens;
    private final CallLedger ledger;
    private final ObjectMapper json;
    private final String sdkUrl;
    private final String scriptSources;
    private final String template;
    private final SecureRandom random = new SecureRandom();

    public JoinPage(JoinTokens tokens, CallLedger ledger, ObjectMapper json, JoinProperties properties) {
        this.tokens = tokens;
        this.ledger = ledger;
        this.json = json;
        this.sdkUrl = properties.sdkUrl();
        URI sdk = URI.create(sdkUrl);
        this.scriptSources = sdk.getScheme() + "://" + sdk.getRawAuthority();
        this.template = load();
    }

    /** The page for a browser ({@code Accept: text/html}); its errors in the API's JSON shape for any other client. */
    public void render(Exchange exchange, @Header("token") String token, @Header("Accept") String accept) {
        JoinTokens.Verdict verdict = tokens.verify(token);
        Optional<AgoraCredentials> credentials = verdict.requestId().flatMap(ledger::find).map(CallOutcome::agora);
        boolean browser = accept != null && accept.contains("text/html");
        if (credentials.isEmpty()) {
            error(exchange.getMessage(), browser, 404, "not_found", "invalid", "This call link is not valid.");
        } else if (verdict.expired()) {
            error(exchange.getMessage(), browser, 410, "expired", "expired", "This call link has expired.");
        } else {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("appId", credentials.get().appId());
            call.put("channel", credentials.get().channelName());
            call.put("token", credentials.get().token());
            call.put("uid", credentials.get().uid());
            call.put("expiresAt", verdict.expiresAt().toString());
            respond(exchange.getMessage(), 200, "joining", "Joining the call...", call);
        }
    }

    private void error(Message message, boolean browser, int status, String code, String state, String text) {
        if (browser) {
            respond(message, status, state, text, null);
            return;
        }
        JsonErrors.answer(json, message, status, new ErrorBody(code, text, status));
    }

    private void respond(Message message, int status, String state, String text, Map<String, Object> call) {
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = Base64.getEncoder().encodeToString(nonceBytes);
        String page = template
                .replace("__STATE__", state)
                .replace("__MESSAGE__", text)
                .replace("__SDK_URL__", call == null ? "data:," : escapeAttribute(sdkUrl))
                .replace("__NONCE__", nonce)
                .replace("__CALL__", scriptJson(call));
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("X-Robots-Tag", "noindex");
        message.setHeader("Content-Security-Policy", "script-src 'nonce-" + nonce + "' " + scriptSources
                + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        message.setBody(page);
    }

    /** JSON that stays inside its script element whatever the strings hold. */
    private String scriptJson(Map<String, Object> call) {
        try {
            return json.writeValueAsString(call).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escapeAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String load() {
        try (InputStream page = JoinPage.class.getResourceAsStream("/join/page.html")) {
            return new String(page.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
