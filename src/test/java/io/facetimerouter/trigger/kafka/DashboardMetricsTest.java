package io.facetimerouter.trigger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.CallApi.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules of {@code docker/} query only metrics the
 * service really exposes: checked on the whole service, Kafka trigger on, after a call, a dead
 * letter and a campaign run.
 */
class DashboardMetricsTest extends KafkaPipelineTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:facetime|resilience4j|kafka|camel|cache)_[a-z0-9_]+)");

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExposed() throws Exception {
        Set<String> queried = metricsNamedIn(Path.of("docker/grafana/dashboards/facetime-router.json"));
        queried.addAll(metricsNamedIn(Path.of("docker/prometheus/alerts.yml")));
        kafka.send(REQUESTS, "dashboard-call", "{\"handle\": \"+15551234567\"}");
        kafka.send(REQUESTS, "dashboard-poison", "not json");
        awaitOutcome("dashboard-call");
        awaitDeadLetter("dashboard-poison");
        Answer run = api.post("/api/v1/campaigns/inline-checkin/runs", "");
        assertThat(run.status()).isEqualTo(202);
        // the run's calls placed here, not under the next test's provider stub
        List.of("+14155550101", "+14155550102", "grace@example.com")
                .forEach(handle -> awaitOutcome("inline-checkin:" + run.text("runId") + ":" + handle));

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(exposedMetrics()).containsAll(queried));
        assertThat(queried).contains("facetime_calls_total", "facetime_provider_requests_seconds_bucket",
                "resilience4j_circuitbreaker_state", "kafka_consumer_fetch_manager_records_lag_max",
                "facetime_dead_letters_total", "facetime_deliveries_total", "facetime_campaign_contacts_total");
    }

    @Test
    void theLagAlertAndPanelSelectTheRequestsConsumerByItsClientId() throws Exception {
        assertThat(scrape()).containsPattern(
                "kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"facetime-router-requests\"");
    }

    private static Set<String> metricsNamedIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher metric = METRIC.matcher(Files.readString(file));
        while (metric.find()) {
            names.add(metric.group(1));
        }
        return names;
    }

    private Set<String> exposedMetrics() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
