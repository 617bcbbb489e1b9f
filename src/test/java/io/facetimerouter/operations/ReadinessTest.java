package io.facetimerouter.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.ProviderStubs;
import io.facetimerouter.support.ServiceProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service in a JVM of its own, watched from its first moment: ready means the API answers. */
class ReadinessTest {

    private static final String API_KEY = "readiness-test-key";

    @Test
    void readinessIsNeverUpWhileTheCallApiWouldAnswer404() throws Exception {
        ProviderStubs.reset();
        ProviderStubs.blooioCapabilities(true, true);
        ProviderStubs.blooioCreatesLinks();
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "readiness-");
        ServiceProcess service = ServiceProcess.launch(work, List.of(
                "--router.kafka.enabled=false",
                "--router.api-keys=" + API_KEY,
                "--blooio.api-key=" + ProviderStubs.BLOOIO_KEY,
                "--blooio.base-url=" + ProviderStubs.blooio().baseUrl() + "/v2/api",
                "--logging.level.root=WARN"));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(service.uri("/actuator/health/readiness")).build();
        CallApi api = new CallApi(service.port(), API_KEY);
        List<String> seen = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
                int ready;
                try {
                    ready = client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.io.IOException notListeningYet) {
                    seen.add("not listening");
                    return false;
                }
                // asked after readiness: the API only ever appears, so a 404 now means it was missing then too
                int call = api.createCall("{\"handle\": \"+15551234567\"}").status();
                seen.add(ready + "/" + call);
                assertThat(ready == 200 && call == 404).as("ready while the call API answered 404, after %s", seen).isFalse();
                return seen.stream().filter(sample -> sample.startsWith("200/")).count() >= 3;
            });
        } finally {
            service.kill();
        }

        assertThat(seen).first().isEqualTo("not listening");
        assertThat(seen).filteredOn(sample -> sample.startsWith("200/")).containsOnly("200/200");
    }
}
