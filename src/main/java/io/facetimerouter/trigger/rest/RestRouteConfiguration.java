package io.facetimerouter.trigger.rest;

import io.facetimerouter.trigger.http.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Shared by every REST handler route ({@code routeConfigurationId: rest-api} in {@code routes/rest-api.yaml}):
 * the API key is checked before the route runs, and any exception becomes a JSON error answer.
 */
@Component
public class RestRouteConfiguration extends RouteConfigurationBuilder {

    public static final String REST_API = "rest-api";
    /** The path parameters of routes/rest-api.yaml: platform-http hands them on still percent-encoded. */
    private static final List<String> PATH_PARAMETERS = List.of("requestId", "id");

    private final ApiKeyAuthenticator authenticator;
    private final RestResponses responses;

    public RestRouteConfiguration(ApiKeyAuthenticator authenticator, RestResponses responses) {
        this.authenticator = authenticator;
        this.responses = responses;
    }

    /** Each path parameter decoded exactly once ({@code %3A} is {@code :}; a {@code +} stays a plus). */
    static void decodePathParameters(Exchange exchange) {
        for (String name : PATH_PARAMETERS) {
            String raw = exchange.getMessage().getHeader(name, String.class);
            if (raw != null) {
                try {
                    exchange.getMessage().setHeader(name, UriUtils.decode(raw, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("invalid_path", "The path holds an invalid percent-encoding");
                }
            }
        }
    }

    @Override
    public void configuration() {
        routeConfiguration(REST_API)
                .interceptFrom()
                    .process(authenticator::authenticate)
                    .process(RestRouteConfiguration::decodePathParameters)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(responses::error);
    }
}
