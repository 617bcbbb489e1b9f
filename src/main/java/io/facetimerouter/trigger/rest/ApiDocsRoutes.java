package io.facetimerouter.trigger.rest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The API's documentation, open to anyone who can reach the service: the OpenAPI document at
 * {@code /api/v1/openapi.json} and an interactive page for it at {@code /api/v1/docs}.
 */
@Component
public class ApiDocsRoutes extends RouteBuilder {

    private final ApiDocs docs;

    public ApiDocsRoutes(ApiDocs docs) {
        this.docs = docs;
    }

    @Override
    public void configure() {
        rest("/api/v1").id("api-docs")
                .get("/openapi.json").routeId("openapi-document-get").produces("application/json").to("direct:openapi-document")
                .get("/docs").routeId("api-docs-page-get").produces("text/html").to("direct:api-docs-page");

        from("direct:openapi-document").routeId("openapi-document")
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setBody(exchange -> docs.document());
        from("direct:api-docs-page").routeId("api-docs-page")
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/html; charset=utf-8"))
                .setBody(exchange -> docs.page());
    }
}
