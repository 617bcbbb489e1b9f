package io.facetimerouter.trigger.kafka;

import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.KafkaTopics;
import io.facetimerouter.support.PipelineTest;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole service with its Kafka trigger on, against a real (embedded KRaft) broker with two
 * partitions per topic. Subclasses share one Spring context and one broker.
 */
@EmbeddedKafka(kraft = true, partitions = 2, topics = {KafkaPipelineTest.REQUESTS, KafkaPipelineTest.RESULTS, KafkaPipelineTest.DLQ})
@TestPropertySource(properties = {"router.kafka.enabled=true", "kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        // held provider answers (HeldAnswers) stay in flight instead of timing out
        "router.providers.response-timeout=30s",
        "router.ledger.claim-lease=3s", "router.campaigns.directory=src/test/resources/campaigns", "router.campaigns.audience-dir=src/test/resources/campaigns"})
abstract class KafkaPipelineTest extends PipelineTest {

    static final String REQUESTS = "facetime.call.requests";
    static final String RESULTS = "facetime.call.links";
    static final String DLQ = "facetime.call.requests.dlq";
    static final String GROUP = "facetime-router";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    private EmbeddedKafkaBroker broker;

    /** This context's own broker: the system property names the last broker started in this JVM, perhaps another test's. */
    protected String brokers() {
        return broker.getBrokersAsString();
    }

    protected KafkaTopics kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTopics(brokers());
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    ConsumerRecord<String, byte[]> awaitOutcome(String requestId) {
        return await().atMost(TIMEOUT).until(() -> kafka.readAll(RESULTS, requestId), list -> !list.isEmpty()).get(0);
    }

    ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return await().atMost(TIMEOUT).until(() -> kafka.readAll(DLQ, key), list -> !list.isEmpty()).get(0);
    }

    TopicPartition partitionOf(String key) {
        ConsumerRecord<String, byte[]> record = kafka.readAll(REQUESTS, key).get(0);
        return new TopicPartition(REQUESTS, record.partition());
    }

    long offsetOf(String key) {
        return kafka.readAll(REQUESTS, key).get(0).offset();
    }

}
