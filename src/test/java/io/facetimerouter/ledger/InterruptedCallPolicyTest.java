package io.facetimerouter.ledger;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** {@code ROUTER_LEDGER_INTERRUPTED=fail}: a request whose attempt died mid-call is never sent to a provider again. */
@TestPropertySource(properties = {"router.ledger.interrupted=fail", "router.ledger.claim-lease=2s"})
class InterruptedCallPolicyTest extends PipelineTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aClaimLeftByADeadAttemptEndsFailedInterruptedWithoutAProviderRequest() {
        jdbc.update("INSERT INTO call_ledger (request_id, handle, status, claimed_at) VALUES (?, ?, 'IN_PROGRESS', ?)",
                "died-mid-call", "+15551234567", Timestamp.from(Instant.now().minusSeconds(10)));

        Answer answer = api.createCall("{\"requestId\": \"died-mid-call\", \"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.text("status")).isEqualTo("FAILED");
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo("interrupted");
        assertThat(api.get("/api/v1/calls/died-mid-call").text("status")).isEqualTo("FAILED");
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void aLiveClaimIsStillInProgress() {
        jdbc.update("INSERT INTO call_ledger (request_id, handle, status, claimed_at) VALUES (?, ?, 'IN_PROGRESS', ?)",
                "still-running", "+15551234567", Timestamp.from(Instant.now()));

        Answer answer = api.createCall("{\"requestId\": \"still-running\", \"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(blooioCallRequests()).isZero();
    }
}
