package io.facetimerouter.ledger;

import io.facetimerouter.call.PlannedDelivery;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The deliveries of every outcome and each of their attempts. A delivery is planned PENDING with
 * its outcome ({@link CallLedger#record}), or stored DELIVERED with it when it was made before (the
 * {@code log} channel's line), and ends DELIVERED, FAILED, EXPIRED or DISABLED; its claim
 * is refreshed when a channel starts it and after each failed attempt, so a PENDING delivery with an
 * old claim was abandoned (a crash, or deferred for an open circuit).
 */
@Repository
public class DeliveryLedger {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    private static final int MAX_TEXT = 512;

    private final JdbcTemplate jdbc;
    private final GroupCommit groupCommit;
    private final Clock clock;

    public DeliveryLedger(JdbcTemplate jdbc, GroupCommit groupCommit, Clock clock) {
        this.jdbc = jdbc;
        this.groupCommit = groupCommit;
        this.clock = clock;
    }

    /** A delivery as {@code GET /api/v1/calls/{requestId}} shows it. */
    public record Delivery(String channel, String target, String deliveryId, String status, String detail,
                           Instant completedAt, List<Attempt> attempts) {
    }

    public record Attempt(Instant attemptedAt, Integer httpStatus, String error) {
    }

    /** A PENDING delivery whose claim ran out. */
    public record Abandoned(String requestId, String channel, String target, String deliveryId, Timestamp claimedAt) {
    }

    /**
     * Stores a delivery with its outcome, in the outcome's transaction: PENDING, claimed at {@code now},
     * or DELIVERED with its one attempt when it was made before the outcome was stored.
     */
    static void insertPlanned(JdbcTemplate ledger, String requestId, PlannedDelivery delivery, Timestamp now) {
        if (!delivery.isDelivered()) {
            ledger.update("INSERT INTO call_delivery (request_id, channel, target, delivery_id, status, claimed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", requestId, delivery.channel(), delivery.target(),
                    delivery.deliveryId(), PENDING, now);
            return;
        }
        Timestamp deliveredAt = Timestamp.from(delivery.deliveredAt());
        ledger.update("INSERT INTO call_delivery (request_id, channel, target, delivery_id, status, claimed_at, completed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", requestId, delivery.channel(), delivery.target(),
                delivery.deliveryId(), DELIVERED, deliveredAt, deliveredAt);
        insertAttempt(ledger, requestId, delivery.channel(), delivery.target(), deliveredAt, null, null);
    }

    /** Refreshes the claim of a delivery still pending; false when it has already ended. */
    public boolean claim(String requestId, String channel, String target) {
        return jdbc.update("UPDATE call_delivery SET claimed_at = ? WHERE request_id = ? AND channel = ? AND target = ?"
                + " AND status = ?", now(), requestId, channel, target, PENDING) == 1;
    }

    public void attempt(String requestId, String channel, String target, Integer httpStatus, String error) {
        insertAttempt(jdbc, requestId, channel, target, now(), httpStatus, error);
    }

    /**
     * Records a successful attempt and ends the delivery DELIVERED, in the next group commit, without
     * waiting for it: should the instance die first, the delivery is still pending and is sent again.
     */
    public void delivered(String requestId, String channel, String target, Integer httpStatus, String detail) {
        Timestamp now = now();
        groupCommit.writeLater("delivery result", ledger -> {
            insertAttempt(ledger, requestId, channel, target, now, httpStatus, null);
            return updateFinished(ledger, requestId, channel, target, DELIVERED, detail, now);
        });
    }

    /** Ends a pending delivery; false when it had already ended. */
    public boolean finish(String requestId, String channel, String target, String status, String detail) {
        return updateFinished(jdbc, requestId, channel, target, status, detail, now());
    }

    private static void insertAttempt(JdbcTemplate ledger, String requestId, String channel, String target,
                                      Timestamp at, Integer httpStatus, String error) {
        ledger.update("INSERT INTO delivery_attempt (request_id, channel, target, attempted_at, http_status, error)"
                + " VALUES (?, ?, ?, ?, ?, ?)", requestId, channel, target, at, httpStatus, clip(error));
    }

    private static boolean updateFinished(JdbcTemplate ledger, String requestId, String channel, String target,
                                          String status, String detail, Timestamp at) {
        return ledger.update("UPDATE call_delivery SET status = ?, detail = ?, completed_at = ? WHERE request_id = ?"
                + " AND channel = ? AND target = ? AND status = ?", status, clip(detail), at, requestId, channel,
                target, PENDING) == 1;
    }

    public List<Delivery> findFor(String requestId) {
        Map<String, List<Attempt>> attempts = new LinkedHashMap<>();
        jdbc.query("SELECT channel, target, attempted_at, http_status, error FROM delivery_attempt WHERE request_id = ?"
                + " ORDER BY id", rs -> {
                    attempts.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), key -> new ArrayList<>())
                            .add(new Attempt(rs.getTimestamp(3).toInstant(), (Integer) rs.getObject(4), rs.getString(5)));
                }, requestId);
        return jdbc.query("SELECT channel, target, delivery_id, status, detail, completed_at FROM call_delivery"
                        + " WHERE request_id = ? ORDER BY channel, target",
                (rs, row) -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        attempts.getOrDefault(rs.getString(1) + "/" + rs.getString(2), List.of())), requestId);
    }

    public List<Abandoned> abandonedBefore(Instant claimedBefore, int limit) {
        return jdbc.query("SELECT request_id, channel, target, delivery_id, claimed_at FROM call_delivery"
                        + " WHERE status = ? AND claimed_at < ? ORDER BY claimed_at FETCH FIRST " + limit + " ROWS ONLY",
                (rs, row) -> new Abandoned(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5)), PENDING, Timestamp.from(claimedBefore));
    }

    /** Takes an abandoned delivery over; false when another instance was quicker. */
    public boolean takeOver(Abandoned delivery) {
        return jdbc.update("UPDATE call_delivery SET claimed_at = ? WHERE request_id = ? AND channel = ? AND target = ?"
                        + " AND status = ? AND claimed_at = ?", now(), delivery.requestId(), delivery.channel(),
                delivery.target(), PENDING, delivery.claimedAt()) == 1;
    }

    /** A webhook subscriber disabled by a 410, and the configuration fingerprint it was disabled under. */
    public record DisabledSubscriber(String fingerprint, Instant disabledAt, String reason) {
    }

    public Optional<DisabledSubscriber> disabledSubscriber(String name) {
        return jdbc.query("SELECT fingerprint, disabled_at, reason FROM webhook_subscriber_state WHERE name = ?",
                (rs, row) -> new DisabledSubscriber(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                name).stream().findFirst();
    }

    public void disableSubscriber(String name, String fingerprint, String reason) {
        if (jdbc.update("UPDATE webhook_subscriber_state SET fingerprint = ?, disabled_at = ?, reason = ? WHERE name = ?",
                fingerprint, now(), clip(reason), name) == 0) {
            jdbc.update("INSERT INTO webhook_subscriber_state (name, fingerprint, disabled_at, reason) VALUES (?, ?, ?, ?)",
                    name, fingerprint, now(), clip(reason));
        }
    }

    public void enableSubscriber(String name) {
        jdbc.update("DELETE FROM webhook_subscriber_state WHERE name = ?", name);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
