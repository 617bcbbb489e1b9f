package io.facetimerouter.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param claimLease how long a request stays claimed without an outcome before another attempt may
 *                   take it over (the first one died before it could record an outcome)
 */
@ConfigurationProperties("router.ledger")
public record LedgerProperties(@DefaultValue("2m") Duration claimLease) {
}
