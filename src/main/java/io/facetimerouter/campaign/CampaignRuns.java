package io.facetimerouter.campaign;

import io.facetimerouter.call.CallRequest;
import io.facetimerouter.call.RequestIds;
import io.facetimerouter.pipeline.PublishingBurst;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code campaign-run} route: start or resume the run, read its audience from where
 * the last attempt stopped as batches of admitted calls (each row invalid, past the deadline, or a
 * call), and report. Every call's request id is {@code <campaign>:<run>:<handle>}, so a run resumed or
 * started again never calls anyone twice: the ledger answers repeats without a provider request.
 */
@Component
public class CampaignRuns {

    public static final String RUN = "campaignRun";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Every checkpoint waits for the run's calls to be acknowledged: often enough to resume close, rarely enough to stream. */
    private static final int CHECKPOINT_EVERY = 1000;
    private static final Duration CHECKPOINT_AFTER = Duration.ofSeconds(1);
    /**
     * How long the instance's consumer yields after a batch the pace would have let more follow: longer
     * than a batch of 1,000 rows takes to read and its checkpoint to be acknowledged on busy cores.
     */
    private static final Duration BURST_LINGER = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(CampaignRuns.class);

    private final Campaigns campaigns;
    private final Audiences audiences;
    private final CampaignRunStore store;
    private final Scheduler scheduler;
    private final CampaignPublisher publisher;
    private final CampaignMetrics metrics;
    private final Clock clock;
    private final PublishingBurst burst;
    private final boolean consumerYields;
    /** The runs of this instance in progress, by campaign: one at a time per campaign (its job is stateful). */
    private final Map<String, CampaignRun> inProgress = new ConcurrentHashMap<>();

    public CampaignRuns(Campaigns campaigns, Audiences audiences, CampaignRunStore store, Scheduler scheduler,
                        CampaignPublisher publisher, CampaignMetrics metrics, Clock clock, PublishingBurst burst,
                        CampaignProperties properties) {
        this.metrics = metrics;
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.store = store;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.clock = clock;
        this.burst = burst;
        this.consumerYields = properties.consumerYields();
    }

    /** A run to start: the campaign, and the fire time the run belongs to. */
    public record RunStart(String campaignId, Instant fireTime) {
    }

    /** The run of a fire time: the same whichever instance fires it, and again when it is recovered. */
    public static String runId(Instant fireTime) {
        return RUN_ID.format(fireTime);
    }

    /** The fire time a run belongs to. */
    static Instant fireTime(String runId) {
        return RUN_ID.parse(runId, Instant::from);
    }

    public void begin(Exchange exchange) throws SchedulerException {
        RunStart start = exchange.getMessage().getBody(RunStart.class);
        String instance = scheduler.getSchedulerInstanceId();
        Optional<CampaignRun> run = campaigns.find(start.campaignId())
                .flatMap(campaign -> store.startOrResume(campaign, runId(start.fireTime()), instance));
        if (run.isEmpty()) {
            LOG.info("Campaign {} run {} has already ended or the campaign is gone", start.campaignId(),
                    runId(start.fireTime()));
            exchange.setRouteStop(true);
            return;
        }
        exchange.setProperty(RUN, run.get());
        inProgress.put(start.campaignId(), run.get());
        LOG.info("Campaign run {} {} at contact {} on {}", run.get(),
                run.get().contactsRead() == 0 ? "starts" : "resumes", run.get().contactsRead() + 1, instance);
    }

    /**
     * Calls admitted together, sent together once quiet hours are over and the rate allows: at most a
     * period's allowance of calls, and never rows across a multiple of {@value #CHECKPOINT_EVERY}, where a
     * checkpoint follows. Camel's steps then run once per batch rather than once per contact.
     */
    public record Batch(List<CallRequest> calls, long quietWaitMillis) {

        public int size() {
            return calls.size();
        }
    }

    /** The audience as batches, from the first row the run has not handled yet; each row is admitted as it is read. */
    public Iterator<Batch> batches(Exchange exchange, int callsPerBatch) {
        CampaignRun run = run(exchange);
        Audiences.Reader rows = new ReadAhead(audiences.open(run.campaign()), run.contactsRead(), run.toString());
        return new Batches(run, rows, callsPerBatch);
    }

    /** Closeable, so that the splitter closes the audience however the run ends. */
    private final class Batches implements Iterator<Batch>, Closeable {

