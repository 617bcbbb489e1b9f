package io.facetimerouter.operations;

import static io.facetimerouter.support.ProviderStubs.blooioCallAnswers;
import static io.facetimerouter.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.ledger.LedgerRetention;
import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.PipelineTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class MetricsTest extends PipelineTest {

    private static final String CALL = "{\"handle\": \"+15551234567\"}";
    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired
    private CamelContext camel;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private LedgerRetention retention;

    @Test
    void metricsAskForTheApiKey() throws Exception {
        HttpResponse<String> anonymous = scrape(null);
        HttpResponse<String> wrongKey = scrape("not-the-key");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"error\":\"unauthorized\",\"message\":\"Missing or invalid API key:"
                + " send Authorization: Bearer <key>\",\"status\":401}");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
    }

    @Test
    void healthAndItsProbesAskForNoKey() {
        CallApi anonymous = new CallApi(port, null);

        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void aLinkCreatedIsCountedOnceByTriggerStatusAndProvider() throws Exception {
        PrometheusScrape before = metrics();

        assertThat(api.createCall(CALL).status()).isEqualTo(200);

        PrometheusScrape after = metrics();
        assertThat(after.increaseSince(before, "facetime_calls_total", "trigger", "rest", "status", "LINK_CREATED",
                "provider", "blooio")).isEqualTo(1.0);
        assertThat(after.increaseSince(before, "facetime_provider_requests_seconds_count", "provider", "blooio",
                "status", "200")).isEqualTo(1.0);
        assertThat(after.increaseSince(before, "cache_gets_total", "cache", "capabilities", "result", "miss"))
                .isEqualTo(1.0);
    }

    @Test
    void everyFailedProviderRequestIsTimedWithItsStatus() throws Exception {
        blooioCallAnswers(status(503));
        PrometheusScrape before = metrics();

        api.createCall(CALL);

        PrometheusScrape after = metrics();
        // three attempts at Blooio (the test retry setting), then Sendblue answers
        assertThat(after.increaseSince(before, "facetime_provider_requests_seconds_count", "provider", "blooio",
                "status", "503")).isEqualTo(3.0);
        assertThat(after.increaseSince(before, "facetime_calls_total", "provider", "sendblue", "trigger", "rest"))
                .isEqualTo(1.0);
    }

    @Test
    void theCountersTheAlertsWatchAreThereAtZeroBeforeTheFirstEvent() throws Exception {
        PrometheusScrape scrape = metrics();

        for (String code : new String[] {"empty_record", "record_too_large", "malformed_json", "idempotency_conflict"}) {
            assertThat(scrape.matching("facetime_dead_letters_total", "code", code)).as(code).singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isZero());
        }
        assertThat(scrape.matching("facetime_deliveries_total", "channel", "log", "result", "FAILED")).singleElement()
                .satisfies(sample -> assertThat(sample.value()).isZero());
    }

    @Test
    void theProviderRequestHistogramHasBuckets() throws Exception {
        api.createCall(CALL);

        assertThat(metrics().matching("facetime_provider_requests_seconds_bucket", "provider", "blooio")).hasSizeGreaterThan(10);
    }

    @Test
    void circuitsRoutesDeliveriesAndTheLedgerAreMeasured() throws Exception {
        api.createCall(CALL);
        // counted by the log channel, whose line is written before the answer
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                metrics().value("facetime_deliveries_total", "channel", "log", "result", "DELIVERED")).isPositive());

        PrometheusScrape scrape = metrics();
        assertThat(scrape.value("resilience4j_circuitbreaker_state", "group", "provider", "name", "blooio", "state", "closed"))
                .isEqualTo(1.0);
        assertThat(scrape.value("camel_exchanges_total", "routeId", "place-call")).isPositive();
        assertThat(scrape.value("facetime_ledger_commit_seconds_count")).isPositive();
        assertThat(scrape.value("facetime_ledger_writes_total")).isGreaterThanOrEqualTo(scrape.value("facetime_ledger_commit_seconds_count"));
    }

    @Test
    void callsDeletedPastTheirRetentionAreCounted() throws Exception {
        Instant longAgo = Instant.parse("2020-03-01T00:00:00Z");
        jdbc.update("INSERT INTO call_ledger (request_id, handle, status, claimed_at) VALUES ('metrics-expired', '+15551234567',"
                + " 'FAILED', ?)", Timestamp.from(longAgo));
        PrometheusScrape before = metrics();

        retention.purgeBefore(longAgo.plusSeconds(1));

        assertThat(metrics().increaseSince(before, "facetime_ledger_purged_calls_total")).isEqualTo(1.0);
    }

    @Test
    void routesAreTimedOneByOneButNotTheCampaignsPerContactRoutes() throws Exception {
        PrometheusScrape scrape = metrics();

        List<String> perContact = camel.getRoutes().stream().map(Route::getRouteId)
                .filter(id -> id.startsWith("campaign-") && id.endsWith("-call")).toList();

        assertThat(scrape.matching("camel_exchanges_total", "routeId", "kafka-call-requests")).isNotEmpty();
        assertThat(perContact).contains("campaign-call", "campaign-place-call");
        assertThat(perContact).allSatisfy(id -> assertThat(scrape.matching("camel_exchanges_total", "routeId", id)).isEmpty());
        // per route only: no context-wide series
        assertThat(scrape.matching("camel_exchanges_total")).allSatisfy(sample -> assertThat(sample.labels()).containsKey("routeId"));
    }

    private PrometheusScrape metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = scrape(API_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusScrape.parse(response.body());
    }

    private HttpResponse<String> scrape(String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
