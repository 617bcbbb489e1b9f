package io.facetimerouter.ledger;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class IdempotencyTest extends PipelineTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theSameRequestIdAnswersTheStoredOutcomeWithoutASecondProviderCall() {
        Answer first = api.createCall("{\"requestId\": \"order-1001\", \"handle\": \"+15551234567\"}");

        Answer second = api.createCall("{\"requestId\": \"order-1001\", \"handle\": \"+15551234567\"}");

        assertThat(blooioCallRequests()).isEqualTo(1);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void theIdempotencyKeyHeaderActsAsTheRequestId() {
        Answer first = api.post("/api/v1/calls", "{\"handle\": \"+15551234567\"}", "Idempotency-Key", "checkout-77");

        Answer second = api.post("/api/v1/calls", "{\"handle\": \"+15551234567\"}", "Idempotency-Key", "checkout-77");

        assertThat(first.text("requestId")).isEqualTo("checkout-77");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(blooioCallRequests()).isEqualTo(1);
    }

    @Test
    void theBlooioCompatibleEndpointHonoursTheIdempotencyKey() {
        api.post("/v2/api/facetime/calls", "{\"handle\": \"+15551234567\"}", "Idempotency-Key", "dropin-5");

        Answer second = api.post("/v2/api/facetime/calls", "{\"handle\": \"+15551234567\"}", "Idempotency-Key", "dropin-5");

        assertThat(second.status()).isEqualTo(200);
        assertThat(blooioCallRequests()).isEqualTo(1);
    }

    @Test
    void aRequestIdReusedForAnotherHandleIsAConflict() {
        api.createCall("{\"requestId\": \"order-2002\", \"handle\": \"+15551234567\"}");

        Answer reused = api.createCall("{\"requestId\": \"order-2002\", \"handle\": \"+15557654321\"}");

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.text("error")).isEqualTo("idempotency_conflict");
        assertThat(blooioCallRequests()).isEqualTo(1);
    }

    @Test
    void aRequestIdThatIsStillInProgressIsAConflict() {
        jdbc.update("INSERT INTO call_ledger (request_id, handle, status, claimed_at) VALUES (?, ?, 'IN_PROGRESS', CURRENT_TIMESTAMP)",
                "busy-1", "+15551234567");

        Answer answer = api.createCall("{\"requestId\": \"busy-1\", \"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.text("error")).isEqualTo("call_in_progress");
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void aClaimOlderThanTheLeaseIsTakenOverAndCalled() {
        jdbc.update("INSERT INTO call_ledger (request_id, handle, status, claimed_at) VALUES (?, ?, 'IN_PROGRESS', ?)",
                "orphan-1", "+15551234567", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)));

        Answer answer = api.createCall("{\"requestId\": \"orphan-1\", \"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(blooioCallRequests()).isEqualTo(1);
    }

    @Test
    void everyOutcomeIsStoredWithItsStatusAndProvider() {
        api.createCall("{\"requestId\": \"stored-1\", \"handle\": \"+15551234567\"}");
        api.createCall("{\"requestId\": \"stored-2\", \"handle\": \"not a phone\"}");

        Map<String, Object> linked = jdbc.queryForMap("SELECT status, provider, outcome FROM call_ledger WHERE request_id = 'stored-1'");
        Map<String, Object> rejected = jdbc.queryForMap("SELECT status, provider FROM call_ledger WHERE request_id = 'stored-2'");
        assertThat(linked.get("status")).isEqualTo("LINK_CREATED");
        assertThat(linked.get("provider")).isEqualTo("blooio");
        assertThat((String) linked.get("outcome")).contains("\"link\":\"https://facetime.apple.com/join#");
        assertThat(rejected.get("status")).isEqualTo("REJECTED");
    }

    @Test
    void theRequestsMetadataComesBackInTheStoredOutcome() {
        api.createCall("{\"requestId\": \"meta-1\", \"handle\": \"+15551234567\", \"metadata\": {\"order\": \"1001\"}}");

        Answer read = api.get("/api/v1/calls/meta-1");

        assertThat(read.body().path("metadata").path("order").asText()).isEqualTo("1001");
    }

    @Test
    void theStoredOutcomeCanBeReadBack() {
        Answer created = api.createCall("{\"requestId\": \"read-1\", \"handle\": \"+15551234567\"}");

        Answer read = api.get("/api/v1/calls/read-1");

        assertThat(read.status()).isEqualTo(200);
        ((com.fasterxml.jackson.databind.node.ObjectNode) read.body()).remove("deliveries");
        assertThat(read.body()).isEqualTo(created.body());
    }

    @Test
    void anUnknownRequestIdIsNotFound() {
        Answer read = api.get("/api/v1/calls/never-seen");

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.text("error")).isEqualTo("not_found");
        assertThat(read.body().path("status").asInt()).isEqualTo(404);
    }
}
