package io.facetimerouter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import org.junit.jupiter.api.Test;

class HealthTest extends PipelineTest {

    private CallApi anonymous() {
        return new CallApi(port, null);
    }

    @Test
    void readinessIsTheRoutesTheLedgerAndTheReadinessStateOnly() {
        Answer readiness = anonymous().get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().path("components").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("readinessState", "routes", "db");
        assertThat(readiness.body().at("/components/routes/status").asText()).isEqualTo("UP");
    }

    @Test
    void anOpenProviderCircuitIsDegradedNotDown() {
        circuitBreakers.forProvider("blooio").transitionToForcedOpenState();

        Answer health = anonymous().get("/actuator/health");
        Answer readiness = anonymous().get("/actuator/health/readiness");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("DEGRADED");
        assertThat(health.body().at("/components/providers/status").asText()).isEqualTo("DEGRADED");
        assertThat(health.body().at("/components/providers/details/blooio").asText()).isEqualTo("FORCED_OPEN");
        assertThat(health.body().at("/components/providers/details/sendblue").asText()).isEqualTo("CLOSED");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
    }

    @Test
    void closedCircuitsAreUp() {
        Answer health = anonymous().get("/actuator/health");

        assertThat(health.body().at("/components/providers/status").asText()).isEqualTo("UP");
        assertThat(health.body().at("/components/webhooks/status").asText()).isEqualTo("UP");
    }
}
