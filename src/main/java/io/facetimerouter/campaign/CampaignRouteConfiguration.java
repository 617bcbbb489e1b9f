package io.facetimerouter.campaign;

import io.facetimerouter.ledger.CallInProgressException;
import io.facetimerouter.ledger.IdempotencyConflictException;
import io.facetimerouter.ledger.LedgerProperties;
import io.facetimerouter.provider.ProvidersUnavailableException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling of campaign runs: a run that cannot go on (its audience unreadable, Kafka refusing
 * the requests) ends FAILED with the reason; a single call the pipeline could not take when Kafka is
 * off (every provider's circuit open, a live claim of a dead instance that outlasted its lease) is
 * counted as skipped and the run goes on.
 */
@Component
public class CampaignRouteConfiguration extends RouteConfigurationBuilder {

    public static final String CAMPAIGN_RUN = "campaign-run";
    public static final String CAMPAIGN_CALL = "campaign-call";

    private final CampaignRuns runs;
    private final LedgerProperties ledger;

    public CampaignRouteConfiguration(CampaignRuns runs, LedgerProperties ledger) {
        this.runs = runs;
        this.ledger = ledger;
    }

    @Override
    public void configuration() {
        routeConfiguration(CAMPAIGN_RUN)
                .onException(Exception.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(runs::fail);

        routeConfiguration(CAMPAIGN_CALL)
                // claimed by an instance that died mid-call: wait for its lease to end, when the ledger
                // lets this run take the request over (ROUTER_LEDGER_INTERRUPTED says how); then skipped
                .onException(CallInProgressException.class)
                    .maximumRedeliveries((int) ledger.claimLease().toSeconds() + 5)
                    .redeliveryDelay(1000)
                    .logRetryAttempted(false)
                    .handled(true)
                    .logExhausted(false)
                    .process(runs::callNotPlaced)
                .end()
                .onException(ProvidersUnavailableException.class, IdempotencyConflictException.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(runs::callNotPlaced);
    }
}
