package io.facetimerouter.campaign;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's campaign routes in step with the campaigns saved through the REST API: at
 * once on the instance that saves, and on every other instance at its next look at the database.
 */
@Component
public class CampaignSync {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignSync.class);

    private final Campaigns campaigns;
    private final CampaignDefinitionStore store;
    private final CampaignRuns runs;
    private final CamelContext camel;
    private final Scheduler scheduler;

    public CampaignSync(Campaigns campaigns, CampaignDefinitionStore store, CampaignRuns runs, CamelContext camel,
                        Scheduler scheduler) {
        this.campaigns = campaigns;
        this.store = store;
        this.runs = runs;
        this.camel = camel;
        this.scheduler = scheduler;
    }

    public synchronized void followDatabase() throws Exception {
        Campaigns.Changes changes = campaigns.follow(store.all());
        for (CampaignDefinition campaign : changes.changed()) {
            replaceRoutes(campaign);
        }
        for (String id : changes.deleted()) {
            removeRoutes(id);
        }
    }

    /** The campaign's schedule as saved: its routes replaced, or removed when it is disabled. */
    public synchronized void saved(CampaignDefinition campaign) throws Exception {
        store.save(campaign);
        followDatabase();
    }

    /** The campaign's schedule removed from the cluster, its routes from this instance. */
    public synchronized void deleted(String id) throws Exception {
        store.delete(id);
        followDatabase();
        scheduler.deleteJob(JobKey.jobKey(id, CampaignRoutes.JOB_GROUP));
    }

    private void replaceRoutes(CampaignDefinition campaign) throws Exception {
        removeRoutes(campaign.id());
        if (campaign.isEnabled()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    CampaignRoutes.define(this, campaign, runs);
                }
            });
        } else {
            scheduler.deleteJob(JobKey.jobKey(campaign.id(), CampaignRoutes.JOB_GROUP));
        }
        LOG.info("Campaign {} {}", campaign.id(), campaign.isEnabled() ? "scheduled as saved" : "is disabled");
    }

    private void removeRoutes(String id) throws Exception {
        for (String routeId : CampaignRoutes.routeIds(id)) {
            if (camel.getRoute(routeId) != null) {
                camel.getRouteController().stopRoute(routeId);
                camel.removeRoute(routeId);
            }
        }
    }
}
