package io.facetimerouter.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetimerouter.call.CallContext;
import io.facetimerouter.call.CallError;
import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.call.Handle;
import io.facetimerouter.call.PlannedDelivery;
import io.facetimerouter.call.RequestIds;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every request and its outcome, in the database. A request id is claimed before any provider is
 * called, so the same id never causes a second call: a repeat gets the stored outcome, also after
 * a restart.
 */
@Repository
public class CallLedger {

    private static final Logger LOG = LoggerFactory.getLogger(CallLedger.class);
    private static final String IN_PROGRESS = "IN_PROGRESS";

    private final JdbcTemplate jdbc;
    private final GroupCommit groupCommit;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration claimLease;
    private final LedgerProperties.Interrupted interrupted;

    public CallLedger(JdbcTemplate jdbc, GroupCommit groupCommit, ObjectMapper json, Clock clock,
                      LedgerProperties properties) {
        this.jdbc = jdbc;
        this.groupCommit = groupCommit;
        this.json = json;
        this.clock = clock;
        this.claimLease = properties.claimLease();
        this.interrupted = properties.interrupted();
    }

    /**
     * Claims the call's request id, or answers the call with the outcome stored for it.
     *
     * @throws IdempotencyConflictException when the id was used for another handle
     * @throws CallInProgressException      when another attempt holds a live claim on the id
     */
    public void claim(CallContext call) {
        Instant now = clock.instant();
        try {
            groupCommit.write(ledger -> ledger.update(
                    "INSERT INTO call_ledger (request_id, handle, status, claimed_at) VALUES (?, ?, ?, ?)",
                    call.getRequestId(), call.getHandle(), IN_PROGRESS, Timestamp.from(now)));
            return;
        } catch (DuplicateKeyException alreadyClaimed) {
            LOG.debug("Request id {} seen before", RequestIds.masked(call.getRequestId()));
        }
        Optional<Claim> found = jdbc.query(
                "SELECT handle, outcome, claimed_at FROM call_ledger WHERE request_id = ?",
                (rs, row) -> new Claim(rs.getString(1), rs.getString(2), rs.getTimestamp(3)),
                call.getRequestId()).stream().findFirst();
        if (found.isEmpty()) {
            // deleted since the insert failed (released by its attempt, or past the retention): claim it anew
            claim(call);
            return;
        }
        Claim existing = found.get();
        if (!Objects.equals(existing.handle(), call.getHandle())) {
            throw new IdempotencyConflictException(call.getRequestId());
        }
        if (existing.outcome() != null) {
            call.replay(read(existing.outcome()));
            return;
        }
        boolean expired = existing.claimedAt().toInstant().plus(claimLease).isBefore(now);
        if (!expired || !takeOver(call.getRequestId(), existing.claimedAt(), now)) {
            throw new CallInProgressException(call.getRequestId());
        }
        if (interrupted == LedgerProperties.Interrupted.FAIL) {
            LOG.warn("Request id {} was claimed at {} and never completed; it ends FAILED (interrupted)",
                    RequestIds.masked(call.getRequestId()), existing.claimedAt().toInstant());
            call.fail(new CallError("interrupted", "The attempt that processed this request stopped before it"
                    + " recorded an outcome; a provider may have been asked, so it is not asked again"));
            return;
        }
        LOG.warn("Request id {} was claimed at {} and never completed; processing it again",
                RequestIds.masked(call.getRequestId()), existing.claimedAt().toInstant());
    }

    /**
     * Stores the call's outcome and its planned deliveries in one transaction, unless it was itself
     * answered from the ledger: a stored outcome always has its deliveries.
     */
    public void record(CallContext call) {
        if (call.isReplayed()) {
            return;
        }
        CallOutcome outcome = call.getOutcome();
        String stored = write(outcome);
        Timestamp now = Timestamp.from(clock.instant());
        groupCommit.write(ledger -> {
            ledger.update("UPDATE call_ledger SET status = ?, provider = ?, outcome = ?, completed_at = ? WHERE request_id = ?",
                    outcome.status().name(), outcome.provider(), stored, now, call.getRequestId());
            for (PlannedDelivery delivery : call.getDeliveries()) {
                DeliveryLedger.insertPlanned(ledger, call.getRequestId(), delivery, now);
            }
            return null;
        });
        // the log channel (the default) writes the line an operator reads for each call
        if (LOG.isDebugEnabled()) {
            LOG.debug("Call {} to {}: {}{} after {} provider request(s)", RequestIds.masked(call.getRequestId()),
                    Handle.mask(call.getHandle()), outcome.status(),
                    outcome.provider() == null ? "" : " via " + outcome.provider(), outcome.attempts().size());
        }
    }

    /** Gives a claim up when no outcome could be decided, so the request can be made again at once. */
    public void release(CallContext call) {
        jdbc.update("DELETE FROM call_ledger WHERE request_id = ? AND outcome IS NULL", call.getRequestId());
    }

    public Optional<CallOutcome> find(String requestId) {
        return jdbc.query("SELECT outcome FROM call_ledger WHERE request_id = ? AND outcome IS NOT NULL",
                        (rs, row) -> rs.getString(1), requestId)
                .stream().findFirst().map(this::read);
    }

    private boolean takeOver(String requestId, Timestamp claimedAt, Instant now) {
        return jdbc.update("UPDATE call_ledger SET claimed_at = ? WHERE request_id = ? AND claimed_at = ? AND outcome IS NULL",
                Timestamp.from(now), requestId, claimedAt) == 1;
    }

    private String write(CallOutcome outcome) {
        try {
            return json.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CallOutcome read(String outcome) {
        try {
            return json.readValue(outcome, CallOutcome.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Claim(String handle, String outcome, Timestamp claimedAt) {
    }
}
