package io.facetimerouter.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Campaign runs and their reports, in the ledger's database. */
@Repository
public class CampaignRunStore {

    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    private static final int MAX_INVALID_ROWS = 1000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CampaignRunStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A run as reported by {@code GET /api/v1/campaigns/{id}/runs}. */
    public record Report(String runId, String status, Instant startedAt, Instant deadlineAt, Instant finishedAt,
                         long contactsRead, long invalid, long requested, long skipped, String detail, int attempts,
                         String instance, Map<String, Long> outcomes, List<InvalidRow> invalidRows) {
    }

    public record InvalidRow(long line, String problem) {
    }

    /** Starts the run, or picks up where an earlier attempt of the same run stopped; empty when it has ended. */
    public Optional<CampaignRun> startOrResume(CampaignDefinition campaign, String runId, String instance) {
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO campaign_run (campaign_id, run_id, status, started_at, deadline_at, contacts_read,"
                            + " invalid, requested, skipped, attempts, instance) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 1, ?)",
                    campaign.id(), runId, RUNNING, Timestamp.from(now), Timestamp.from(now.plus(campaign.runDeadline())),
                    instance);
        } catch (DuplicateKeyException earlierAttempt) {
            // resumed: the row says how far the earlier attempt got
            jdbc.update("UPDATE campaign_run SET attempts = attempts + 1, instance = ? WHERE campaign_id = ? AND run_id = ?"
                    + " AND status = ?", instance, campaign.id(), runId, RUNNING);
        }
        return jdbc.query("SELECT deadline_at, contacts_read, invalid, requested, skipped FROM campaign_run"
                        + " WHERE campaign_id = ? AND run_id = ? AND status = ?",
                (rs, row) -> new CampaignRun(campaign, runId, rs.getTimestamp(1).toInstant(), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                campaign.id(), runId, RUNNING).stream().findFirst();
    }

    /** A run by its campaign and id. */
    record RunKey(String campaignId, String runId) {
    }

    /**
     * Runs still {@code RUNNING} that no instance holds: their instance is gone from the Quartz cluster, and
     * Quartz has nothing of their job in flight or waiting to fire (no fired trigger, no trigger but the
     * campaign's own schedule), so nothing would ever resume them.
     */
    List<RunKey> orphaned(String schedulerName) {
        return jdbc.query("SELECT r.campaign_id, r.run_id FROM campaign_run r WHERE r.status = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM qrtz_scheduler_state s WHERE s.sched_name = ?"
                        + " AND s.instance_name = r.instance)"
                        + " AND NOT EXISTS (SELECT 1 FROM qrtz_fired_triggers f WHERE f.sched_name = ?"
                        + " AND f.job_name = r.campaign_id AND f.job_group = ?)"
                        + " AND NOT EXISTS (SELECT 1 FROM qrtz_triggers t WHERE t.sched_name = ?"
                        + " AND t.job_name = r.campaign_id AND t.job_group = ? AND t.trigger_group <> ?)"
                        + " ORDER BY r.campaign_id, r.run_id",
                (row, i) -> new RunKey(row.getString(1), row.getString(2)), RUNNING, schedulerName, schedulerName,
                CampaignRoutes.JOB_GROUP, schedulerName, CampaignRoutes.JOB_GROUP, CampaignRoutes.JOB_GROUP);
    }

    public void checkpoint(CampaignRun run) {
        jdbc.update("UPDATE campaign_run SET contacts_read = ?, invalid = ?, requested = ?, skipped = ?"
                        + " WHERE campaign_id = ? AND run_id = ?", run.contactsRead(), run.invalid(), run.requested(),
                run.skipped(), run.campaign().id(), run.runId());
    }

    public void invalidRow(CampaignRun run, long line, String problem) {
        if (run.invalid() <= MAX_INVALID_ROWS) {
            jdbc.update("INSERT INTO campaign_invalid_row (campaign_id, run_id, line, problem) VALUES (?, ?, ?, ?)",
                    run.campaign().id(), run.runId(), line, problem);
        }
    }

    public void finish(CampaignRun run, String status, String detail) {
        checkpoint(run);
        jdbc.update("UPDATE campaign_run SET status = ?, finished_at = ?, detail = ? WHERE campaign_id = ? AND run_id = ?",
                status, Timestamp.from(clock.instant()), detail, run.campaign().id(), run.runId());
    }

    public List<Report> reports(String campaignId) {
        return jdbc.query("SELECT run_id, status, started_at, deadline_at, finished_at, contacts_read, invalid, requested,"
                        + " skipped, detail, attempts, instance FROM campaign_run WHERE campaign_id = ? ORDER BY started_at DESC",
                (rs, row) -> new Report(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10), rs.getInt(11),
                        rs.getString(12), outcomes(campaignId, rs.getString(1)), invalidRows(campaignId, rs.getString(1))),
                campaignId);
    }

    /** Outcomes by status of the calls a run requested (their request ids start with {@code <campaign>:<run>:}). */
    private Map<String, Long> outcomes(String campaignId, String runId) {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        jdbc.query("SELECT status, COUNT(*) FROM call_ledger WHERE request_id LIKE ? GROUP BY status ORDER BY status",
                rs -> {
                    outcomes.put(rs.getString(1), rs.getLong(2));
                }, campaignId + ":" + runId + ":%");
        return outcomes;
    }

    private List<InvalidRow> invalidRows(String campaignId, String runId) {
        return jdbc.query("SELECT line, problem FROM campaign_invalid_row WHERE campaign_id = ? AND run_id = ? ORDER BY line",
                (rs, row) -> new InvalidRow(rs.getLong(1), rs.getString(2)), campaignId, runId);
    }
}
