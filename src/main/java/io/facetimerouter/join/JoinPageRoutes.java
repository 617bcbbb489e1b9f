package io.facetimerouter.join;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The join page is public: the signed token in its path is the only key, so no API key is asked. */
@Component
public class JoinPageRoutes extends RouteBuilder {

    private final JoinPage page;

    public JoinPageRoutes(JoinPage page) {
        this.page = page;
    }

    @Override
    public void configure() {
        rest("/join").id("join-page-api")
                .get("/{token}").id("join-page-get").produces("text/html").to("direct:join-page");

        from("direct:join-page").routeId("join-page")
                .bean(page, "render");
    }
}
