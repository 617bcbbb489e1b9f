package io.facetimerouter.trigger.kafka;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.facetimerouter.support.KafkaTopics.header;
import static io.facetimerouter.support.KafkaTopics.value;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static io.facetimerouter.support.ProviderStubs.sendblueCallAnswers;
import static io.facetimerouter.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.ProviderStubs;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Kafka trigger: statuses, dead letters, redelivery, back-pressure and the campaign path. */
class KafkaTriggerTest extends KafkaPipelineTest {

    @Autowired
    private KafkaRequestConsumer trigger;

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    private MeterRegistry meters;

    @Test
    void everyStatusComesBackOnTheResultsTopicKeyedByRequestId() {
        ProviderStubs.blooio().stubFor(get(urlEqualTo("/v2/api/contacts/%2B15550009999/capabilities")).willReturn(okJson(
                "{\"contact\": \"+15550009999\", \"capabilities\": {\"imessage\": false, \"sms\": true, \"facetime\": false}}")));
        sendblueCallAnswers(status(401));

        kafka.send(REQUESTS, null, "{\"requestId\": \"k-linked\", \"handle\": \"+15551234567\"}");
        kafka.send(REQUESTS, null, "{\"requestId\": \"k-not-capable\", \"handle\": \"+15550009999\"}");
        kafka.send(REQUESTS, null, "{\"requestId\": \"k-rejected\", \"handle\": \"not a phone\"}");
        kafka.send(REQUESTS, null, "{\"requestId\": \"k-failed\", \"handle\": \"+15551234567\", \"provider\": \"sendblue\"}");

        assertThat(awaitOutcome("k-linked")).satisfies(r -> assertOutcome(r, "LINK_CREATED", "blooio"));
        assertThat(awaitOutcome("k-not-capable")).satisfies(r -> assertOutcome(r, "NOT_FACETIME_CAPABLE", null));
        assertThat(awaitOutcome("k-rejected")).satisfies(r -> assertOutcome(r, "REJECTED", null));
        assertThat(awaitOutcome("k-failed")).satisfies(r -> assertOutcome(r, "FAILED", "sendblue"));
    }

    @Test
    void theRecordKeyIsTheRequestIdWhenTheBodyHasNone() {
        kafka.send(REQUESTS, "order-88", "{\"handle\": \"+15551234567\"}");

        ConsumerRecord<String, byte[]> outcome = awaitOutcome("order-88");

        assertThat(value(outcome)).contains("\"requestId\":\"order-88\"");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheGoodOnesAroundThemAreProcessed() {
        kafka.send(REQUESTS, "p-good-1", "{\"handle\": \"+15551234567\"}");
        kafka.send(REQUESTS, "p-not-json", "this is not json");
        kafka.send(REQUESTS, "p-wrong-types", "{\"handle\": \"+15551234567\", \"metadata\": \"not a map\"}");
        kafka.send(REQUESTS, "p-too-large", "{\"handle\": \"+15551234567\", \"pad\": \"" + "x".repeat(70 * 1024) + "\"}");
        kafka.send(REQUESTS, "p-good-2", "{\"handle\": \"+15551234567\"}");

        awaitOutcome("p-good-1");
        awaitOutcome("p-good-2");
        ConsumerRecord<String, byte[]> notJson = awaitDeadLetter("p-not-json");
        ConsumerRecord<String, byte[]> wrongTypes = awaitDeadLetter("p-wrong-types");
        ConsumerRecord<String, byte[]> tooLarge = awaitDeadLetter("p-too-large");

        assertThat(value(notJson)).isEqualTo("this is not json");
        assertThat(header(notJson, DeadLetters.ERROR_CODE)).isEqualTo("malformed_json");
        assertThat(header(notJson, DeadLetters.REASON)).isNotBlank();
        assertThat(header(notJson, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(REQUESTS);
        assertThat(header(notJson, DeadLetters.ORIGINAL_PARTITION)).matches("[01]");
        assertThat(header(notJson, DeadLetters.ORIGINAL_OFFSET)).matches("\\d+");
        assertThat(header(wrongTypes, DeadLetters.ERROR_CODE)).isEqualTo("malformed_json");
        assertThat(header(tooLarge, DeadLetters.ERROR_CODE)).isEqualTo("record_too_large");
        assertThat(tooLarge.value()).hasSizeGreaterThan(70 * 1024);
        assertThat(kafka.readAll(RESULTS, "p-not-json")).isEmpty();
        // the consumer is still alive: a record sent after the poison ones is processed
        kafka.send(REQUESTS, "p-good-3", "{\"handle\": \"+15551234567\"}");
        awaitOutcome("p-good-3");
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(kafka.committedOffsets(GROUP, REQUESTS)).isEqualTo(kafka.endOffsets(REQUESTS)));
    }

    @Test
    void deadLettersAreCountedByTheirCode() {
        double before = meters.counter("facetime.dead.letters", "code", "malformed_json").count();

        kafka.send(REQUESTS, "counted-not-json", "{not json");
        awaitDeadLetter("counted-not-json");

        assertThat(meters.counter("facetime.dead.letters", "code", "malformed_json").count() - before).isEqualTo(1.0);
    }

    @Test
    void healthShowsTheReaderWithItsPartitionsAndBroker() {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Answer health = new CallApi(port, null).get("/actuator/health");
            assertThat(health.body().at("/components/kafka/status").asText()).isEqualTo("UP");
            assertThat(health.body().at("/components/kafka/details/partitions").asInt()).isEqualTo(2);
            assertThat(health.body().at("/components/kafka/details/brokerConnected").asBoolean()).isTrue();
        });
    }

