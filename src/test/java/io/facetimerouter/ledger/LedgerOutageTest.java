package io.facetimerouter.ledger;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.KafkaTopics;
import io.facetimerouter.support.PipelineTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The ledger's PostgreSQL stopped and started again under REST and Kafka traffic: REST answers 503
 * without asking a provider, the Kafka trigger waits (nothing dead-lettered or committed), and both
 * carry on by themselves once the database is back, with every request called exactly once.
 */
@DirtiesContext
@EmbeddedKafka(kraft = true, partitions = 2, topics = {LedgerOutageTest.REQUESTS, LedgerOutageTest.RESULTS, LedgerOutageTest.DLQ})
@TestPropertySource(properties = {"router.kafka.enabled=true", "kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "router.kafka.group-id=ledger-outage-test", "spring.datasource.hikari.connection-timeout=1000"})
class LedgerOutageTest extends PipelineTest {

    static final String REQUESTS = "facetime.call.requests";
    static final String RESULTS = "facetime.call.links";
    static final String DLQ = "facetime.call.requests.dlq";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path DATA = data();
    private static final int PORT = freePort();
    private static EmbeddedPostgres postgres = startPostgres();

    @Autowired
    private EmbeddedKafkaBroker broker;

    /** This context's own broker: the system property names the last broker started in this JVM, perhaps another test's. */
    private String brokers() {
        return broker.getBrokersAsString();
    }

    @Autowired
    private Scheduler scheduler;

    @DynamicPropertySource
    static void ledgerOnPostgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + PORT + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void anOutageIsAnswered503AndWaitedOutByKafkaWithEveryRequestCalledOnce() throws Exception {
        try (KafkaTopics kafka = new KafkaTopics(brokers())) {
            kafka.send(REQUESTS, "before-outage", "{\"handle\": \"+15551234567\"}");
            await().atMost(TIMEOUT).until(() -> !kafka.readAll(RESULTS, "before-outage").isEmpty());

            postgres.close();
            Answer duringOutage = api.createCall("{\"requestId\": \"rest-outage\", \"handle\": \"+15551234567\"}");
            Answer campaignDuringOutage = api.send(api.request("/api/v1/campaigns/outage-campaign")
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"cron\": \"0 0 9 * * ?\", \"audience\": {\"type\": \"blooio-contacts\"}}")).build());
            for (int i = 0; i < 3; i++) {
                kafka.send(REQUESTS, "kafka-outage-" + i, "{\"handle\": \"+15551234567\"}");
            }

            assertThat(duringOutage.status()).isEqualTo(503);
            assertThat(duringOutage.text("error")).isEqualTo("ledger_unavailable");
            assertThat(campaignDuringOutage.status()).isEqualTo(503);
            assertThat(campaignDuringOutage.text("error")).isEqualTo("ledger_unavailable");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                    kafka.readAll(RESULTS).size() == 1 && kafka.readAll(DLQ).isEmpty());
            assertThat(blooioCallRequests()).isEqualTo(1);

            postgres = startPostgres();

            for (int i = 0; i < 3; i++) {
                String key = "kafka-outage-" + i;
                await().atMost(TIMEOUT).until(() -> !kafka.readAll(RESULTS, key).isEmpty());
            }
            Answer afterOutage = api.createCall("{\"requestId\": \"rest-outage\", \"handle\": \"+15551234567\"}");
            assertThat(afterOutage.status()).isEqualTo(200);
            // saving and scheduling failed together: neither the definition nor a schedule was left behind
            assertThat(api.get("/api/v1/campaigns/outage-campaign").status()).isEqualTo(404);
            assertThat(scheduler.checkExists(JobKey.jobKey("outage-campaign", "campaigns"))).isFalse();
            List<ConsumerRecord<String, byte[]>> outcomes = kafka.readAll(RESULTS);
            assertThat(outcomes).hasSize(4);
            assertThat(kafka.readAll(DLQ)).isEmpty();
            assertThat(blooioCallRequests()).isEqualTo(5);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(kafka.committedOffsets("ledger-outage-test", REQUESTS))
                    .isEqualTo(kafka.endOffsets(REQUESTS)));
        }
    }

    @Test
    void readinessIsDownWhileTheLedgerIsUnreachableAndUpOnceItIsBack() throws Exception {
        CallApi probe = new CallApi(port, null);
        assertThat(probe.get("/actuator/health/readiness").status()).isEqualTo(200);

        postgres.close();
        Answer readinessDuringOutage = probe.get("/actuator/health/readiness");
        Answer livenessDuringOutage = probe.get("/actuator/health/liveness");
        postgres = startPostgres();

        assertThat(readinessDuringOutage.status()).isEqualTo(503);
        assertThat(readinessDuringOutage.body().at("/components/db/status").asText()).isEqualTo("DOWN");
        // the process is alive: an orchestrator must not restart it for its database
        assertThat(livenessDuringOutage.status()).isEqualTo(200);
        await().atMost(TIMEOUT).until(() -> probe.get("/actuator/health/readiness").status() == 200);
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().setPort(PORT).setDataDirectory(DATA).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path data() {
        try {
            return Files.createTempDirectory("ledger-outage-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
