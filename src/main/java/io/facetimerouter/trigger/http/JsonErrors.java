package io.facetimerouter.trigger.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/** Writes the service's JSON error body where no route runs: servlet filters and the container. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** An error code from a reason phrase: "Method Not Allowed" is {@code method_not_allowed}. */
    public static String code(String reasonPhrase) {
        return reasonPhrase.toLowerCase(Locale.ROOT).replace(' ', '_').replace("-", "_");
    }

    public static void write(ObjectMapper json, HttpServletResponse response, ErrorBody body) throws IOException {
        response.setStatus(body.status());
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), body);
    }
}
