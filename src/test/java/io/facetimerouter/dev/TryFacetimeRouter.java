package io.facetimerouter.dev;

import io.facetimerouter.FacetimeRouterApplication;
import org.springframework.boot.SpringApplication;

/**
 * The service as {@code ./mvnw spring-boot:test-run} starts it for trying it out: the application
 * itself plus, when no broker is configured, a local Kafka broker. It lives with the tests, as do
 * Kafka's server classes, so the packaged jar never starts a broker.
 */
public class TryFacetimeRouter {

    public static void main(String[] args) {
        SpringApplication.from(FacetimeRouterApplication::main).with(LocalKafkaBroker.class).run(args);
    }
}
