package io.facetimerouter.campaign;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A run in progress: its counters, kept in the ledger as it goes so another instance can resume it.
 * {@code contactsRead} is also the resume position: rows before it have been handled.
 */
public final class CampaignRun {

    private final CampaignDefinition campaign;
    private final String runId;
    private final Instant deadlineAt;
    private long contactsRead;
    private long invalid;
    private long requested;
    private long skipped;
    private Instant lastCheckpoint = Instant.now();
    /** The counters as last reported to the meters: a resumed run reports only what it adds. */
    private Counts reported;
    /** The first refusal of one of the run's calls by the broker (set by the producer's thread). */
    private volatile Exception publishFailure;
    /** Counted down when the run is to stop where it is, its campaign's routes about to be replaced. */
    private final CountDownLatch yielding = new CountDownLatch(1);

    CampaignRun(CampaignDefinition campaign, String runId, Instant deadlineAt, long contactsRead, long invalid,
                long requested, long skipped) {
        this.campaign = campaign;
        this.runId = runId;
        this.deadlineAt = deadlineAt;
        this.contactsRead = contactsRead;
        this.invalid = invalid;
        this.requested = requested;
        this.skipped = skipped;
        this.reported = counts();
    }

    /** The run's counters at one moment. */
    record Counts(long read, long invalid, long requested, long skipped) {
    }

    /** What the counters grew by since the last call of this method (or since the run was started or resumed). */
    Counts countedSinceReported() {
        Counts now = counts();
        Counts delta = new Counts(now.read - reported.read, now.invalid - reported.invalid,
                now.requested - reported.requested, now.skipped - reported.skipped);
        reported = now;
        return delta;
    }

    private Counts counts() {
        return new Counts(contactsRead, invalid, requested, skipped);
    }

    public CampaignDefinition campaign() {
        return campaign;
    }

    public String runId() {
        return runId;
    }

    public Instant deadlineAt() {
        return deadlineAt;
    }

    public long contactsRead() {
        return contactsRead;
    }

    public long invalid() {
        return invalid;
    }

    public long requested() {
        return requested;
    }

    public long skipped() {
        return skipped;
    }

    Instant lastCheckpoint() {
        return lastCheckpoint;
    }

    void checkpointed(Instant at) {
        lastCheckpoint = at;
    }

    void read() {
        contactsRead++;
    }

    void invalidRow() {
        invalid++;
    }

    void requestedCalls(int calls) {
        requested += calls;
    }

    /** A call counted as requested that the pipeline could not take: skipped instead. */
    void callNotPlaced() {
        requested--;
        skipped++;
    }

    void skippedContact() {
        skipped++;
    }

    void publishFailed(Exception failure) {
        if (publishFailure == null) {
            publishFailure = failure;
        }
    }

    void throwIfPublishFailed() {
        if (publishFailure != null) {
            throw new IllegalStateException("The requests topic refused a call of this run: " + publishFailure.getMessage(),
                    publishFailure);
        }
    }

    /** Asks the run to send nothing more and end its attempt; it is resumed from its last checkpoint. */
    void yieldTurn() {
        yielding.countDown();
    }

    boolean yielding() {
        return yielding.getCount() == 0;
    }

    /** Waits for the given time on the run's own thread; true as soon as the run is asked to yield. */
    boolean yieldsWithin(long millis) throws InterruptedException {
        return millis > 0 ? yielding.await(millis, TimeUnit.MILLISECONDS) : yielding();
    }

    @Override
    public String toString() {
        return campaign.id() + ":" + runId;
    }
}
