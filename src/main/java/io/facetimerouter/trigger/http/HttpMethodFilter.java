package io.facetimerouter.trigger.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 405 in JSON to methods no endpoint serves, TRACE among them, before anything else sees
 * the request: TRACE would otherwise echo the request's headers back.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HttpMethodFilter extends OncePerRequestFilter {

    private static final Set<String> SERVED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

    private final ObjectMapper json;

    public HttpMethodFilter(ObjectMapper json) {
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
        chain.doFilter(request, response);
    }
}
