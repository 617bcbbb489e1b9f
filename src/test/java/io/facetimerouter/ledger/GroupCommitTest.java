package io.facetimerouter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class GroupCommitTest {

    private final AtomicInteger commits = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private GroupCommit groupCommit;

    @BeforeEach
    void ledgerTable() {
        dataSource = new DriverManagerDataSource("jdbc:h2:mem:group-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE claim (id VARCHAR(64) PRIMARY KEY)");
        groupCommit = new GroupCommit(jdbc, new TransactionTemplate(new CountingTransactionManager(dataSource)), meters);
    }

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        groupCommit.stop();
    }

    @Test
    void writesQueuedWhileACommitIsUnderWayShareTheNextCommit() throws Exception {
        HeldWriter first = holdWriter(groupCommit, ledger -> ledger.update("INSERT INTO claim VALUES ('first')"));
        List<Future<Integer>> queued = queueInserts(groupCommit, "queued-", 6);

        first.release();
        for (Future<Integer> write : queued) {
            assertThat(write.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        }

        assertThat(commits).hasValue(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class)).isEqualTo(7);
    }

    @Test
    void aWriteIsCommittedBeforeItsCallerGetsTheAnswer() {
        groupCommit.write(ledger -> ledger.update("INSERT INTO claim VALUES ('answered')"));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE id = 'answered'", Integer.class)).isEqualTo(1);
        assertThat(commits).hasValue(1);
    }

    @Test
    void aFailedWriteFailsOnlyItsOwnCallerAndTheOthersOfItsBatchAreCommitted() throws Exception {
        BatchWithADuplicate batch = batchWithADuplicate();

        batch.blocker().release();

        assertThat(batch.fresh().get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> batch.duplicate().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.queryForList("SELECT id FROM claim ORDER BY id", String.class)).containsExactly("fresh", "taken");
    }

    @Test
    void onlyCommittedTransactionsAndTheWritesTheyCarriedAreCounted() throws Exception {
        BatchWithADuplicate batch = batchWithADuplicate();

        // the batch of both is rolled back, then each is tried alone: the duplicate fails again
        batch.blocker().release();
        batch.fresh().get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> batch.duplicate().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);

        // committed: 'taken', the blocker, 'fresh' alone; the rolled-back batch and the failed duplicate are not
        assertThat(commits).hasValue(3);
        assertThat(meters.get("facetime.ledger.commit").timer().count()).isEqualTo(3);
        assertThat(meters.get("facetime.ledger.writes").counter().count()).isEqualTo(3.0);
    }

    @Test
    void writesNobodyWaitsForAreCommittedTogetherShortlyAfter() {
        for (int i = 0; i < 5; i++) {
            groupCommit.writeLater("test", ledger -> ledger.update("INSERT INTO claim VALUES (?)", "later-" + UUID.randomUUID()));
        }

        // the rows are visible a moment before the commit is counted: both are awaited, 5 commits never match
        await().atMost(Duration.ofSeconds(2)).until(
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class) == 5 && commits.get() == 1);
        assertThat(commits).hasValue(1);
    }

    @Test
    void anUnreachableDatabaseIsReportedAsSuch() {
        DriverManagerDataSource unreachable = new DriverManagerDataSource("jdbc:h2:tcp://127.0.0.1:1/nowhere");
        GroupCommit toNowhere = new GroupCommit(new JdbcTemplate(unreachable),
                new TransactionTemplate(new DataSourceTransactionManager(unreachable)), new SimpleMeterRegistry());
        try {
            assertThatThrownBy(() -> toNowhere.write(ledger -> ledger.update("INSERT INTO claim VALUES ('x')")))
                    .isInstanceOf(DataAccessResourceFailureException.class);
        } finally {
            stopQuietly(toNowhere);
        }
    }

    @Test
    void whenTheDatabaseGoesAwayEveryWriteOfTheBatchFailsAtOnce() throws Exception {
        FailingDataSource database = new FailingDataSource(dataSource);
        GroupCommit toFailing = new GroupCommit(new JdbcTemplate(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)), new SimpleMeterRegistry());
        try {
            HeldWriter blocker = holdWriter(toFailing, ledger -> 0);
            List<Future<Integer>> queued = queueInserts(toFailing, "lost-", 3);

            database.goAway();
            blocker.release();

            for (Future<Integer> write : queued) {
                assertThatThrownBy(() -> write.get(5, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(DataAccessResourceFailureException.class);
            }
            // one attempt for the batch, not one more for each of its writes
            assertThat(database.attemptsSinceGone()).hasValue(1);
        } finally {
            stopQuietly(toFailing);
        }
    }

    private static void stopQuietly(GroupCommit groupCommit) {
        try {
            groupCommit.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** 'taken' committed, then a duplicate of it and a fresh write queued together behind a held write. */
    private BatchWithADuplicate batchWithADuplicate() throws InterruptedException {
        groupCommit.write(ledger -> ledger.update("INSERT INTO claim VALUES ('taken')"));
        HeldWriter blocker = holdWriter(groupCommit, ledger -> 0);
        Future<Integer> duplicate = callers.submit(() -> groupCommit.write(ledger -> ledger.update("INSERT INTO claim VALUES ('taken')")));
        Future<Integer> fresh = callers.submit(() -> groupCommit.write(ledger -> ledger.update("INSERT INTO claim VALUES ('fresh')")));
        await().atMost(Duration.ofSeconds(5)).until(() -> groupCommit.queued() == 2);
        return new BatchWithADuplicate(blocker, duplicate, fresh);
    }

    private record BatchWithADuplicate(HeldWriter blocker, Future<Integer> duplicate, Future<Integer> fresh) {
    }

    /** A write that holds the writer thread, inside its transaction, until {@link HeldWriter#release}. */
    private HeldWriter holdWriter(GroupCommit writer, Function<JdbcTemplate, Integer> work) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        Future<?> write = callers.submit(() -> writer.write(ledger -> {
            holding.countDown();
            try {
                released.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return work.apply(ledger);
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).as("the writer took the held write").isTrue();
        return () -> {
            released.countDown();
            write.get(5, TimeUnit.SECONDS);
        };
    }

    @FunctionalInterface
    private interface HeldWriter {
        /** Lets the held write finish, and returns once it has. */
        void release() throws Exception;
    }

    /** {@code count} inserts of {@code <prefix><n>}, sent from other threads, returned once all wait in the queue. */
    private List<Future<Integer>> queueInserts(GroupCommit writer, String prefix, int count) {
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            queued.add(callers.submit(() -> writer.write(ledger -> ledger.update("INSERT INTO claim VALUES (?)", id))));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.queued() == count);
        return queued;
    }

    /** A database that can go away: from then on every connection attempt is counted and refused. */
    private static final class FailingDataSource extends DelegatingDataSource {

        private final AtomicInteger attemptsSinceGone = new AtomicInteger();
        private volatile boolean gone;

        FailingDataSource(DataSource target) {
            super(target);
        }

        void goAway() {
            gone = true;
        }

        AtomicInteger attemptsSinceGone() {
            return attemptsSinceGone;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (gone) {
                attemptsSinceGone.incrementAndGet();
                throw new SQLTransientConnectionException("the database went away");
            }
            return super.getConnection();
        }
    }

    private class CountingTransactionManager extends DataSourceTransactionManager {

        CountingTransactionManager(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            super.doCommit(status);
            commits.incrementAndGet();
        }
    }
}
