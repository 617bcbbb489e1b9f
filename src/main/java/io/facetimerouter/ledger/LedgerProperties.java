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
 */
@ConfigurationProperties("router.ledger")
public record LedgerProperties(@DefaultValue("2m") Duration claimLease,
                               @DefaultValue("retry") Interrupted interrupted,
                               @DefaultValue("5s") Duration h2CompactionInterval) {

    public LedgerProperties {
        if (h2CompactionInterval.isNegative() || h2CompactionInterval.isZero()) {
            throw new IllegalArgumentException("router.ledger.h2-compaction-interval must be longer than zero, was "
                    + h2CompactionInterval);
        }
    }

    public enum Interrupted {
        RETRY, FAIL
    }
}
