package io.facetimerouter.ledger;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequestsByHandle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.Postgres;
import io.facetimerouter.support.ProviderStubs;
import io.facetimerouter.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances share one PostgreSQL ledger and take calls side by side; one is killed (kill -9) with
 * calls in flight. Each request has a handle of its own, so the provider's requests tell which request
 * they were made for. The survivor's ledger policy is {@code interrupted=fail}: a call the dead instance
 * may have sent to the provider is never sent again.
 */
class KilledInstanceOnPostgresTest {

    private static final String API_KEY = "two-instances-key";
    private static final int CLIENTS = 20;
    private static final EmbeddedPostgres POSTGRES = Postgres.start();

    @AfterAll
    static void stopPostgres() throws IOException {
        POSTGRES.close();
    }

    @Test
    void killingOneInstanceLosesNoAnsweredCallAndTheOtherCallsNoOneTwice() throws Exception {
        ProviderStubs.reset();
        ProviderStubs.blooioCapabilities(true, true);
        ProviderStubs.blooioCallAnswers(okJson("{\"success\": true, \"link\": \"" + ProviderStubs.LINK
                + "\", \"handle\": \"+15551234567\"}").withFixedDelay(50));
        ServiceProcess killed = ServiceProcess.start(workDirectory(), arguments());
        ServiceProcess survivor = ServiceProcess.start(workDirectory(), arguments());
        CallApi toKilled = new CallApi(killed.port(), API_KEY);
        CallApi toSurvivor = new CallApi(survivor.port(), API_KEY);
        try {
            // given both instances answering calls
            Set<Integer> answered = ConcurrentHashMap.newKeySet();
            Set<Integer> cutOff = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = callBackToBack(toKilled, toSurvivor, answered, cutOff, stop);
            await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 150);

            // when one is killed mid-load
            killed.kill();
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            // then the other still answers new calls
            int fresh = 1_000_000;
            assertThat(toSurvivor.createCall(call(fresh)).text("status")).isEqualTo("LINK_CREATED");

            // every answered call is stored, was sent to the provider once, and is not sent again
            for (int request : answered) {
                Answer stored = toSurvivor.get("/api/v1/calls/" + requestId(request));
                assertThat(stored.status()).as(requestId(request)).isEqualTo(200);
                assertThat(stored.text("status")).as(requestId(request)).isEqualTo("LINK_CREATED");
                assertThat(toSurvivor.createCall(call(request)).status()).as(requestId(request)).isEqualTo(200);
            }
            Map<String, Long> providerRequests = blooioCallRequestsByHandle();
            for (int request : answered) {
                assertThat(providerRequests.get(handle(request))).as(requestId(request)).isEqualTo(1L);
            }

            // a call cut off by the kill is sent to the provider once at most: claimed by the dead instance,
            // it ends FAILED (interrupted) once its claim lapses, with no request of its own; never claimed
            // (or answered but cut off on its way back), it is answered now with a link
            Set<Integer> interrupted = new HashSet<>();
            for (int request : cutOff) {
                Answer retried = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> toSurvivor.createCall(call(request)), answer -> answer.status() != 409);
                long before = providerRequests.getOrDefault(handle(request), 0L);
                long after = blooioCallRequestsByHandle().getOrDefault(handle(request), 0L);
                if ("FAILED".equals(retried.text("status"))) {
                    assertThat(retried.body().path("error").path("code").asText()).isEqualTo("interrupted");
                    assertThat(after).as(requestId(request)).isEqualTo(before).isLessThanOrEqualTo(1);
                    interrupted.add(request);
                } else {
                    assertThat(retried.text("status")).as(requestId(request)).isEqualTo("LINK_CREATED");
                    assertThat(after).as(requestId(request)).isEqualTo(1);
                }
            }
            assertThat(interrupted).as("calls the dead instance had claimed").isNotEmpty();
        } finally {
            killed.kill();
            survivor.kill();
        }
    }

    /**
     * Clients take turns between the instances, each request with a handle of its own, until stopped.
     * A call the killed instance never answered is "cut off"; every call to the survivor is answered.
     */
    private static ExecutorService callBackToBack(CallApi toKilled, CallApi toSurvivor, Set<Integer> answered,
                                                  Set<Integer> cutOff, AtomicBoolean stop) {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        for (int client = 0; client < CLIENTS; client++) {
            CallApi api = client % 2 == 0 ? toKilled : toSurvivor;
            clients.submit(() -> {
                while (!stop.get()) {
                    int request = next.incrementAndGet();
                    try {
                        if (api.createCall(call(request)).status() == 200) {
                            answered.add(request);
                        }
                    } catch (RuntimeException killedMidCall) {
                        cutOff.add(request);
                        return;
                    }
                }
            });
        }
        return clients;
    }

    private static String call(int request) {
        return "{\"requestId\": \"" + requestId(request) + "\", \"handle\": \"" + handle(request) + "\"}";
    }

    private static String requestId(int request) {
        return "two-instances-" + request;
    }

    private static String handle(int request) {
        return String.format("+1555%07d", request);
    }

    private static Path workDirectory() throws IOException {
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "instance-on-postgres-");
    }

    private static List<String> arguments() {
        return List.of(
                "--router.kafka.enabled=false",
                "--spring.datasource.url=" + POSTGRES.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--router.api-keys=" + API_KEY,
                "--router.ledger.interrupted=fail",
                "--router.ledger.claim-lease=3s",
                "--blooio.api-key=" + ProviderStubs.BLOOIO_KEY,
                "--blooio.base-url=" + ProviderStubs.blooio().baseUrl() + "/v2/api",
                "--logging.level.root=WARN");
    }
}
