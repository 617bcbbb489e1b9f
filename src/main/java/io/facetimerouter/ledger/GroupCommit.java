package io.facetimerouter.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: the ledger writes of concurrent calls are joined into one transaction by a single
 * writer thread, so a busy instance makes one durable commit for many calls instead of one each.
 * A caller of {@link #write} gets its answer only once its work is committed; nothing waits for a
 * timer, a lone write is committed at once. Work nobody waits for ({@link #writeLater}) is gathered
 * for up to {@value #LATER_MILLIS} ms and committed apart, by a second writer, so the tables it changes
 * are written a few times a second rather than once per call.
 *
 * When any work of a batch fails (a request id claimed twice, say) the batch is rolled back and each
 * work is run again in its own transaction, so one failure is reported to its caller only. Work is
 * therefore nothing but statements on the ledger, safe to run again after a rollback.
 *
 * Each commit is timed, {@code facetime_ledger_commit_seconds}, and the writes it carried counted,
 * {@code facetime_ledger_writes_total}: their ratio is the writes one durable commit carries.
 */
@Component
public class GroupCommit {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** Bounds one transaction; a backlog beyond it is committed in several. */
    private static final int MAX_BATCH = 256;
    private static final long LATER_MILLIS = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final BlockingQueue<Work<?>> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<Work<?>> later = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Thread laterWriter;
    private final Timer commits;
    private final Counter writes;
    private volatile boolean running = true;

    public GroupCommit(JdbcTemplate jdbc, TransactionTemplate transaction, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.commits = Timer.builder("facetime.ledger.commit").description("Ledger transactions committed")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(meters);
        this.writes = meters.counter("facetime.ledger.writes");
        this.writer = new Thread(() -> writeUntilStopped(queue, 0), "ledger-group-commit");
        this.writer.setDaemon(true);
        this.writer.start();
        // deferred writes on a writer of their own: a large batch of them never holds up a write a caller waits for
        this.laterWriter = new Thread(() -> writeUntilStopped(later, LATER_MILLIS), "ledger-deferred-commit");
        this.laterWriter.setDaemon(true);
        this.laterWriter.start();
    }

    /**
     * Runs the work in the next group transaction and answers its result once committed.
     * The work's own exception, or the commit's, is thrown here.
     */
    public <T> T write(Function<JdbcTemplate, T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        submit(queue, new Work<>(work, done));
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the ledger was committing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Queues work whose commit nobody waits for (it is logged if it fails). */
    public <T> void writeLater(String description, Function<JdbcTemplate, T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        done.whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("Ledger write failed ({}): {}", description, failure.toString());
            }
        });
        submit(later, new Work<>(work, done));
    }

    private void submit(BlockingQueue<Work<?>> to, Work<?> work) {
        if (!running) {
            throw new IllegalStateException("The ledger is shutting down");
        }
        to.add(work);
    }

    /**
     * One writer: takes the first write waiting, gathers what else arrives within {@code gatherMillis}
     * (none for writes callers wait for: everything already waiting goes along), and commits them together.
     */
    private void writeUntilStopped(BlockingQueue<Work<?>> writes, long gatherMillis) {
        List<Work<?>> batch = new ArrayList<>(MAX_BATCH);
        while (running || !writes.isEmpty()) {
            try {
                Work<?> first = writes.poll(LATER_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(gatherMillis);
                for (long left = due - System.nanoTime(); running && left > 0 && batch.size() < MAX_BATCH;
                     left = due - System.nanoTime()) {
                    Work<?> next = writes.poll(left, TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                    }
                }
                writes.drainTo(batch, MAX_BATCH - batch.size());
                commitAndClear(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commitAndClear(List<Work<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            commit(batch);
        } catch (RuntimeException | Error unexpected) {
            batch.forEach(work -> work.done().completeExceptionally(unexpected));
        } finally {
            batch.clear();
        }
    }

    private void commit(List<Work<?>> batch) {
        List<Object> results;
        try {
            results = commitTimed(() -> {
                List<Object> inBatch = new ArrayList<>(batch.size());
                for (Work<?> work : batch) {
                    inBatch.add(work.run(jdbc));
                }
                return inBatch;
            });
        } catch (RuntimeException failed) {
            if (batch.size() == 1 || failed instanceof DataAccessResourceFailureException) {
                // an unreachable database fails every write at once: one by one, each would wait out the pool's timeout
                batch.forEach(work -> work.done().completeExceptionally(failed));
            } else {
                batch.forEach(this::commitAlone);
            }
            return;
        }
        writes.increment(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(results.get(i));
        }
    }

    private void commitAlone(Work<?> work) {
        try {
            Object result = commitTimed(() -> work.run(jdbc));
            writes.increment();
            work.complete(result);
        } catch (RuntimeException failed) {
            work.done().completeExceptionally(failed);
        }
    }

    /** Runs the statements in one transaction, timed when it commits (one rolled back is not a commit). */
    private <T> T commitTimed(Supplier<T> statements) {
        long started = System.nanoTime();
        T result = inTransaction(statements);
        commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return result;
    }

    /**
     * Runs in one transaction. A transaction that cannot begin or commit means the database cannot be
     * reached: reported as such, the same as a statement outside a transaction would be.
     */
    private <T> T inTransaction(Supplier<T> statements) {
        try {
            return transaction.execute(status -> statements.get());
        } catch (CannotCreateTransactionException | TransactionSystemException unreachable) {
            throw new DataAccessResourceFailureException("The ledger database cannot be reached", unreachable);
        }
    }

    /** Writes waiting to be committed, those nobody waits for excepted. */
    int queued() {
        return queue.size();
    }

    /** Commits what is queued, then stops the writers; a write that came too late fails rather than wait forever. */
    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(10));
        laterWriter.join(TimeUnit.SECONDS.toMillis(10));
        IllegalStateException stopped = new IllegalStateException("The ledger is shutting down");
        for (BlockingQueue<Work<?>> writes : List.of(queue, later)) {
            for (Work<?> work = writes.poll(); work != null; work = writes.poll()) {
                work.done().completeExceptionally(stopped);
            }
        }
    }

    private record Work<T>(Function<JdbcTemplate, T> statements, CompletableFuture<T> done) {

        Object run(JdbcTemplate jdbc) {
            return statements.apply(jdbc);
        }

        @SuppressWarnings("unchecked")
        void complete(Object result) {
            done.complete((T) result);
        }
    }
}
