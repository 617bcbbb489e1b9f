package io.facetimerouter.trigger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class UnfinishedOffsetsTest {

    private static final TopicPartition PARTITION = new TopicPartition("requests", 0);

    private final UnfinishedOffsets offsets = new UnfinishedOffsets();

    @Test
    void theOffsetToCommitStaysOnTheLowestUnfinishedRecordWhileLaterOnesFinish() {
        Runnable first = offsets.read(PARTITION, 10);
        Runnable second = offsets.read(PARTITION, 11);
        Runnable third = offsets.read(PARTITION, 12);

        second.run();
        third.run();

        assertThat(offsets.toCommit()).isEqualTo(Map.of(PARTITION, new OffsetAndMetadata(10)));
        first.run();
        assertThat(offsets.toCommit()).isEqualTo(Map.of(PARTITION, new OffsetAndMetadata(13)));
    }

    @Test
    void anOffsetCommittedIsNotOfferedAgain() {
        offsets.read(PARTITION, 10).run();
        offsets.committed(offsets.toCommit());

        assertThat(offsets.toCommit()).isEmpty();
    }

    @Test
    void aRecordOfARevokedPartitionFinishingLateChangesNothingAfterTheReassignment() {
        Runnable beforeRevocation = offsets.read(PARTITION, 10);
        offsets.forget(List.of(PARTITION));
        offsets.read(PARTITION, 10);

        beforeRevocation.run();

        assertThat(offsets.unfinished(List.of(PARTITION))).isEqualTo(1);
        assertThat(offsets.toCommit()).isEqualTo(Map.of(PARTITION, new OffsetAndMetadata(10)));
    }

    @Test
    void waitingForAPartitionEndsWhenItsLastRecordFinishes() throws InterruptedException {
        Runnable running = offsets.read(PARTITION, 10);
        Thread worker = new Thread(running);
        worker.start();

        assertThat(offsets.awaitFinished(List.of(PARTITION), 30_000)).isZero();
        worker.join();
    }
}
