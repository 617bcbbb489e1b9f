package io.facetimerouter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    /** An audience of numbered rows, failing after {@code failAfter} rows if that is below its size. */
    private static final class Numbered extends Audiences.Reader {
        private final long size;
        private final long failAfter;
        private final AtomicLong read = new AtomicLong();
        private final AtomicBoolean closed = new AtomicBoolean();

        Numbered(long size, long failAfter) {
            this.size = size;
            this.failAfter = failAfter;
        }

        @Override
        protected AudienceRow read() {
            long line = read.get() + 1;
            if (line > failAfter) {
                throw new UncheckedIOException("Cannot read the audience file of this campaign", new IOException("disk"));
            }
            if (line > size) {
                return null;
            }
            read.incrementAndGet();
            return AudienceRow.invalid(line, "row " + line);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static List<Long> linesOf(Audiences.Reader rows) {
        List<Long> lines = new ArrayList<>();
        rows.forEachRemaining(row -> lines.add(row.line()));
        return lines;
    }

    @Test
    void everyRowArrivesOnceInOrderAcrossChunks() {
        Numbered audience = new Numbered(1_000, Long.MAX_VALUE);

        List<Long> lines = linesOf(new ReadAhead(audience, 0, "test"));

        assertThat(lines).hasSize(1_000).isSorted().doesNotHaveDuplicates().startsWith(1L).endsWith(1_000L);
        await().atMost(Duration.ofSeconds(5)).untilTrue(audience.closed);
    }

    @Test
    void rowsAnEarlierAttemptHandledAreNotReadAgain() {
        List<Long> lines = linesOf(new ReadAhead(new Numbered(600, Long.MAX_VALUE), 513, "test"));

        assertThat(lines).hasSize(87).startsWith(514L).endsWith(600L);
    }

    @Test
    void aFailureToReadReachesTheRunAfterTheRowsReadBeforeIt() {
        ReadAhead rows = new ReadAhead(new Numbered(1_000, 300), 0, "test");
        List<Long> lines = new ArrayList<>();

        assertThatThrownBy(() -> rows.forEachRemaining(row -> lines.add(row.line())))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("audience file");
        assertThat(lines).hasSize(300).endsWith(300L);
    }

    @Test
    void anErrorWhileReadingReachesTheRunRatherThanLeavingItWaiting() {
        Audiences.Reader overflowing = new Audiences.Reader() {
            @Override
            protected AudienceRow read() {
                throw new StackOverflowError("deeply nested row");
            }
        };

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> new ReadAhead(overflowing, 0, "test").hasNext()))
                .isInstanceOf(StackOverflowError.class).hasMessage("deeply nested row");
    }

    @Test
    void closingStopsTheReadingAndClosesTheAudience() {
        Numbered audience = new Numbered(1_000_000, Long.MAX_VALUE);
        ReadAhead rows = new ReadAhead(audience, 0, "test");
        rows.next();

        rows.close();

        await().atMost(Duration.ofSeconds(5)).untilTrue(audience.closed);
        // no further than the chunks that fit in the queue, and the one being read
        assertThat(audience.read.get()).isLessThanOrEqualTo((ReadAhead.CHUNKS_AHEAD + 2L) * ReadAhead.CHUNK);
    }
}