        private final CampaignRun run;
        private final Audiences.Reader rows;
        private final int callsPerBatch;

        Batches(CampaignRun run, Audiences.Reader rows, int callsPerBatch) {
            this.run = run;
            this.rows = rows;
            this.callsPerBatch = callsPerBatch;
        }

        @Override
        public boolean hasNext() {
            return !run.yielding() && rows.hasNext();
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            // rows of one batch are read within moments of each other: one clock reading serves them all
            Instant now = clock.instant();
            Duration quietWait = quietWait(run.campaign(), now);
            boolean pastDeadline = !now.plus(quietWait).isBefore(run.deadlineAt());
            List<CallRequest> calls = new ArrayList<>(largestBatch(callsPerBatch));
            do {
                AudienceRow row = rows.next();
                run.read();
                if (!row.valid()) {
                    run.invalidRow();
                    store.invalidRow(run, row.line(), row.problem());
                } else if (pastDeadline) {
                    run.skippedContact();
                } else {
                    calls.add(callRequest(run, row));
                }
            } while (calls.size() < callsPerBatch && run.contactsRead() % CHECKPOINT_EVERY != 0 && rows.hasNext());
            return new Batch(calls, quietWait.toMillis());
        }

        @Override
        public void close() {
            rows.close();
        }
    }

    /** The most calls a batch holds: a period's allowance, and never the rows of two checkpoints. */
    private static int largestBatch(int callsPerBatch) {
        return Math.min(callsPerBatch, CHECKPOINT_EVERY);
    }

    /**
     * Waits for the batch's turn on the run's own thread: quiet hours, then the pace. A run asked to
     * yield meanwhile sends the batch no further: it is resumed from its last checkpoint, and the ledger
     * answers again any call it repeats.
     */
    public void awaitTurn(Exchange exchange, PaceWindow window) throws InterruptedException {
        Batch batch = exchange.getMessage().getBody(Batch.class);
        CampaignRun run = run(exchange);
        if (run.yieldsWithin(batch.quietWaitMillis()) || run.yieldsWithin(window.waitFor(batch.size()))) {
            yielded(run);
            exchange.setRouteStop(true);
        }
    }

    /**
     * The run's attempt ends here, left RUNNING at its last checkpoint: resumed from there by whoever asked
     * it to yield (CampaignSync), or, when this instance is stopping, by the next look at the database of
     * an instance still running.
     */
    private void yielded(CampaignRun run) {
        if (inProgress.remove(run.campaign().id(), run)) {
            publisher.flush(run);
            LOG.info("Campaign run {} stopped at its last checkpoint; it is resumed from there", run);
        }
    }

    /**
     * This instance is stopping: its runs stop where they are instead of holding the stop for their waits
     * (a minute between two calls at one a minute, hours of quiet hours), which Camel would cut off after
     * its shutdown timeout (45 s) anyway.
     */
    @EventListener(ContextClosedEvent.class)
    public void yieldAll() {
        inProgress.values().forEach(CampaignRun::yieldTurn);
    }

    /**
     * Asks the campaign's run on this instance, if one is in progress, to stop where it is (its routes are
     * about to be replaced or removed); the run asked, for whoever goes on with it.
     */
    Optional<CampaignRun> yieldRun(String campaignId) {
        Optional<CampaignRun> run = Optional.ofNullable(inProgress.get(campaignId));
        run.ifPresent(CampaignRun::yieldTurn);
        return run;
    }

    /** A run that yielded and cannot go on (its campaign was disabled or deleted meanwhile) ends FAILED. */
    void endYielded(CampaignRun run, String reason) {
        store.finish(run, CampaignRunStore.FAILED, reason);
        metrics.report(run);
        LOG.warn("Campaign run {} ended: {}", run, reason);
    }

    /**
     * The batch goes, counted in the campaign's pace; if the pace would let a full batch follow at once,
     * the run is publishing as fast as it can, and the instance's own consumer yields to it a moment.
     */
    public void letThrough(Exchange exchange, PaceWindow window, int callsPerBatch) {
        window.letThrough(exchange.getMessage().getBody(Batch.class).size());
        if (consumerYields && atFullSpeed(window, callsPerBatch)) {
            burst.extend(BURST_LINGER);
        }
    }

    /**
     * Whether the pace would let the largest batch go now. Room for a smaller one is not enough: a paced
     * run's last batch before a checkpoint, or of its audience, is cut short and leaves room behind it.
     */
    static boolean atFullSpeed(PaceWindow window, int callsPerBatch) {
        return window.waitFor(largestBatch(callsPerBatch)) == 0;
    }

