package io.facetimerouter.trigger.rest;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Shared by every REST handler route ({@code routeConfigurationId: rest-api} in {@code routes/rest-api.yaml}):
 * the API key is checked before the route runs, and any exception becomes a JSON error answer.
 */
@Component
public class RestRouteConfiguration extends RouteConfigurationBuilder {

    public static final String REST_API = "rest-api";

    private final ApiKeyAuthenticator authenticator;
    private final RestResponses responses;

    public RestRouteConfiguration(ApiKeyAuthenticator authenticator, RestResponses responses) {
        this.authenticator = authenticator;
        this.responses = responses;
    }

    @Override
    public void configuration() {
        routeConfiguration(REST_API)
                .interceptFrom()
                    .process(authenticator::authenticate)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(responses::error);
    }
}
