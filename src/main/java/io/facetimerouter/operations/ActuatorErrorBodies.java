package io.facetimerouter.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetimerouter.trigger.http.ErrorBody;
import io.facetimerouter.trigger.http.JsonErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * An actuator error that has no body (an unknown health component, say) is answered in JSON, as every
 * other error of the service is: on the service's port and on a management port of its own.
 */
public class ActuatorErrorBodies extends OncePerRequestFilter {

    private final ObjectMapper json;

    public ActuatorErrorBodies(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the scrape is the one large answer, and never a body-less error: no copy of every scrape
        return !ActuatorPaths.isActuator(request) || ActuatorPaths.isScrape(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
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
}