    /** The batch's calls become the body, each counted as requested (until the pipeline says otherwise). */
    public void handOver(Exchange exchange) {
        Batch batch = exchange.getMessage().getBody(Batch.class);
        run(exchange).requestedCalls(batch.size());
        exchange.getMessage().setBody(batch.calls());
    }

    /** The pipeline could not take the call now (Kafka off, every circuit open, say): counted as skipped. */
    public void callNotPlaced(Exchange exchange) {
        CampaignRun run = run(exchange);
        run.callNotPlaced();
        LOG.warn("Campaign run {}: a call was not placed: {}", run,
                RequestIds.masked(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class).getMessage()));
    }

    /**
     * After each batch, saves the run's counters at every 1,000th row or once a second has passed,
     * whichever comes first: where a takeover resumes. The calls counted are acknowledged on the requests
     * topic first.
     */
    public void checkpoint(Exchange exchange) {
        CampaignRun run = run(exchange);
        Instant now = clock.instant();
        if (run.contactsRead() % CHECKPOINT_EVERY == 0 || !now.isBefore(run.lastCheckpoint().plus(CHECKPOINT_AFTER))) {
            publisher.flush(run);
            store.checkpoint(run);
            run.checkpointed(now);
            metrics.report(run);
        }
    }

    public void finish(Exchange exchange) {
        CampaignRun run = run(exchange);
        if (run.yielding()) {
            yielded(run);
            return;
        }
        inProgress.remove(run.campaign().id(), run);
        publisher.flush(run);
        store.finish(run, CampaignRunStore.COMPLETED, null);
        metrics.report(run);
        LOG.info("Campaign run {} completed: {} read, {} invalid, {} requested, {} skipped", run, run.contactsRead(),
                run.invalid(), run.requested(), run.skipped());
    }

    /** A run that could not go on (its audience could not be read, say) ends FAILED with the reason. */
    public void fail(Exchange exchange) {
        CampaignRun run = exchange.getProperty(RUN, CampaignRun.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure == null ? "unknown"
                : failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (run != null) {
            inProgress.remove(run.campaign().id(), run);
        }
        if (exchange.getContext().isStopping()) {
            LOG.warn("Campaign run {} was interrupted by this instance stopping; another instance takes it over", run);
            return;
        }
        if (run != null) {
            store.finish(run, CampaignRunStore.FAILED, reason);
        }
        LOG.error("Campaign run {} failed: {}", run, reason);
    }

    /** How long until quiet hours end in the contact-facing zone; zero outside them. */
    static Duration quietWait(CampaignDefinition campaign, Instant now) {
        CampaignDefinition.QuietHours quiet = campaign.quietHours();
        if (quiet == null) {
            return Duration.ZERO;
        }
        ZoneId zone = quiet.timeZone() == null ? campaign.zone() : ZoneId.of(quiet.timeZone());
        LocalTime start = LocalTime.parse(quiet.start());
        LocalTime end = LocalTime.parse(quiet.end());
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean inQuietHours = start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
        if (!inQuietHours) {
            return Duration.ZERO;
        }
        ZonedDateTime quietEnds = local.with(end);
        if (!quietEnds.isAfter(local)) {
            quietEnds = quietEnds.plusDays(1);
        }
        return Duration.between(local, quietEnds);
    }

    private static CallRequest callRequest(CampaignRun run, AudienceRow row) {
        CampaignDefinition campaign = run.campaign();
        Map<String, String> metadata = new LinkedHashMap<>(row.metadata());
        metadata.put("campaign", campaign.id());
        metadata.put("campaignRun", run.runId());
        if (row.name() != null && !row.name().isBlank()) {
            metadata.put("name", row.name());
        }
        return new CallRequest(requestId(campaign.id(), run.runId(), row.handle().value()), row.handle().value(),
                campaign.provider(), metadata, campaign.channels());
    }

    /** {@code <campaign>:<run>:<handle>}; a handle too long for a request id, or outside its alphabet, is replaced by its digest. */
    static String requestId(String campaignId, String runId, String handle) {
        return RequestIds.scoped(campaignId + ":" + runId + ":", handle);
    }

    private static CampaignRun run(Exchange exchange) {
        return exchange.getProperty(RUN, CampaignRun.class);
    }
}
