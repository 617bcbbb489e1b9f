package io.facetimerouter.ledger;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.FacetimeRouterApplication;
import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.ProviderStubs;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two runs of the service, one after the other, on the same H2 database file. */
class IdempotencyAcrossRestartTest {

    private final String database = "jdbc:h2:file:./target/restart-test/" + UUID.randomUUID();

    @Test
    void aRequestIdAnsweredBeforeARestartIsAnsweredFromTheLedgerAfterIt() {
        ProviderStubs.reset();
        ProviderStubs.blooioCapabilities(true, true);
        ProviderStubs.blooioCreatesLinks();
        String call = "{\"requestId\": \"restart-1\", \"handle\": \"+15551234567\"}";

        Answer beforeRestart;
        try (ConfigurableApplicationContext first = start()) {
            beforeRestart = api(first).createCall(call);
        }
        Answer afterRestart;
        try (ConfigurableApplicationContext second = start()) {
            afterRestart = api(second).createCall(call);
        }

        assertThat(beforeRestart.status()).isEqualTo(200);
        assertThat(afterRestart.body()).isEqualTo(beforeRestart.body());
        assertThat(blooioCallRequests()).isEqualTo(1);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(FacetimeRouterApplication.class).run(
                "--server.port=0",
                "--router.kafka.enabled=false",
                "--spring.datasource.url=" + database,
                "--router.api-keys=restart-key",
                "--blooio.api-key=" + ProviderStubs.BLOOIO_KEY,
                "--blooio.base-url=" + ProviderStubs.blooio().baseUrl() + "/v2/api",
                "--logging.level.root=WARN");
    }

    private static CallApi api(ConfigurableApplicationContext context) {
        return new CallApi(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")), "restart-key");
    }
}
