package io.facetimerouter.trigger.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers, in JSON and before anything else sees the request, what no endpoint serves: methods such
 * as TRACE (405; it would otherwise echo the request's headers back), and form or multipart bodies
 * (415; Camel's HTTP binding would parse them into message headers, and fail on a malformed one).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UnservedRequestFilter extends OncePerRequestFilter {

    static final Set<String> SERVED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

    private final ObjectMapper json;

    public UnservedRequestFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SERVED.contains(request.getMethod())) {
            response.setHeader("Allow", String.join(", ", SERVED));
            JsonErrors.write(json, response, new ErrorBody("method_not_allowed",
                    "This method is not served here", 405));
            return;
        }
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/")) {
            JsonErrors.write(json, response, new ErrorBody("unsupported_media_type",
                    "Form and multipart bodies are not accepted here: send JSON (or text/csv for an audience)", 415));
            return;
        }
        chain.doFilter(request, response);
    }
}
