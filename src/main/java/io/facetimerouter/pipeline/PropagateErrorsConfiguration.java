package io.facetimerouter.pipeline;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The default for every route that names no route configuration: errors are not handled or logged
 * where they happen but go back to the caller, so the trigger that started the call answers (and
 * logs) each error exactly once, in its own terms (an HTTP status, a dead letter, ...).
 */
@Component
public class PropagateErrorsConfiguration extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration().errorHandler(noErrorHandler());
    }
}
