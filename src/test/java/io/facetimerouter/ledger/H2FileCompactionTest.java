package io.facetimerouter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class H2FileCompactionTest {

    private static final int ROUNDS = 8;
    private static final int CALLS_PER_ROUND = 500;
    /** An outcome's size in the ledger. */
    private static final String OUTCOME = "x".repeat(600);
    /**
     * The service's durability ({@code WRITE_DELAY=0}); space freed by a rewrite is reusable at once
     * ({@code RETENTION_TIME=0}) so the test need not wait out H2's 45 s default; the database stays open
     * between statements, as the service's connection pool keeps it (closing it compacts the file).
     */
    private static final String LEDGER_SETTINGS = ";WRITE_DELAY=0;RETENTION_TIME=0;DB_CLOSE_DELAY=-1";
    /** An interval no test reaches: each test compacts when it means to. */
    private static final LedgerProperties NO_SCHEDULED_ROUND =
            new LedgerProperties(Duration.ofMinutes(2), LedgerProperties.Interrupted.RETRY, Duration.ofHours(1), Duration.ofDays(30), Duration.ofMinutes(10));

    @TempDir
    Path directory;
    private final List<Ledger> ledgers = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        for (Ledger ledger : ledgers) {
            ledger.close();
        }
    }

    @Test
    void compactingAsCallsComeReclaimsTheSpaceTheirCommitsLeaveBehind() throws Exception {
        Ledger compacted = Ledger.file(this, "compacted");
        Ledger uncompacted = Ledger.file(this, "uncompacted");

        for (int round = 0; round < ROUNDS; round++) {
            compacted.recordCalls(round);
            compacted.compactFully();
            uncompacted.recordCalls(round);
        }

        // uncompacted, about three quarters of the file's chunks are dead pages never reclaimed; compacted,
        // the file still grows with the live rows and in steps (rewrites land at its end before space frees)
        assertThat(compacted.fileSize()).isLessThan(uncompacted.fileSize() * 3 / 4);
    }

    @Test
    void callsRecordedWhileCompactionRunsAreAllThereAfterARestart() throws Exception {
        Ledger ledger = Ledger.file(this, "busy");
        AtomicBoolean recording = new AtomicBoolean(true);
        AtomicInteger rewrites = new AtomicInteger();
        CompletableFuture<Void> compacting = CompletableFuture.runAsync(() -> {
            while (recording.get()) {
                try {
                    ledger.compaction.compact().filter(Boolean::booleanValue).ifPresent(rewrote -> rewrites.incrementAndGet());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        for (int round = 0; round < ROUNDS; round++) {
            ledger.recordCalls(round);
        }
        recording.set(false);
        compacting.join();
        ledger.jdbc.execute("SHUTDOWN");
        JdbcTemplate restarted = new JdbcTemplate(new DriverManagerDataSource(ledger.url));

        assertThat(rewrites).hasPositiveValue();
        assertThat(restarted.queryForObject("SELECT COUNT(*) FROM call_ledger WHERE status = 'LINK_CREATED' AND outcome = ?",
                Integer.class, OUTCOME)).isEqualTo(ROUNDS * CALLS_PER_ROUND);
    }

    @Test
    void anInMemoryLedgerHasNothingToCompact() throws Exception {
        Ledger inMemory = new Ledger(this, "jdbc:h2:mem:compaction;DB_CLOSE_DELAY=-1", null);

        assertThat(inMemory.compaction.compact()).isEmpty();
    }

    @Test
    void anIntervalOfZeroIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new LedgerProperties(Duration.ofMinutes(2), LedgerProperties.Interrupted.RETRY, Duration.ZERO, Duration.ofDays(30), Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("router.ledger.h2-compaction-interval");
        assertThatThrownBy(() -> new LedgerProperties(Duration.ofMinutes(2), LedgerProperties.Interrupted.RETRY, Duration.ofSeconds(-5), Duration.ofDays(30), Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final class Ledger {

        final String url;
        final Path file;
        final JdbcTemplate jdbc;
        final H2FileCompaction compaction;

        static Ledger file(H2FileCompactionTest test, String name) {
            return new Ledger(test, "jdbc:h2:file:" + test.directory.resolve(name) + LEDGER_SETTINGS,
                    test.directory.resolve(name + ".mv.db"));
        }

        Ledger(H2FileCompactionTest test, String url, Path file) {
            this.url = url;
            this.file = file;
            DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
            jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE call_ledger (request_id VARCHAR(128) PRIMARY KEY, status VARCHAR(32),"
                    + " outcome CHARACTER VARYING)");
            compaction = new H2FileCompaction(dataSource, NO_SCHEDULED_ROUND);
            test.ledgers.add(this);
        }

        /** Calls as the service records them: a claim, then its outcome, each in a commit of its own. */
        void recordCalls(int round) {
            for (int call = 0; call < CALLS_PER_ROUND; call++) {
                String requestId = String.format("request-%03d-%05d", round, call);
                jdbc.update("INSERT INTO call_ledger (request_id, status) VALUES (?, 'CLAIMED')", requestId);
                jdbc.update("UPDATE call_ledger SET status = 'LINK_CREATED', outcome = ? WHERE request_id = ?",
                        OUTCOME, requestId);
            }
        }

        void compactFully() throws SQLException {
            Optional<Boolean> rewrote;
            do {
                rewrote = compaction.compact();
            } while (rewrote.orElseThrow());
        }

        long fileSize() throws Exception {
            return Files.size(file);
        }

        /** Stops the compaction, then the database. */
        void close() throws InterruptedException {
            compaction.stop();
            jdbc.execute("SHUTDOWN");
        }
    }
}
