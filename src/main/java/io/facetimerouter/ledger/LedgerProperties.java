package io.facetimerouter.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param claimLease  how long a request stays claimed without an outcome before another attempt may
 *                    take it over (the first one died before it could record an outcome)
 * @param interrupted what taking over such a request does: {@code retry} processes it again (at least
 *                    once: a provider request the dead attempt made may be repeated), {@code fail} ends it
 *                    {@code FAILED} with code {@code interrupted} (at most once: never a second provider request)
 * @param h2CompactionInterval how often the space of an H2 file ledger is compacted ({@link H2FileCompaction})
 * @param retention   how long a call is kept, from its claim, with its deliveries ({@link LedgerRetention});
 *                    zero keeps every call
 * @param purgeInterval how often calls older than the retention are deleted
 */
@ConfigurationProperties("router.ledger")
public record LedgerProperties(@DefaultValue("2m") Duration claimLease,
                               @DefaultValue("retry") Interrupted interrupted,
                               @DefaultValue("5s") Duration h2CompactionInterval,
                               @DefaultValue("30d") Duration retention,
                               @DefaultValue("10m") Duration purgeInterval) {

    /** Shorter, and a call still being answered or delivered could lose its row; also what a typo of "30d" as "30s" would do. */
    static final Duration SHORTEST_RETENTION = Duration.ofHours(1);

    public LedgerProperties {
        requirePositive("h2-compaction-interval", h2CompactionInterval);
        requirePositive("purge-interval", purgeInterval);
        if (!retention.isZero() && (retention.compareTo(SHORTEST_RETENTION) < 0 || retention.compareTo(claimLease) <= 0)) {
            throw new IllegalArgumentException("router.ledger.retention must be 0 (keep every call) or at least "
                    + SHORTEST_RETENTION.toHours() + "h and longer than router.ledger.claim-lease (" + claimLease
                    + "), was " + retention + " (ROUTER_LEDGER_RETENTION)");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("router.ledger." + name + " must be longer than zero, was " + value);
        }
    }

    public enum Interrupted {
        RETRY, FAIL
    }
}
