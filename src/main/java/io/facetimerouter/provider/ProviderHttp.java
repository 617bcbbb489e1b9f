package io.facetimerouter.provider;

import io.facetimerouter.resilience.MalformedResponseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/** HTTP plumbing the provider adapters share: endpoint URIs with timeouts, JSON in and out. */
@Component
public class ProviderHttp {

    private final ObjectMapper json;
    private final ProviderProperties properties;

    public ProviderHttp(ObjectMapper json, ProviderProperties properties) {
        this.json = json;
        this.properties = properties;
    }

    /** A camel-http endpoint for starting calls; the client's own retries are off component-wide. */
    public String callUri(String url) {
        return uri(url, "POST", properties.responseTimeout());
    }

    public String lookupUri(String url) {
        return uri(url, "GET", properties.lookupTimeout());
    }

    /**
     * A camel-http endpoint for sending messages: every status comes back as an answer, so the
     * adapter decides (a 409 can mean "already sent"); {@link #failure} turns the others into errors.
     */
    public String messageUri(String url) {
        return uri(url, "POST", properties.responseTimeout()) + "&throwExceptionOnFailure=false";
    }

    /** The error camel-http would have raised for this answer, Retry-After included, for the same classification. */
    public static HttpOperationFailedException failure(Exchange exchange) {
        Map<String, String> headers = new HashMap<>();
        String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
        if (retryAfter != null) {
            headers.put("Retry-After", retryAfter);
        }
        return new HttpOperationFailedException(exchange.getProperty(Exchange.TO_ENDPOINT, String.class),
                status(exchange), null, null, headers, null);
    }

    public static boolean isSuccess(Exchange exchange) {
        int status = status(exchange);
        return status >= 200 && status < 300;
    }

    private String uri(String url, String method, Duration responseTimeout) {
        // contentTypeCharsetEnabled=false: send Content-Type exactly as the providers document it
        return url + "?httpMethod=" + method + "&contentTypeCharsetEnabled=false"
                + "&connectTimeout=" + properties.connectTimeout().toMillis()
                + "&responseTimeout=" + responseTimeout.toMillis();
    }

    public void writeJson(Exchange exchange, Object body) {
        try {
            exchange.getMessage().setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    }

    /** The response body as JSON; anything else is a malformed answer. */
    public JsonNode readJson(Exchange exchange) {
        int status = status(exchange);
        String body = exchange.getMessage().getBody(String.class);
        try {
            JsonNode node = body == null ? null : json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MalformedResponseException(status, "body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(status, "body is not JSON");
        }
    }

    public static String requiredText(JsonNode node, String field, int status) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedResponseException(status, "missing " + field);
        }
        return value.asText();
    }

    public static int status(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
    }
}
