package io.facetimerouter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        Ledger compacted = new Ledger("jdbc:h2:file:" + directory.resolve("compacted") + LEDGER_SETTINGS);
        Ledger uncompacted = new Ledger("jdbc:h2:file:" + directory.resolve("uncompacted") + LEDGER_SETTINGS);

        for (int round = 0; round < ROUNDS; round++) {
            compacted.recordCalls(round);
            compacted.compactFully();
            uncompacted.recordCalls(round);
        }

        // uncompacted, about three quarters of the file's chunks are dead pages never reclaimed; compacted,
        // the file still grows with the live rows and in steps (rewrites land at its end before space frees)
        assertThat(compacted.fileSize(directory.resolve("compacted.mv.db")))
                .isLessThan(uncompacted.fileSize(directory.resolve("uncompacted.mv.db")) * 3 / 4);
    }

    @Test
    void anInMemoryLedgerHasNothingToCompact() throws Exception {
        Ledger inMemory = new Ledger("jdbc:h2:mem:compaction;DB_CLOSE_DELAY=-1");

        assertThat(inMemory.compaction.compact()).isEmpty();
    }

    /**
     * The service's durability ({@code WRITE_DELAY=0}); space freed by a rewrite is reusable at once
     * ({@code RETENTION_TIME=0}) so the test need not wait out H2's 45 s default; the database stays open
     * between statements, as the service's connection pool keeps it (closing it compacts the file).
     */
    private static final String LEDGER_SETTINGS = ";WRITE_DELAY=0;RETENTION_TIME=0;DB_CLOSE_DELAY=-1";

    private final class Ledger {

        final JdbcTemplate jdbc;
        final H2FileCompaction compaction;

        Ledger(String url) {
            DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
            jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE call_ledger (request_id VARCHAR(128) PRIMARY KEY, status VARCHAR(32),"
                    + " outcome CHARACTER VARYING)");
            // an interval no test reaches: each test compacts when it means to
            compaction = new H2FileCompaction(dataSource,
                    new LedgerProperties(Duration.ofMinutes(2), LedgerProperties.Interrupted.RETRY, Duration.ofHours(1)));
            ledgers.add(this);
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

        long fileSize(Path file) throws Exception {
            return Files.size(file);
        }

        void close() throws InterruptedException {
            compaction.stop();
            jdbc.execute("SHUTDOWN");
        }
    }
}
