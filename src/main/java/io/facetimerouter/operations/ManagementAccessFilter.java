package io.facetimerouter.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetimerouter.trigger.http.ErrorBody;
import io.facetimerouter.trigger.http.JsonErrors;
import io.facetimerouter.trigger.http.UnauthorizedException;
import io.facetimerouter.trigger.rest.ApiKeyAuthenticator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The actuator endpoints ask for an API key ({@code Authorization: Bearer <key>}), as the API does,
 * except health and its probes, which orchestrators and load balancers call without one. Metrics
 * name campaigns, subscribers and routes: they are not for anyone who can reach the port. An
 * actuator error that has no body (an unknown health component, say) is answered in JSON, as every
 * other error of the service is.
 */
@Component
public class ManagementAccessFilter extends OncePerRequestFilter {

    private static final String ACTUATOR = "/actuator";
    private static final String HEALTH = ACTUATOR + "/health";
    private static final String PROMETHEUS = ACTUATOR + "/prometheus";

    private final ApiKeyAuthenticator apiKeys;
    private final ObjectMapper json;

    public ManagementAccessFilter(ApiKeyAuthenticator apiKeys, ObjectMapper json) {
        this.apiKeys = apiKeys;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !under(ACTUATOR, path(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        if (!under(HEALTH, path) && !apiKeys.accepts(request.getHeader("Authorization"))) {
            JsonErrors.write(json, response, new ErrorBody("unauthorized", new UnauthorizedException().getMessage(), 401));
            return;
        }
        if (path.equals(PROMETHEUS)) {
            // the one large answer, and never a body-less error: no copy of every scrape
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, answer);
        if (answer.getStatus() >= 400 && answer.getContentSize() == 0) {
            HttpStatus status = HttpStatus.resolve(answer.getStatus());
            String reason = status == null ? "Error" : status.getReasonPhrase();
            answer.resetBuffer();
            JsonErrors.write(json, answer, new ErrorBody(JsonErrors.code(reason), reason, answer.getStatus()));
        }
        answer.copyBodyToResponse();
    }

    /** Decoded and normalised by the container: no "..", ";" or %-escape leads around the checks. */
    private static String path(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    private static boolean under(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
