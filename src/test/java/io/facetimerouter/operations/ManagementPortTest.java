package io.facetimerouter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/** With MANAGEMENT_SERVER_PORT set, the actuator is served there, keyless (the port is private), errors in JSON. */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest extends PipelineTest {

    @LocalManagementPort
    private int managementPort;

    private CallApi management() {
        return new CallApi(managementPort, null);
    }

    @Test
    void metricsAreServedOnTheManagementPortWithoutAKey() throws Exception {
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("facetime_deliveries_total");
    }

    @Test
    void anUnknownHealthComponentOnTheManagementPortIsAJsonError() {
        Answer unknown = management().get("/actuator/health/no-such-component");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("error")).isEqualTo("not_found");
        assertThat(unknown.body().path("status").asInt()).isEqualTo(404);
    }

    @Test
    void theServicePortNoLongerServesTheActuator() {
        Answer readiness = new CallApi(port, null).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(404);
        assertThat(management().get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
