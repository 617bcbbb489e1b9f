package io.facetimerouter.campaign;

import io.facetimerouter.ledger.CallInProgressException;
import io.facetimerouter.ledger.IdempotencyConflictException;
import io.facetimerouter.provider.ProvidersUnavailableException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling of campaign runs: a run that cannot go on (its audience unreadable, Kafka refusing
 * the requests) ends FAILED with the reason; a single call the pipeline could not take when Kafka is
 * off (every provider's circuit open, say) is counted as skipped and the run goes on.
 */
@Component
public class CampaignRouteConfiguration extends RouteConfigurationBuilder {

    public static final String CAMPAIGN_RUN = "campaign-run";
    public static final String CAMPAIGN_CALL = "campaign-call";

    private final CampaignRuns runs;

    public CampaignRouteConfiguration(CampaignRuns runs) {
        this.runs = runs;
    }

    @Override
    public void configuration() {
        routeConfiguration(CAMPAIGN_RUN)
                .onException(Exception.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(runs::fail);

        routeConfiguration(CAMPAIGN_CALL)
                .onException(ProvidersUnavailableException.class, CallInProgressException.class,
                        IdempotencyConflictException.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(runs::callNotPlaced);
    }
}
