package io.facetimerouter.campaign;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.facetimerouter.FacetimeRouterApplication;
import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.ProviderStubs;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Campaign definitions can never stop the service from starting again, on the same H2 database file. */
class CampaignRestartTest {

    private final String database = "jdbc:h2:file:./target/campaign-restart-test/" + UUID.randomUUID();

    @TempDir
    Path campaignFiles;

    @Test
    void everyKindOfRejectedDefinitionIsRefusedAndTheServiceStartsAgainAfterIt() throws IOException {
        // an operator's file that time has overtaken: its last fire time is past
        Files.writeString(campaignFiles.resolve("outlived.yaml"),
                "id: outlived\ncron: \"0 0 9 1 1 ? 2021\"\naudience:\n  type: blooio-contacts\n");
        Map<String, String> rejected = new LinkedHashMap<>();
        rejected.put("null-body", "null");
        rejected.put("empty-body", "");
        rejected.put("array-body", "[]");
        rejected.put("past-cron", "{\"cron\": \"0 0 9 1 1 ? 2020\", \"audience\": {\"type\": \"blooio-contacts\"}}");
        rejected.put("past-range", "{\"cron\": \"0 0 9 * * ? 2019-2021\", \"audience\": {\"type\": \"blooio-contacts\"}}");
        rejected.put("bad-zone", "{\"cron\": \"0 0 9 * * ?\", \"timeZone\": \"Mars/Olympus\", \"audience\": {\"type\": \"blooio-contacts\"}}");
        rejected.put("wrong-type", "{\"cron\": \"0 0 9 * * ?\", \"ratePerMinute\": \"fast\", \"audience\": {\"type\": \"blooio-contacts\"}}");
        rejected.put("file-audience", "{\"cron\": \"0 0 9 * * ?\", \"audience\": {\"type\": \"csv\", \"file\": \"/etc/passwd\"}}");
        rejected.put("null-contact", "{\"cron\": \"0 0 9 * * ?\", \"audience\": {\"type\": \"inline\", \"contacts\": [null]}}");
        rejected.put("huge-deadline", "{\"cron\": \"0 0 9 * * ?\", \"deadline\": \"99999999d\", \"audience\": {\"type\": \"blooio-contacts\"}}");
        rejected.put("unknown-field", "{\"cron\": \"0 0 9 * * ?\", \"audeince\": {}}");

        try (ConfigurableApplicationContext first = start()) {
            CallApi api = api(first);
            rejected.forEach((id, body) -> {
                Answer answer = put(api, id, body);
                assertThat(answer.status()).as(id).isEqualTo(400);
                assertThat(answer.text("error")).as(id).isEqualTo("invalid_campaign");
            });
            assertThat(api.get("/api/v1/campaigns").body().path("campaigns").findValuesAsText("id"))
                    .containsExactly("outlived");
            // however they got there: definitions no validation would pass, written behind the API's back
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.update("INSERT INTO campaign_definition (id, definition, updated_at) VALUES (?, ?, ?)", "stored-past",
                    "{\"id\": \"stored-past\", \"cron\": \"0 0 9 1 1 ? 2020\", \"audience\": {\"type\": \"blooio-contacts\"}}", now);
            jdbc.update("INSERT INTO campaign_definition (id, definition, updated_at) VALUES (?, ?, ?)", "stored-garbage",
                    "{not json", now);
        }

        try (ConfigurableApplicationContext second = start()) {
            CallApi api = api(second);
            JsonNode campaigns = api.get("/api/v1/campaigns").body().path("campaigns");

            assertThat(campaigns.findValuesAsText("id")).containsExactly("outlived", "stored-garbage", "stored-past");
            assertThat(campaigns.findValuesAsText("state")).containsExactly("BROKEN", "BROKEN", "BROKEN");
            assertThat(campaigns.get(0).path("problem").asText()).isEqualTo("cron: never fires again (0 0 9 1 1 ? 2021)");
            assertThat(campaigns.get(1).path("problem").asText()).startsWith("the stored definition cannot be read");
            assertThat(campaigns.get(2).path("problem").asText()).isEqualTo("cron: never fires again (0 0 9 1 1 ? 2020)");
            assertThat(api.post("/api/v1/campaigns/stored-past/runs", "").status()).isEqualTo(404);
            assertThat(api.createCall("{\"handle\": \"+15551234567\"}").status()).isEqualTo(200);
            assertThat(blooioCallRequests()).isEqualTo(1);
        }
    }

    private static Answer put(CallApi api, String id, String body) {
        return api.send(api.request("/api/v1/campaigns/" + id).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private ConfigurableApplicationContext start() {
        ProviderStubs.reset();
        ProviderStubs.blooioCapabilities(true, true);
        ProviderStubs.blooioCreatesLinks();
        List<String> arguments = List.of(
                "--server.port=0",
                "--router.kafka.enabled=false",
                "--spring.datasource.url=" + database,
                "--router.api-keys=restart-key",
                "--router.campaigns.directory=" + campaignFiles,
                "--blooio.api-key=" + ProviderStubs.BLOOIO_KEY,
                "--blooio.base-url=" + ProviderStubs.blooio().baseUrl() + "/v2/api",
                "--spring.quartz.scheduler-name=campaign-restart-" + UUID.randomUUID(),
                "--logging.level.root=WARN");
        return new SpringApplicationBuilder(FacetimeRouterApplication.class).run(arguments.toArray(String[]::new));
    }

    private static CallApi api(ConfigurableApplicationContext context) {
        return new CallApi(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")), "restart-key");
    }
}
