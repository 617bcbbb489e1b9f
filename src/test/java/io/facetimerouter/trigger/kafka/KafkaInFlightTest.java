package io.facetimerouter.trigger.kafka;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequestsFor;
import static io.facetimerouter.support.ProviderStubs.blooioHoldsLinksFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.pipeline.PublishingBurst;
import io.facetimerouter.provider.ProviderAvailability;
import io.facetimerouter.support.HeldAnswers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Many records of one partition in flight at once, in order per key, with commits that never skip one. */
class KafkaInFlightTest extends KafkaPipelineTest {

    private static final TopicPartition FIRST_PARTITION = new TopicPartition(REQUESTS, 0);

    @Autowired
    private CamelContext camel;

    @Autowired
    private ProviderAvailability availability;

    @Autowired
    private PublishingBurst burst;

    @Test
    void recordsWithDifferentKeysOfOnePartitionAreInFlightTogether() {
        List<String> handles = IntStream.range(0, 5).mapToObj(i -> "+1555020000" + i).toList();
        handles.forEach(handle -> blooioHoldsLinksFor(handle));

        handles.forEach(handle -> kafka.send(REQUESTS, 0, "together-" + handle, "{\"handle\": \"" + handle + "\"}"));

        // all five reach the provider while none has been answered
        await().atMost(TIMEOUT).until(HeldAnswers::waiting, waiting -> waiting == 5);
        assertThat(kafka.readAll(RESULTS).stream().filter(r -> r.key().startsWith("together-"))).isEmpty();
        HeldAnswers.release(5);
        handles.forEach(handle -> awaitOutcome("together-" + handle));
    }

    @Test
    void recordsWithTheSameKeyAreCalledOneAtATimeInOffsetOrder() {
        List<String> handles = List.of("+15550300001", "+15550300002", "+15550300003");
        handles.forEach(handle -> blooioHoldsLinksFor(handle));

        for (int i = 0; i < handles.size(); i++) {
            kafka.send(REQUESTS, 0, "contact-42", "{\"requestId\": \"ordered-" + i + "\", \"handle\": \"" + handles.get(i) + "\"}");
        }

        for (int i = 0; i < handles.size(); i++) {
            int reached = i + 1;
            // the next record of the key waits until the one in flight is answered
            await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> HeldAnswers.arrived().size() == reached);
            HeldAnswers.release(1);
            awaitOutcome("ordered-" + i);
        }
        assertThat(HeldAnswers.arrived()).zipSatisfy(handles, (body, handle) -> assertThat(body).contains(handle));
    }

    @Test
    void noRecordIsStartedWhileACampaignRunOfThisInstancePublishesAtFullSpeedAndAllAreAfterwards() {
        burst.extend(Duration.ofSeconds(3));

        kafka.send(REQUESTS, 0, "yielded", "{\"handle\": \"+15550600001\"}");

        await().during(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> blooioCallRequestsFor("+15550600001") == 0);
        awaitOutcome("yielded");
        assertThat(blooioCallRequestsFor("+15550600001")).isEqualTo(1);
    }

    @Test
    void theCommittedOffsetNeverPassesARecordStillInFlight() {
        blooioHoldsLinksFor("+15550400001");
        kafka.send(REQUESTS, 0, "slow", "{\"handle\": \"+15550400001\"}");
        long slowOffset = kafka.readAll(REQUESTS, "slow").get(0).offset();
        await().atMost(TIMEOUT).until(HeldAnswers::waiting, waiting -> waiting == 1);

        kafka.send(REQUESTS, 0, "fast-1", "{\"handle\": \"+15551234567\"}");
        kafka.send(REQUESTS, 0, "fast-2", "{\"handle\": \"+15551234567\"}");
        awaitOutcome("fast-1");
        awaitOutcome("fast-2");

        // both later records are done and published, yet the commit stays on the one in flight
        await().during(Duration.ofMillis(500)).atMost(TIMEOUT)
                .until(() -> kafka.committedOffsets(GROUP, REQUESTS).get(FIRST_PARTITION), offset -> offset == slowOffset);
        HeldAnswers.release(1);
        awaitOutcome("slow");
        await().atMost(TIMEOUT).until(() -> kafka.committedOffsets(GROUP, REQUESTS).get(FIRST_PARTITION),
                offset -> offset == kafka.endOffsets(REQUESTS).get(FIRST_PARTITION));
    }

    @Test
    void aSecondConsumerJoiningMidLoadTakesAPartitionAndNoOneIsCalledTwice() {
        List<String> handles = IntStream.range(0, 40).mapToObj(i -> String.format("+155505%05d", i)).toList();
        handles.subList(0, 20).forEach(handle -> kafka.send(REQUESTS, "joining-" + handle, "{\"handle\": \"" + handle + "\"}"));
        await().atMost(TIMEOUT).until(() -> kafka.readAll(RESULTS).stream().filter(r -> r.key().startsWith("joining-")).count() >= 5);

        KafkaRequestConsumer second = new KafkaRequestConsumer(
                new KafkaTriggerProperties(true, GROUP, 8, Duration.ofSeconds(10)), brokers(), REQUESTS, availability, new PublishingBurst(),
                new SimpleMeterRegistry());
        second.beforeApplicationStart(camel);
        second.startReading();
        try {
            handles.subList(20, 40).forEach(handle -> kafka.send(REQUESTS, "joining-" + handle, "{\"handle\": \"" + handle + "\"}"));

            handles.forEach(handle -> awaitOutcome("joining-" + handle));
            assertThat(handles).allSatisfy(handle -> assertThat(blooioCallRequestsFor(handle)).as(handle).isEqualTo(1));
        } finally {
            second.stopReading();
            camel.getManagementStrategy().removeEventNotifier(second);
        }
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(kafka.committedOffsets(GROUP, REQUESTS)).isEqualTo(kafka.endOffsets(REQUESTS)));
    }
}
