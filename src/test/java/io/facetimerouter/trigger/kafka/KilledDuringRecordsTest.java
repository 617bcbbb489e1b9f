package io.facetimerouter.trigger.kafka;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.facetimerouter.support.KafkaTopics.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.KafkaTopics;
import io.facetimerouter.support.ProviderStubs;
import io.facetimerouter.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * kill -9 of an instance with many records in flight (up to 32 at once): after a restart every record
 * has its outcome on the results topic; no contact is called twice but those whose call was in flight,
 * and with {@code router.ledger.interrupted=fail} not even those.
 */
class KilledDuringRecordsTest {

    private static final String REQUESTS = "facetime.call.requests";
    private static final String RESULTS = "facetime.call.links";
    private static final int RECORDS = 300;
    private static final int MAX_IN_FLIGHT = 32;

    @Test
    void killedWithRecordsInFlightLosesNoneAndCallsNoOneTwice() throws Exception {
        Map<String, Long> callsByHandle = killAndRestart("fail");

        assertThat(callsByHandle).allSatisfy((handle, calls) -> assertThat(calls).as(handle).isEqualTo(1));
    }

    @Test
    void retryingInterruptedCallsCallsAgainOnlyThoseInFlight() throws Exception {
        Map<String, Long> callsByHandle = killAndRestart("retry");

        // every contact called, a second time only if its call was in flight when the instance died
        assertThat(callsByHandle).hasSize(RECORDS);
        assertThat(callsByHandle.values().stream().filter(calls -> calls > 1).count()).isLessThanOrEqualTo(MAX_IN_FLIGHT);
        assertThat(callsByHandle.values()).allMatch(calls -> calls <= 2);
    }

    /** Sends the records, kills the instance once a fifth are answered, restarts it; answers the provider calls by contact. */
    private static Map<String, Long> killAndRestart(String interruptedPolicy) throws Exception {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 4, REQUESTS, RESULTS, REQUESTS + ".dlq")
                // not spring.embedded.kafka.brokers: that names the broker of the test contexts still cached
                .brokerListProperty("killed-during-records.brokers");
        broker.afterPropertiesSet();
        ProviderStubs.reset();
        ProviderStubs.blooioCapabilities(true, true);
        ProviderStubs.blooioCallAnswers(okJson("{\"success\": true, \"link\": \"" + ProviderStubs.LINK + "\"}")
                .withFixedDelay(100));
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "killed-during-records-");
        List<String> handles = IntStream.range(0, RECORDS).mapToObj(i -> String.format("+1555070%04d", i)).toList();
        try (KafkaTopics kafka = new KafkaTopics(broker.getBrokersAsString())) {
            ServiceProcess service = ServiceProcess.start(work, arguments(broker.getBrokersAsString(), interruptedPolicy));
            handles.forEach(handle -> kafka.send(REQUESTS, null, "{\"requestId\": \"killed-" + handle + "\", \"handle\": \"" + handle + "\"}"));
            await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readAll(RESULTS).size() >= RECORDS / 5);
            service.kill();

            ServiceProcess restarted = ServiceProcess.start(work, arguments(broker.getBrokersAsString(), interruptedPolicy));
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> outcomes(kafka).size() == RECORDS);
                assertThat(outcomes(kafka).values()).allMatch(status -> status.equals("LINK_CREATED") || status.equals("FAILED"));
                return ProviderStubs.blooioCallRequestsByHandle();
            } finally {
                restarted.kill();
            }
        } finally {
            broker.destroy();
        }
    }

    /** The latest status published for each request id. */
    private static Map<String, String> outcomes(KafkaTopics kafka) {
        return kafka.readAll(RESULTS).stream().collect(Collectors.toMap(ConsumerRecord::key,
                record -> header(record, KafkaOutcomes.STATUS_HEADER), (first, later) -> later));
    }

    private static List<String> arguments(String brokers, String interruptedPolicy) {
        return List.of(
                "--router.kafka.enabled=true",
                "--kafka.bootstrap-servers=" + brokers,
                "--router.kafka.max-in-flight=" + MAX_IN_FLIGHT,
                "--router.kafka.drain-timeout=5s",
                // fail: a call in flight when the instance died ends FAILED interrupted, never called a second time
                "--router.ledger.interrupted=" + interruptedPolicy,
                "--router.ledger.claim-lease=3s",
                "--router.api-keys=kill-test-key",
                "--blooio.api-key=" + ProviderStubs.BLOOIO_KEY,
                "--blooio.base-url=" + ProviderStubs.blooio().baseUrl() + "/v2/api",
                "--logging.level.root=WARN");
    }
}
