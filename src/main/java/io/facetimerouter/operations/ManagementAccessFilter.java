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
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the service's port the actuator endpoints ask for an API key ({@code Authorization: Bearer <key>}),
 * as the API does, except health and its probes, which orchestrators and load balancers call without
 * one. Metrics name campaigns, subscribers and routes: they are not for anyone who can reach the port.
 * (On a management port of its own, which is private, this filter is not installed.)
 */
@Component
public class ManagementAccessFilter extends OncePerRequestFilter {

    private final ApiKeyAuthenticator apiKeys;
    private final ObjectMapper json;

    public ManagementAccessFilter(ApiKeyAuthenticator apiKeys, ObjectMapper json) {
        this.apiKeys = apiKeys;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ActuatorPaths.isActuator(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!ActuatorPaths.isHealth(request) && !apiKeys.accepts(request.getHeader("Authorization"))) {
            JsonErrors.write(json, response, new ErrorBody("unauthorized", new UnauthorizedException().getMessage(), 401));
            return;
        }
        chain.doFilter(request, response);
    }
}
