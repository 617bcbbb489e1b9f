package io.facetimerouter.ledger;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class LedgerRetentionTest extends PipelineTest {

    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Instant LONG_AGO = Instant.parse("2020-03-01T00:00:00Z");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private LedgerRetention retention;

    @Test
    void aCallClaimedBeforeTheRetentionIsDeletedWithItsDeliveriesAndTheirAttempts() {
        callDelivered("retention-old");
        callDelivered("retention-recent");
        claimedDaysAgo("retention-old", 31);

        retention.purgeBefore(Instant.now().minus(RETENTION));

        assertThat(rowsOf("retention-old")).containsExactly(0, 0, 0);
        assertThat(api.get("/api/v1/calls/retention-old").status()).isEqualTo(404);
        assertThat(rowsOf("retention-recent")).containsExactly(1, 1, 1);
    }

    @Test
    void aCallWhoseDeliveryIsStillPendingIsKeptUntilTheDeliveryEnds() {
        callDelivered("retention-pending");
        jdbc.update("UPDATE call_delivery SET status = 'PENDING', completed_at = NULL WHERE request_id = ?", "retention-pending");
        claimedDaysAgo("retention-pending", 31);

        retention.purgeBefore(Instant.now().minus(RETENTION));
        List<Integer> whilePending = rowsOf("retention-pending");
        jdbc.update("UPDATE call_delivery SET status = 'EXPIRED' WHERE request_id = ?", "retention-pending");
        retention.purgeBefore(Instant.now().minus(RETENTION));

        assertThat(whilePending).containsExactly(1, 1, 1);
        assertThat(rowsOf("retention-pending")).containsExactly(0, 0, 0);
    }

    @Test
    void aRequestIdRepeatedAfterItsCallWasDeletedCallsTheContactAgain() {
        callDelivered("retention-repeat");
        claimedDaysAgo("retention-repeat", 31);
        retention.purgeBefore(Instant.now().minus(RETENTION));

        Answer repeat = api.createCall("{\"requestId\": \"retention-repeat\", \"handle\": \"+15551234567\"}");

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.text("status")).isEqualTo("LINK_CREATED");
        assertThat(blooioCallRequests()).isEqualTo(2);
    }

    @Test
    void callsBeyondOneBatchAreAllDeletedInOneRound() {
        int calls = LedgerRetention.BATCH * 2 + 1;
        jdbc.batchUpdate("INSERT INTO call_ledger (request_id, handle, status, claimed_at) VALUES (?, '+15551234567', 'FAILED', ?)",
                IntStream.range(0, calls).mapToObj(i -> new Object[] {"retention-bulk-" + i, Timestamp.from(LONG_AGO)}).toList());

        long deleted = retention.purgeBefore(LONG_AGO.plusSeconds(1));

        assertThat(deleted).isEqualTo(calls);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_ledger WHERE request_id LIKE 'retention-bulk-%'", Integer.class))
                .isZero();
    }

    @Test
    void aRetentionShorterThanAnHourIsRefusedWithItsVariable() {
        assertThatThrownBy(() -> new LedgerProperties(Duration.ofMinutes(2), LedgerProperties.Interrupted.RETRY,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("router.ledger.retention must be 0 (keep every call) or at least 1h and longer than"
                        + " router.ledger.claim-lease (PT2M), was PT30S (ROUTER_LEDGER_RETENTION)");
    }

    @Test
    void aPurgeIntervalOfZeroIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new LedgerProperties(Duration.ofMinutes(2), LedgerProperties.Interrupted.RETRY,
                Duration.ofSeconds(5), RETENTION, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("router.ledger.purge-interval must be longer than zero, was PT0S");
    }

    @Test
    void aRetentionOfZeroIsAccepted() {
        LedgerProperties keepAll = new LedgerProperties(Duration.ofMinutes(2), LedgerProperties.Interrupted.RETRY,
                Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(10));

        assertThat(keepAll.retention()).isZero();
    }

    private void callDelivered(String requestId) {
        assertThat(api.createCall("{\"requestId\": \"" + requestId + "\", \"handle\": \"+15551234567\"}").status()).isEqualTo(200);
        await().until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM delivery_attempt WHERE request_id = ?", Integer.class,
                requestId) == 1);
    }

    private void claimedDaysAgo(String requestId, int days) {
        jdbc.update("UPDATE call_ledger SET claimed_at = ? WHERE request_id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(days))), requestId);
    }

    /** The call's rows in the ledger, its deliveries and their attempts. */
    private List<Integer> rowsOf(String requestId) {
        return List.of("call_ledger", "call_delivery", "delivery_attempt").stream()
                .map(table -> jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE request_id = ?", Integer.class, requestId))
                .toList();
    }
}