    @Test
    void recordHeadersNamedLikeCamelsProducerControlsChangeNoDestination() {
        java.util.Map<String, String> hostile = java.util.Map.of("kafka.OVERRIDE_TOPIC", RESULTS,
                "kafka.PARTITION_KEY", "1", "CamelHttpResponseCode", "200");
        kafka.send(REQUESTS, "h-poison", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), hostile);
        kafka.send(REQUESTS, "h-good", "{\"handle\": \"+15551234567\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.util.Map.of("kafka.OVERRIDE_TOPIC", DLQ));

        assertThat(header(awaitDeadLetter("h-poison"), DeadLetters.ERROR_CODE)).isEqualTo("malformed_json");
        assertOutcome(awaitOutcome("h-good"), "LINK_CREATED", "blooio");
        assertThat(kafka.readAll(RESULTS, "h-poison")).isEmpty();
        assertThat(kafka.readAll(DLQ, "h-good")).isEmpty();
    }

    @Test
    void aRequestIdReusedForAnotherHandleIsDeadLettered() {
        kafka.send(REQUESTS, "reused-1", "{\"handle\": \"+15551234567\"}");
        awaitOutcome("reused-1");

        kafka.send(REQUESTS, "reused-1", "{\"handle\": \"+15557654321\"}");

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter("reused-1");
        assertThat(header(deadLetter, DeadLetters.ERROR_CODE)).isEqualTo("idempotency_conflict");
        assertThat(value(deadLetter)).contains("+15557654321");
        assertThat(kafka.readAll(RESULTS, "reused-1")).hasSize(1);
        assertThat(blooioCallRequests()).isEqualTo(1);
    }

    @Test
    void aRecordRedeliveredAfterACrashBeforeTheCommitIsAnsweredFromTheLedger() throws Exception {
        kafka.send(REQUESTS, "crash-1", "{\"handle\": \"+15551234567\"}");
        ConsumerRecord<String, byte[]> first = awaitOutcome("crash-1");
        TopicPartition partition = partitionOf("crash-1");
        long recordOffset = offsetOf("crash-1");
        await().atMost(TIMEOUT).until(() -> kafka.committedOffsets(GROUP, REQUESTS).getOrDefault(partition, -1L) > recordOffset);

        // the crash: the outcome is stored and published, but the commit never happened
        trigger.stopReading();
        kafka.rewindCommitted(GROUP, partition, recordOffset);
        trigger.startReading();

        await().atMost(TIMEOUT).until(() -> kafka.readAll(RESULTS, "crash-1").size() == 2);
        List<ConsumerRecord<String, byte[]>> outcomes = kafka.readAll(RESULTS, "crash-1");
        assertThat(value(outcomes.get(1))).isEqualTo(value(first));
        assertThat(blooioCallRequests()).isEqualTo(1);
    }

