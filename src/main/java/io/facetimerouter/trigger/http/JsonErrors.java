package io.facetimerouter.trigger.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The service's JSON answers: on a route's message, and where no route runs (servlet filters and the
 * container), its error body.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** An error code from a reason phrase: "Method Not Allowed" is {@code method_not_allowed}. */
    public static String code(String reasonPhrase) {
        return reasonPhrase.toLowerCase(Locale.ROOT).replace(' ', '_').replace("-", "_");
    }

    /** Makes the message a JSON answer; request headers (Authorization among them) never travel back as response headers. */
    public static void answer(ObjectMapper json, Message message, int status, Object body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(ObjectMapper json, HttpServletResponse response, ErrorBody body) throws IOException {
        response.setStatus(body.status());
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), body);
    }
}
