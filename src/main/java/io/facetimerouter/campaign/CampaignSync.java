package io.facetimerouter.campaign;

import io.facetimerouter.call.RequestIds;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's campaign routes in step with the campaigns: scheduled one by one once Camel
 * has started (a campaign that cannot be scheduled is marked BROKEN, never stops start-up), at once on
 * the instance that saves one, and on every other instance at its next look at the database; at the
 * same look, a run that no instance holds any longer is handed to the cluster to resume. A run in
 * progress here when its campaign's routes are replaced yields at once and resumes under the new ones
 * (or ends, if the campaign was disabled or deleted): saving a campaign never waits for its run.
 */
@Component
public class CampaignSync implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignSync.class);
    /** A delete that meets a trigger firing is tried again; failing this many times in a row is not that race. */
    private static final int DELETE_ATTEMPTS = 3;

    private final Campaigns campaigns;
    private final CampaignDefinitionStore store;
    private final CampaignRuns runs;
    private final CamelContext camel;
    private final Scheduler scheduler;
    private final CampaignRunStore runStore;
    /** Runs that yielded while their campaign's routes were replaced, handed on once the change is complete. */
    private final List<CampaignRun> yielded = new ArrayList<>();

    public CampaignSync(Campaigns campaigns, CampaignDefinitionStore store, CampaignRuns runs,
                        @Lazy CamelContext camel, Scheduler scheduler, CampaignRunStore runStore) {
        this.runStore = runStore;
        this.campaigns = campaigns;
        this.store = store;
        this.runs = runs;
        this.camel = camel;
        this.scheduler = scheduler;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        // campaign routes are added once Camel runs, each on its own, so one cannot fail the others
    }

    /**
     * Schedules every campaign, then starts the clustered scheduler: a run recovered from a dead instance
     * fires only once the route that runs it exists.
     */
    @Override
    public synchronized void afterApplicationStart(CamelContext context) {
        try {
            for (CampaignDefinition campaign : campaigns.all()) {
                schedule(campaign).ifPresent(problem -> broken(campaign.id(), problem));
            }
        } finally {
            try {
                scheduler.start();
            } catch (SchedulerException e) {
                throw new IllegalStateException("The campaign scheduler cannot start", e);
            }
        }
    }

    public synchronized void followDatabase() throws Exception {
        followStore();
        resumeOrphanedRuns();
    }

    private void followStore() throws Exception {
        try {
            follow(campaigns.follow(store.all()), null);
        } finally {
            handOnYieldedRuns();
        }
    }

    /**
     * A run no instance holds any longer is handed to the cluster again: a one-off trigger for the run's
     * own fire time, which some instance fires, and the run resumes at its last checkpoint. Quartz recovers
     * the runs of an instance that died mid-run by itself; a stopping instance may end the run's job on its
     * way out instead (Camel refuses the run's next step), which leaves Quartz nothing to recover. The job
     * is stateful: a run is never resumed twice at once, and the ledger answers calls made before.
     */
    private void resumeOrphanedRuns() throws SchedulerException {
        for (CampaignRunStore.RunKey orphan : runStore.orphaned(scheduler.getSchedulerName())) {
            try {
                resume(orphan.campaignId(), orphan.runId(), "resume-" + orphan.runId());
                LOG.warn("Campaign run {}:{} had no instance left; handed to the cluster to resume", orphan.campaignId(),
                        orphan.runId());
            } catch (JobPersistenceException alreadyOrGone) {
                // another instance handed it over first, the campaign is gone, or the database is away for now
                LOG.debug("Campaign run {}:{} not handed over: {}", orphan.campaignId(), orphan.runId(), alreadyOrGone.toString());
            } catch (DateTimeParseException notOurs) {
                // the service writes every run id; one it cannot read was put there by hand: left alone, and the others still go
                LOG.warn("Campaign run {}:{} has an id that is not a fire time; not handed over", orphan.campaignId(),
                        RequestIds.masked(orphan.runId()));
            }
        }
    }

    /**
     * A one-off trigger of the campaign's job for the run's own fire time: the run resumes at its checkpoint.
     * The trigger's name is the cluster's guard against handing a run over twice.
     */
    private void resume(String campaignId, String runId, String triggerName) throws SchedulerException {
        Instant fireTime = CampaignRuns.fireTime(runId);
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .forJob(JobKey.jobKey(campaignId, CampaignRoutes.JOB_GROUP))
                .withIdentity(triggerName, CampaignRoutes.JOB_GROUP + "-resume")
                // read back as the run's fire time (CampaignRoutes), however late the trigger fires
                .usingJobData(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS,
                        String.valueOf(fireTime.toEpochMilli()))
                .startNow()
                .build());
    }

    /**
     * Each run that yielded goes on under its campaign's new routes, from its last checkpoint; with no routes
     * left (the campaign disabled or deleted), it ends. A run that could not be handed on stays for the next look.
     */
    private void handOnYieldedRuns() {
        yielded.removeIf(this::handedOn);
    }

    private boolean handedOn(CampaignRun run) {
        String campaignId = run.campaign().id();
        if (!hasRoutes(campaignId)) {
            runs.endYielded(run, "the campaign was disabled or deleted during the run");
            return true;
        }
        try {
            // only this instance hands its own run on: a name of its own, should the last resume still be firing
            resume(campaignId, run.runId(), "resume-" + run.runId() + "-" + UUID.randomUUID());
            LOG.info("Campaign run {} resumes under the campaign as saved again", run);
            return true;
        } catch (SchedulerException e) {
            // this instance still holds the run, so no other would take it over: tried again at the next look
            LOG.warn("Campaign run {} could not be resumed now, tried again at the next look at the database: {}",
                    run, e.getMessage());
            return false;
        }
    }

    private boolean hasRoutes(String campaignId) {
        return camel.getRoute(CampaignRoutes.routeIds(campaignId).get(0)) != null;
    }

    /** Applies what changed in the database; {@code scheduledHere} is already scheduled as saved. */
    private void follow(Campaigns.Changes changes, String scheduledHere) throws Exception {
        for (CampaignDefinition campaign : changes.changed()) {
            if (!campaign.id().equals(scheduledHere)) {
                schedule(campaign).ifPresent(problem -> broken(campaign.id(), problem));
            }
        }
        for (String id : changes.removed()) {
            removeRoutes(id);
        }
    }

    /**
     * Schedules the campaign as sent and saves it, both or neither: when it cannot be scheduled, the
     * schedule it had stays and nothing is saved.
     *
     * @throws InvalidCampaignException when the campaign cannot be scheduled
     */
    public synchronized void saved(CampaignDefinition campaign) throws Exception {
        try {
            saveAndSchedule(campaign);
        } finally {
            handOnYieldedRuns();
        }
    }

    private void saveAndSchedule(CampaignDefinition campaign) throws Exception {
        Optional<CampaignDefinition> before = campaigns.find(campaign.id());
        Optional<Exception> failure = scheduling(campaign);
        if (failure.isPresent()) {
            restore(campaign.id(), before);
            if (isStoreUnreachable(failure.get())) {
                throw new DataAccessResourceFailureException("The campaign schedule store cannot be reached", failure.get());
            }
            throw new InvalidCampaignException(List.of("cron: cannot be scheduled: " + describe(failure.get())));
        }
        try {
            store.save(campaign);
        } catch (RuntimeException e) {
            restore(campaign.id(), before);
            throw e;
        }
        follow(campaigns.follow(store.all()), campaign.id());
    }

    /** The campaign's schedule removed from the cluster, its routes from this instance. */
    public synchronized void deleted(String id) throws Exception {
        store.delete(id);
        followStore();
        deleteSchedule(scheduler, id);
    }

    /**
     * Removes the campaign's job and triggers. Quartz lists a job's triggers, then removes each, and
     * fails when one is gone by then: a run-now trigger that fired in between. Deleting again lists
     * the triggers anew.
     */
    static void deleteSchedule(Scheduler scheduler, String id) throws SchedulerException {
        for (int attempt = 1; ; attempt++) {
            try {
                scheduler.deleteJob(JobKey.jobKey(id, CampaignRoutes.JOB_GROUP));
                return;
            } catch (JobPersistenceException unreachable) {
                throw unreachable;
            } catch (SchedulerException triggerGoneMeanwhile) {
                if (attempt == DELETE_ATTEMPTS) {
                    throw triggerGoneMeanwhile;
                }
            }
        }
    }

    private void restore(String id, Optional<CampaignDefinition> before) throws Exception {
        removeRoutes(id);
        if (before.isPresent()) {
            schedule(before.get());
        }
    }

    /** The campaign's routes replaced (or removed when it is disabled); the problem when they cannot start. */
    private Optional<String> schedule(CampaignDefinition campaign) {
        return scheduling(campaign).map(CampaignSync::describe);
    }

    private Optional<Exception> scheduling(CampaignDefinition campaign) {
        try {
            removeRoutes(campaign.id());
            if (!campaign.isEnabled()) {
                deleteSchedule(scheduler, campaign.id());
                LOG.info("Campaign {} is disabled", campaign.id());
                return Optional.empty();
            }
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    CampaignRoutes.define(this, campaign, runs);
                }
            });
            LOG.info("Campaign {} scheduled", campaign.id());
            return Optional.empty();
        } catch (Exception e) {
            quietlyRemoveRoutes(campaign.id());
            return Optional.of(e);
        }
    }

    private static String describe(Exception failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Quartz keeps schedules in the service's database: a schedule refused because it is down is no fault of the campaign. */
    private static boolean isStoreUnreachable(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JobPersistenceException || cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private void broken(String id, String problem) {
        campaigns.broken(id, problem);
        try {
            // its trigger would only fire on instances that cannot run it
            deleteSchedule(scheduler, id);
        } catch (Exception e) {
            LOG.warn("Could not remove the schedule of broken campaign {}: {}", id, e.getMessage());
        }
    }

    private void quietlyRemoveRoutes(String id) {
        try {
            removeRoutes(id);
        } catch (Exception e) {
            LOG.warn("Could not remove the routes of campaign {}: {}", id, e.getMessage());
        }
    }

    private void removeRoutes(String id) throws Exception {
        if (hasRoutes(id)) {
            // the run's waits end at once: the routes stop without waiting for the whole run
            runs.yieldRun(id).filter(run -> !yielded.contains(run)).ifPresent(yielded::add);
        }
        for (String routeId : CampaignRoutes.routeIds(id)) {
            if (camel.getRoute(routeId) != null) {
                camel.getRouteController().stopRoute(routeId);
                camel.removeRoute(routeId);
            }
        }
    }
}