    @Test
    void aRecordWhoseRequestWasClaimedByAnAttemptThatDiedIsCalledOnceItsLeaseRunsOut() {
        jdbc.update("INSERT INTO call_ledger (request_id, handle, status, claimed_at) VALUES (?, ?, 'IN_PROGRESS', ?)",
                "orphan-k", "+15551234567", java.sql.Timestamp.from(java.time.Instant.now()));

        kafka.send(REQUESTS, "orphan-k", "{\"handle\": \"+15551234567\"}");

        assertOutcome(awaitOutcome("orphan-k"), "LINK_CREATED", "blooio");
        assertThat(blooioCallRequests()).isEqualTo(1);
        assertThat(kafka.readAll(DLQ, "orphan-k")).isEmpty();
    }

    @Test
    void consumptionPausesWhileEveryCircuitIsOpenAndDrainsTheBacklogWhenAProviderRecovers() {
        circuitBreakers.forProvider("blooio").transitionToForcedOpenState();
        circuitBreakers.forProvider("sendblue").transitionToForcedOpenState();

        for (int i = 0; i < 3; i++) {
            kafka.send(REQUESTS, "paused-" + i, "{\"handle\": \"+15551234567\"}");
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> kafka.readAll(RESULTS).stream().noneMatch(r -> r.key().startsWith("paused-")));
        circuitBreakers.forProvider("blooio").transitionToClosedState();

        for (int i = 0; i < 3; i++) {
            assertOutcome(awaitOutcome("paused-" + i), "LINK_CREATED", "blooio");
        }
        assertThat(blooioCallRequests()).isEqualTo(3);
        assertThat(kafka.readAll(DLQ).stream().filter(r -> r.key().startsWith("paused-"))).isEmpty();
    }

    @Test
    void aRestRequestThatAsksForTheKafkaChannelIsPublishedOnTheResultsTopicOnce() {
        api.createCall("{\"requestId\": \"rest-to-kafka-1\", \"handle\": \"+15551234567\", \"notify\": [\"kafka\"]}");

        assertThat(awaitOutcome("rest-to-kafka-1")).satisfies(r -> assertOutcome(r, "LINK_CREATED", "blooio"));
        await().atMost(TIMEOUT).until(() -> deliveryStatus("rest-to-kafka-1", "kafka"), "DELIVERED"::equals);
        assertThat(kafka.readAll(RESULTS, "rest-to-kafka-1")).hasSize(1);
    }

    @Test
    void aKafkaTriggeredRequestIsNotPublishedAgainByTheKafkaChannel() {
        kafka.send(REQUESTS, null, "{\"requestId\": \"kafka-notify-1\", \"handle\": \"+15551234567\","
                + " \"notify\": [\"kafka\", \"log\"]}");

        awaitOutcome("kafka-notify-1");
        await().atMost(TIMEOUT).until(() -> deliveryStatus("kafka-notify-1", "log"), "DELIVERED"::equals);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_delivery WHERE request_id = ? AND channel = 'kafka'",
                Integer.class, "kafka-notify-1")).isZero();
        assertThat(kafka.readAll(RESULTS, "kafka-notify-1")).hasSize(1);
    }

    @Test
    void aCampaignRunPublishesItsCallsToTheRequestsTopicAndTheTriggerPlacesThem() {
        Answer run = api.post("/api/v1/campaigns/inline-checkin/runs", "");
        String prefix = "inline-checkin:" + run.text("runId") + ":";

        for (String handle : List.of("+14155550101", "+14155550102", "grace@example.com")) {
            assertThat(awaitOutcome(prefix + handle)).satisfies(r -> assertOutcome(r, "LINK_CREATED", "blooio"));
        }
        assertThat(kafka.readAll(REQUESTS).stream().filter(r -> r.key() != null && r.key().startsWith(prefix))).hasSize(3);
        assertThat(blooioCallRequests()).isEqualTo(3);
    }

    private String deliveryStatus(String requestId, String channel) {
        return jdbc.query("SELECT status FROM call_delivery WHERE request_id = ? AND channel = ?",
                (rs, row) -> rs.getString(1), requestId, channel).stream().findFirst().orElse(null);
    }

    private static void assertOutcome(ConsumerRecord<String, byte[]> record, String status, String provider) {
        assertThat(header(record, KafkaOutcomes.STATUS_HEADER)).isEqualTo(status);
        assertThat(header(record, KafkaOutcomes.PROVIDER_HEADER)).isEqualTo(provider);
        assertThat(value(record)).contains("\"status\":\"" + status + "\"");
    }

}
