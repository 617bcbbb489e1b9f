package io.facetimerouter.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The clustered Quartz scheduler of campaign runs: Spring Boot's, on the service's database, handed
 * to camel-quartz so every campaign route schedules into the shared job store. Also "run now".
 */
@Component
public class CampaignScheduler {

    private final Scheduler scheduler;
    private final Campaigns campaigns;
    private final Clock clock;

    public CampaignScheduler(Scheduler scheduler, Campaigns campaigns, Clock clock) {
        this.scheduler = scheduler;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Bean
    static ComponentCustomizer campaignQuartzScheduler(Scheduler scheduler) {
        return ComponentCustomizer.builder(QuartzComponent.class).build(quartz -> quartz.setScheduler(scheduler));
    }

    /**
     * Starts a run at once, through the same clustered job as the schedule, so it runs on one
     * instance and is recovered like any other run.
     *
     * @return the run id
     */
    public String runNow(String campaignId) throws SchedulerException {
        CampaignDefinition campaign = campaigns.find(campaignId)
                .orElseThrow(() -> new UnknownCampaignException(campaignId));
        if (!campaign.isEnabled()) {
            throw new CampaignDisabledException(campaignId);
        }
        Instant now = clock.instant();
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .forJob(JobKey.jobKey(campaignId, CampaignRoutes.JOB_GROUP))
                .withIdentity("run-now-" + now.toEpochMilli(), CampaignRoutes.JOB_GROUP + "-run-now")
                .startAt(Date.from(now))
                .build());
        return CampaignRuns.runId(now);
    }
}
