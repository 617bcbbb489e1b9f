package io.facetimerouter.ledger;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.ProviderStubs;
import io.facetimerouter.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Group commit keeps the promise of the durable ledger: an outcome is on disk before it is answered.
 * The service runs on its default H2 file ledger in a JVM of its own and is killed while 20 clients
 * have calls in flight.
 */
class KilledDuringCallsTest {

    private static final String API_KEY = "kill-test-key";
    private static final String HANDLE = "+15551234567";

    @Test
    void killedWithCallsInFlightEveryAnsweredOutcomeIsStoredAndNoneIsCalledAgain() throws Exception {
        ProviderStubs.reset();
        ProviderStubs.blooioCapabilities(true, true);
        ProviderStubs.blooioCallAnswers(okJson("{\"success\": true, \"link\": \"" + ProviderStubs.LINK
                + "\", \"handle\": \"" + HANDLE + "\"}").withFixedDelay(50));
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "killed-during-calls-");
        ServiceProcess service = ServiceProcess.start(work, arguments());
        Set<String> answered = ConcurrentHashMap.newKeySet();
        ExecutorService clients = callBackToBack(new CallApi(service.port(), API_KEY), answered);

        await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 150);
        service.kill();
        clients.shutdownNow();
        clients.awaitTermination(10, TimeUnit.SECONDS);

        ServiceProcess restarted = ServiceProcess.start(work, arguments());
        try {
            CallApi api = new CallApi(restarted.port(), API_KEY);
            int providerRequestsBefore = blooioCallRequests();
            for (String requestId : answered) {
                Answer stored = api.get("/api/v1/calls/" + requestId);
                assertThat(stored.status()).as(requestId).isEqualTo(200);
                assertThat(stored.text("status")).as(requestId).isEqualTo("LINK_CREATED");
                Answer repeated = api.createCall(call(requestId));
                assertThat(repeated.status()).as(requestId).isEqualTo(200);
            }
            assertThat(blooioCallRequests()).isEqualTo(providerRequestsBefore);
        } finally {
            restarted.kill();
        }
    }

    /** 20 clients each making calls with fresh request ids, one after another, keeping those answered 200. */
    private static ExecutorService callBackToBack(CallApi api, Set<String> answered) {
        ExecutorService clients = Executors.newFixedThreadPool(20);
        AtomicInteger next = new AtomicInteger();
        for (int client = 0; client < 20; client++) {
            clients.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    String requestId = "kill-" + next.incrementAndGet();
                    try {
                        if (api.createCall(call(requestId)).status() == 200) {
                            answered.add(requestId);
                        }
                    } catch (RuntimeException killed) {
                        return;
                    }
                }
            });
        }
        return clients;
    }

    private static String call(String requestId) {
        return "{\"requestId\": \"" + requestId + "\", \"handle\": \"" + HANDLE + "\"}";
    }

    private static List<String> arguments() {
        return List.of(
                "--router.kafka.enabled=false",
                "--router.api-keys=" + API_KEY,
                "--blooio.api-key=" + ProviderStubs.BLOOIO_KEY,
                "--blooio.base-url=" + ProviderStubs.blooio().baseUrl() + "/v2/api",
                "--logging.level.root=WARN");
    }
}
