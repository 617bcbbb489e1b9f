package io.facetimerouter.ledger;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps an H2 file ledger from growing without end. The ledger's URL sets {@code WRITE_DELAY=0} so that
 * every commit is in the file before a caller is answered; that setting also switches off the
 * background thread with which H2 rewrites the few live pages of old chunks so their space can be used
 * again. Without it the file grew by about 15 KB per call (1.2 GB after 82,000 calls) while the rows
 * themselves take about 1 KB. This does the same work on a schedule: chunks less than
 * {@value #TARGET_FILL_RATE} % live are rewritten, at most {@value #MAX_REWRITE_MB} MB at a time, under
 * H2's own store lock, so commits go on meanwhile. With PostgreSQL or an in-memory H2 the schedule
 * ends at its first round.
 * <p>
 * H2 has no SQL statement for this; the store is reached through H2's embedded session, the one part of
 * H2's internals the service uses (its version is the one Spring Boot manages, and the tests run it).
 */
@Component
public class H2FileCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileCompaction.class);
    /** H2's own default for its background compaction ({@code AUTO_COMPACT_FILL_RATE}). */
    static final int TARGET_FILL_RATE = 90;
    private static final int MAX_REWRITE_MB = 64;

    private final DataSource dataSource;
    private final ScheduledExecutorService schedule;

    public H2FileCompaction(DataSource dataSource, LedgerProperties properties) {
        this.dataSource = dataSource;
        this.schedule = Housekeeping.thread("ledger-h2-compaction");
        long interval = properties.h2CompactionInterval().toNanos();
        schedule.scheduleWithFixedDelay(this::compactQuietly, interval, interval, TimeUnit.NANOSECONDS);
    }

    /**
     * Rewrites the live pages of the emptiest chunks of an H2 file ledger, so their space is used again
     * once H2's retention time ({@code RETENTION_TIME}) has passed; false when there was nothing to rewrite.
     *
     * @return empty when the ledger is not an H2 file database
     */
    Optional<Boolean> compact() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return fileStore(connection).map(store -> store.compact(TARGET_FILL_RATE, MAX_REWRITE_MB << 20));
        }
    }

    private void compactQuietly() {
        try {
            if (compact().isEmpty()) {
                schedule.shutdown();
            }
        } catch (SQLException | RuntimeException failure) {
            // the database may be unreachable for a while: readiness reports that, the next round tries again
            LOG.debug("Ledger compaction skipped: {}", failure.toString());
        }
    }

    private static Optional<MVStore> fileStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || session.getDatabase().getStore() == null) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        return store.getFileStore() == null ? Optional.empty() : Optional.of(store);
    }

    /** Lets a rewrite under way finish: interrupting H2's file I/O would close its store. */
    @PreDestroy
    void stop() throws InterruptedException {
        schedule.shutdown();
        schedule.awaitTermination(10, TimeUnit.SECONDS);
    }
}
