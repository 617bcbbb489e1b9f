package io.facetimerouter;

import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.PipelineTest;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Route ids are what metrics, logs, traces and the README name: each is chosen, none generated. */
class RouteIdsTest extends PipelineTest {

    @Autowired
    private CamelContext camel;

    @Test
    void everyRouteHasAnIdOfItsOwn() {
        assertThat(camel.getRoutes()).extracting(Route::getRouteId).isNotEmpty()
                .noneMatch(id -> id.matches("route\\d+"));
    }
}
