package io.facetimerouter.campaign;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
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
        return ComponentCustomizer.builder(QuartzComponent.class).build(quartz -> {
            quartz.setScheduler(scheduler);
            // CampaignSync starts it, once the campaign routes exist
            quartz.setAutoStartScheduler(false);
        });
    }

    /** Quartz reads PostgreSQL's bytea columns only through its PostgreSQL delegate; H2 takes the standard one. */
    @Bean
    static SchedulerFactoryBeanCustomizer quartzDriverDelegate(DataSource dataSource, QuartzProperties quartz) {
        return factory -> {
            Properties properties = new Properties();
            properties.putAll(quartz.getProperties());
            properties.put("org.quartz.jobStore.driverDelegateClass", isPostgres(dataSource)
                    ? PostgreSQLDelegate.class.getName() : StdJDBCDelegate.class.getName());
            factory.setQuartzProperties(properties);
        };
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                    DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database the campaign scheduler runs on", e);
        }
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
