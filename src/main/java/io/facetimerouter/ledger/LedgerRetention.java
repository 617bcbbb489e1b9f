package io.facetimerouter.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the calls claimed longer ago than the retention ({@code ROUTER_LEDGER_RETENTION}), with their
 * deliveries and delivery attempts, so that the ledger, and the phone numbers in it, do not grow for ever.
 * A call with a delivery still pending is kept until the delivery ends. A deleted call's request id is
 * new again: a repeat of it calls the contact again.
 * <p>
 * Every {@code ROUTER_LEDGER_PURGEINTERVAL}, in transactions of {@value #BATCH} calls. A batch locks its
 * calls with {@code SKIP LOCKED}, so instances purging at the same time take different calls and never
 * wait for each other.
 */
@Component
public class LedgerRetention {

    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(LedgerRetention.class);
    private static final String EXPIRED_CALLS = "SELECT request_id FROM call_ledger c WHERE claimed_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM call_delivery d WHERE d.request_id = c.request_id AND d.status = ?)"
            + " ORDER BY claimed_at FETCH FIRST " + BATCH + " ROWS ONLY FOR UPDATE SKIP LOCKED";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration retention;
    private final Counter purged;
    private final ScheduledExecutorService schedule;

    public LedgerRetention(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, LedgerProperties properties,
                           MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.retention = properties.retention();
        this.purged = Counter.builder("facetime.ledger.purged").baseUnit("calls")
                .description("calls deleted from the ledger past their retention").register(meters);
        this.schedule = Housekeeping.thread("ledger-retention");
        if (!retention.isZero()) {
            long interval = properties.purgeInterval().toNanos();
            schedule.scheduleWithFixedDelay(this::purgeQuietly, interval, interval, TimeUnit.NANOSECONDS);
        }
    }

    /** Deletes every call claimed before {@code cutoff} that has no pending delivery; how many were deleted. */
    public long purgeBefore(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = transaction.execute(status -> purgeBatch(Timestamp.from(cutoff)));
            total += deleted;
            purged.increment(deleted);
        } while (deleted == BATCH);
        return total;
    }

    private int purgeBatch(Timestamp cutoff) {
        List<Object[]> calls = jdbc.queryForList(EXPIRED_CALLS, String.class, cutoff, DeliveryLedger.PENDING).stream()
                .map(requestId -> new Object[] {requestId})
                .toList();
        if (!calls.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM delivery_attempt WHERE request_id = ?", calls);
            jdbc.batchUpdate("DELETE FROM call_delivery WHERE request_id = ?", calls);
            jdbc.batchUpdate("DELETE FROM call_ledger WHERE request_id = ?", calls);
        }
        return calls.size();
    }

    private void purgeQuietly() {
        Instant cutoff = clock.instant().minus(retention);
        try {
            long deleted = purgeBefore(cutoff);
            if (deleted > 0) {
                LOG.info("Deleted {} call(s) claimed before {}, past ROUTER_LEDGER_RETENTION, with their deliveries", deleted, cutoff);
            }
        } catch (RuntimeException failure) {
            // the database may be unreachable for a while (readiness reports that); the next round tries again
            LOG.warn("Deleting calls claimed before {} failed, the next round tries again: {}", cutoff, failure.toString());
        }
    }

    /** Lets a batch under way finish: interrupting H2's file I/O would close its store. */
    @PreDestroy
    void stop() throws InterruptedException {
        schedule.shutdown();
        schedule.awaitTermination(10, TimeUnit.SECONDS);
    }
}
