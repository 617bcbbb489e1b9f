package io.facetimerouter.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.simpl.RAMJobStore;

/**
 * A campaign's schedule is removed although a run-now trigger of it fires while Quartz deletes the job
 * (Quartz lists the job's triggers, then fails on one already gone). A real Quartz scheduler, whose job
 * store lets such a trigger fire between the two steps.
 */
class CampaignScheduleDeletionTest {

    private static final String CAMPAIGN = "deleted-while-firing";

    private Scheduler scheduler;

    @BeforeEach
    void schedulerWithARunNowTrigger() throws SchedulerException {
        TriggerFiresMeanwhile.racesLeft.set(0);
        TriggerFiresMeanwhile.firesEveryTime = false;
        TriggerFiresMeanwhile.removals.set(0);
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", "deletion-" + UUID.randomUUID());
        quartz.setProperty("org.quartz.threadPool.threadCount", "1");
        quartz.setProperty("org.quartz.jobStore.class", TriggerFiresMeanwhile.class.getName());
        scheduler = new StdSchedulerFactory(quartz).getScheduler();
        scheduler.scheduleJob(JobBuilder.newJob(NoRun.class).withIdentity(CAMPAIGN, CampaignRoutes.JOB_GROUP).build(),
                TriggerBuilder.newTrigger().withIdentity("run-now-1", "campaigns-run-now").build());
    }

    @AfterEach
    void shutDown() throws SchedulerException {
        scheduler.shutdown();
    }

    @Test
    void aTriggerThatFiredWhileTheJobWasDeletedDoesNotFailTheDeletion() throws SchedulerException {
        TriggerFiresMeanwhile.racesLeft.set(1);

        CampaignSync.deleteSchedule(scheduler, CAMPAIGN);

        assertThat(scheduler.checkExists(JobKey.jobKey(CAMPAIGN, CampaignRoutes.JOB_GROUP))).isFalse();
        assertThat(TriggerFiresMeanwhile.removals).hasValue(1);
    }

    @Test
    void aDeletionThatFailsEveryTimeIsReportedAfterThreeAttempts() {
        TriggerFiresMeanwhile.firesEveryTime = true;

        assertThatThrownBy(() -> CampaignSync.deleteSchedule(scheduler, CAMPAIGN))
                .isInstanceOf(SchedulerException.class)
                .hasMessageContaining("Unable to unschedule trigger [campaigns-run-now.run-now-1] while deleting job");
        assertThat(TriggerFiresMeanwhile.removals).hasValue(3);
    }

    /** Quartz's in-memory job store, but a trigger it is asked to remove may have fired (and gone) just before. */
    public static class TriggerFiresMeanwhile extends RAMJobStore {

        static final AtomicInteger racesLeft = new AtomicInteger();
        static final AtomicInteger removals = new AtomicInteger();
        static volatile boolean firesEveryTime;

        @Override
        public boolean removeTrigger(TriggerKey key) {
            removals.incrementAndGet();
            if (firesEveryTime) {
                return false;
            }
            if (racesLeft.getAndDecrement() > 0) {
                // it fired, and a one-off trigger is gone once fired
                super.removeTrigger(key);
                return false;
            }
            return super.removeTrigger(key);
        }
    }

    public static class NoRun implements Job {
        @Override
        public void execute(JobExecutionContext context) {
        }
    }
}
