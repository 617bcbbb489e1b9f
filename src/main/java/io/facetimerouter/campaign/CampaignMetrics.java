package io.facetimerouter.campaign;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * A run's progress as {@code facetime_campaign_contacts_total{campaign,outcome}}, outcome one of
 * read, invalid, requested, skipped. Reported at each checkpoint and at the end, not per contact:
 * the meters follow the run a second behind at most.
 */
@Component
public class CampaignMetrics {

    private final MeterRegistry meters;

    public CampaignMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void report(CampaignRun run) {
        CampaignRun.Counts added = run.countedSinceReported();
        add(run, "read", added.read());
        add(run, "invalid", added.invalid());
        add(run, "requested", added.requested());
        add(run, "skipped", added.skipped());
    }

    private void add(CampaignRun run, String outcome, long contacts) {
        meters.counter("facetime.campaign.contacts", "campaign", run.campaign().id(), "outcome", outcome)
                .increment(contacts);
    }
}
