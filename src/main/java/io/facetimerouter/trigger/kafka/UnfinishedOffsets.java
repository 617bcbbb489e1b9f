package io.facetimerouter.trigger.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets read from each partition and not yet finished. What may be committed for a partition
 * is its lowest unfinished offset, or, when every record read is finished, the one after the last:
 * a commit never passes a record that is still being processed or waiting its turn. Thread-safe:
 * the poll thread reads records in, the workers finish them.
 */
final class UnfinishedOffsets {

    private static final class Partition {
        final TreeSet<Long> unfinished = new TreeSet<>();
        long next = -1;
        long committed = -1;

        long committable() {
            return unfinished.isEmpty() ? next : unfinished.first();
        }
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /**
     * A record read; run what this answers once it is done (or dead-lettered). Finishing a record of a
     * partition forgotten since (revoked, even if assigned here again) changes nothing.
     */
    synchronized Runnable read(TopicPartition partition, long offset) {
        Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
        state.unfinished.add(offset);
        state.next = Math.max(state.next, offset + 1);
        return () -> finished(state, offset);
    }

    private synchronized void finished(Partition state, long offset) {
        if (state.unfinished.remove(offset)) {
            notifyAll();
        }
    }

    /** The offsets to commit that moved since the last {@link #committed}, for every partition. */
    synchronized Map<TopicPartition, OffsetAndMetadata> toCommit() {
        return toCommit(partitions.keySet());
    }

    synchronized Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : of) {
            Partition state = partitions.get(partition);
            if (state != null && state.committable() > state.committed) {
                offsets.put(partition, new OffsetAndMetadata(state.committable()));
            }
        }
        return offsets;
    }

    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            Partition state = partitions.get(partition);
            if (state != null) {
                state.committed = Math.max(state.committed, offset.offset());
            }
        });
    }

    /** Waits up to {@code timeoutMillis} for these partitions' records to finish; answers how many are left. */
    synchronized int awaitFinished(Collection<TopicPartition> of, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int left = unfinished(of);
        while (left > 0 && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
            left = unfinished(of);
        }
        return left;
    }

    /** Records no longer this instance's to commit: the partition was revoked, lost or its records dropped. */
    synchronized void forget(Collection<TopicPartition> of) {
        of.forEach(partitions::remove);
        notifyAll();
    }

    synchronized int unfinished(Collection<TopicPartition> of) {
        return of.stream().map(partitions::get).filter(state -> state != null).mapToInt(state -> state.unfinished.size()).sum();
    }
}
