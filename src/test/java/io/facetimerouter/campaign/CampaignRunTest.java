package io.facetimerouter.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.facetimerouter.support.ProviderStubs.blooio;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequestTimes;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequestsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.facetimerouter.ledger.CallLedger;
import io.facetimerouter.pipeline.PublishingBurst;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** Campaign runs on one instance, Kafka off: the campaigns under src/test/resources/campaigns, run on request. */
@TestPropertySource(properties = {"router.campaigns.directory=src/test/resources/campaigns",
        "router.campaigns.audience-dir=src/test/resources/campaigns", "router.campaigns.audience-max-size=100KB"})
class CampaignRunTest extends PipelineTest {

    @Autowired
    private CallLedger ledger;

    @Autowired
    private Scheduler scheduler;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private PublishingBurst burst;

    @Test
    void theCronRunsInTheCampaignsTimeZone() throws Exception {
        CronTrigger trigger = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("inline-checkin", "campaigns"));

        assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Paris");
        assertThat(trigger.getNextFireTime().toInstant())
                .isEqualTo(ZonedDateTime.of(2099, 1, 1, 9, 0, 0, 0, ZoneId.of("Europe/Paris")).toInstant());
    }

    @Test
    void aZoneWithAPlusSignIsScheduledInThatZone() throws Exception {
        saveCampaign("plus-zone", "{\"cron\": \"0 0 9 1 1 ? 2099\", \"timeZone\": \"Etc/GMT+5\","
                + " \"audience\": {\"type\": \"blooio-contacts\"}}");

        CronTrigger trigger = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("plus-zone", "campaigns"));

        assertThat(trigger.getTimeZone().getID()).isEqualTo("Etc/GMT+5");
    }

    @Test
    void aRunCallsEveryValidContactOnceWithDeterministicRequestIds() {
        String runId = runNow("inline-checkin");

        JsonNode report = awaitCompleted("inline-checkin", runId);

        assertThat(report.path("contactsRead").asLong()).isEqualTo(4);
        assertThat(report.path("invalid").asLong()).isEqualTo(1);
        assertThat(report.path("requested").asLong()).isEqualTo(3);
        assertThat(report.path("skipped").asLong()).isZero();
        assertThat(report.path("outcomes").path("LINK_CREATED").asLong()).isEqualTo(3);
        assertThat(report.path("invalidRows").get(0).path("line").asLong()).isEqualTo(3);
        assertThat(report.path("invalidRows").get(0).path("problem").asText()).isEqualTo("not a phone number or email address");
        assertThat(blooioCallRequests()).isEqualTo(3);
        assertThat(ledger.find("inline-checkin:" + runId + ":+14155550101")).isPresent();
        assertThat(ledger.find("inline-checkin:" + runId + ":+14155550102")).isPresent();
        assertThat(ledger.find("inline-checkin:" + runId + ":grace@example.com").orElseThrow().metadata())
                .containsEntry("team", "ops").containsEntry("campaign", "inline-checkin").containsEntry("campaignRun", runId);
    }

    @Test
    void aRunResumedOrRepeatedNeverCallsAnyoneTwice() throws Exception {
        String runId = runNow("inline-checkin");
        awaitCompleted("inline-checkin", runId);
        // as if the run had died at its first contact: the same fire time runs again from the start
        jdbc.update("UPDATE campaign_run SET status = 'RUNNING', contacts_read = 0, invalid = 0, requested = 0"
                + " WHERE campaign_id = 'inline-checkin' AND run_id = ?", runId);
        jdbc.update("DELETE FROM campaign_invalid_row WHERE campaign_id = 'inline-checkin' AND run_id = ?", runId);
        Instant fireTime = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC)
                .parse(runId, Instant::from);
        scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(JobKey.jobKey("inline-checkin", "campaigns"))
                .startAt(Date.from(fireTime)).build());

        JsonNode report = awaitCompleted("inline-checkin", runId);

        assertThat(report.path("requested").asLong()).isEqualTo(3);
        assertThat(blooioCallRequests()).isEqualTo(3);
    }

    @Test
    void aRunsProgressIsCountedByOutcome() {
        double readBefore = contacts("read");
        double invalidBefore = contacts("invalid");
        double requestedBefore = contacts("requested");

        awaitCompleted("csv-reminders", runNow("csv-reminders"));

        assertThat(contacts("read") - readBefore).isEqualTo(7.0);
        assertThat(contacts("invalid") - invalidBefore).isEqualTo(3.0);
        assertThat(contacts("requested") - requestedBefore).isEqualTo(4.0);
    }

    private double contacts(String outcome) {
        return meters.counter("facetime.campaign.contacts", "campaign", "csv-reminders", "outcome", outcome).count();
    }

    @Test
    void aCsvAudienceSkipsBadRowsWithTheirLineNumbersAndReadsQuotedLineBreaks() {
        String runId = runNow("csv-reminders");

        JsonNode report = awaitCompleted("csv-reminders", runId);

        assertThat(report.path("contactsRead").asLong()).isEqualTo(7);
        assertThat(report.path("requested").asLong()).isEqualTo(4);
        assertThat(report.path("invalidRows").toString()).isEqualTo("["
                + "{\"line\":5,\"problem\":\"not a phone number or email address\"},"
                + "{\"line\":6,\"problem\":\"expected 3 fields, found 4\"},"
                + "{\"line\":9,\"problem\":\"no handle\"}]");
        assertThat(ledger.find("csv-reminders:" + runId + ":+14155550204").orElseThrow().metadata())
                .containsEntry("name", "Grace\nHopper");
        assertThat(ledger.find("csv-reminders:" + runId + ":+14155550201").orElseThrow().metadata())
                .containsEntry("name", "Alan").containsEntry("appointment", "Tue 10:00, room 4");
        assertThat(ledger.find("csv-reminders:" + runId + ":+14155550202").orElseThrow().metadata())
                .containsEntry("name", "Barbara \"Babs\" Liskov");
        assertThat(blooioCallRequests()).isEqualTo(4);
    }

    @Test
    void blooiosContactListIsReadPageByPage() {
        blooio().stubFor(get(urlPathEqualTo("/v2/api/contacts")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson(contactsPage(0, 200, 201))));
        blooio().stubFor(get(urlPathEqualTo("/v2/api/contacts")).withQueryParam("offset", equalTo("200"))
                .willReturn(okJson(contactsPage(200, 1, 201))));

        JsonNode report = awaitCompleted("blooio-everyone", runNow("blooio-everyone"));

        assertThat(report.path("requested").asLong()).isEqualTo(201);
        blooio().verify(2, getRequestedFor(urlPathEqualTo("/v2/api/contacts"))
                .withQueryParam("limit", equalTo("200")).withQueryParam("sort", equalTo("oldest")));
        assertThat(blooioCallRequests()).isEqualTo(201);
    }

    @Test
    void contactsNotReachedBeforeTheDeadlineAreReportedSkipped() {
        JsonNode report = awaitCompleted("deadline-passed", runNow("deadline-passed"));

        assertThat(report.path("contactsRead").asLong()).isEqualTo(2);
        assertThat(report.path("skipped").asLong()).isEqualTo(2);
        assertThat(report.path("requested").asLong()).isZero();
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void aCallNoProviderCanTakeIsCountedSkippedAndTheRunGoesOn() {
        circuitBreakers.forProvider("blooio").transitionToForcedOpenState();
        circuitBreakers.forProvider("sendblue").transitionToForcedOpenState();

        JsonNode report = awaitCompleted("inline-checkin", runNow("inline-checkin"));

        assertThat(report.path("contactsRead").asLong()).isEqualTo(4);
        assertThat(report.path("invalid").asLong()).isEqualTo(1);
        assertThat(report.path("skipped").asLong()).isEqualTo(3);
        assertThat(report.path("requested").asLong()).isZero();
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void aRunTakesNoMoreCallsInAPeriodThanItsRateAllows() {
        // 600 a minute: batches of 10, a second (and the send margin) apart; 25 contacts need three periods
        saveCampaign("paced", "{\"cron\": \"0 0 9 1 1 ? 2099\", \"ratePerMinute\": 600, \"notify\": [\"log\"],"
                + " \"audience\": {\"type\": \"inline\", \"contacts\": [" + IntStream.range(0, 25)
                .mapToObj(i -> "{\"handle\": \"+1415557" + String.format("%04d", i) + "\"}")
                .collect(Collectors.joining(",")) + "]}}");

        Instant triggered = Instant.now();
        JsonNode report = awaitCompleted("paced", runNow("paced"));

        assertThat(report.path("requested").asLong()).isEqualTo(25);
        List<Instant> placed = blooioCallRequestTimes();
        assertThat(placed).hasSize(25);
        // the first batch goes at once, the second a period (and the send margin) later, the third two
        assertThat(placed.get(20)).isAfterOrEqualTo(triggered.plusMillis(2010));
    }

    @Test
    void aRunItsRateDoesNotHoldBackMakesTheInstancesConsumerYield() {
        saveCampaign("full-speed", "{\"cron\": \"0 0 9 1 1 ? 2099\", \"ratePerMinute\": 6000000, \"notify\": [\"log\"],"
                + " \"audience\": {\"type\": \"inline\", \"contacts\": [{\"handle\": \"+14155580001\"}]}}");

        String runId = runNow("full-speed");

        // the burst outlasts the run by a second: polled every 100 ms, it is seen
        await().atMost(Duration.ofSeconds(30)).until(burst::active);
        awaitCompleted("full-speed", runId);
    }

    @Test
    void savingACampaignDuringItsRunIsAnsweredAtOnceAndTheRunGoesOnUnderTheNewDefinition() {
        List<String> handles = List.of("+14155590001", "+14155590002", "+14155590003");
        String runId = runWaitingAfterItsFirstCall("resaved", handles);

        saveWithinSeconds("resaved", oneRunCampaign(handles, "\"ratePerMinute\": 6000000"));

        JsonNode report = awaitCompleted("resaved", runId);
        assertThat(report.path("attempts").asInt()).isEqualTo(2);
        assertThat(report.path("requested").asLong()).isEqualTo(3);
        assertThat(handles).allSatisfy(handle -> assertThat(blooioCallRequestsFor(handle)).as(handle).isEqualTo(1));
    }

    @Test
    void disablingACampaignDuringItsRunEndsTheRunAndCallsNoOneMore() {
        List<String> handles = List.of("+14155590011", "+14155590012");
        String runId = runWaitingAfterItsFirstCall("disabled-mid-run", handles);

        saveWithinSeconds("disabled-mid-run", oneRunCampaign(handles, "\"enabled\": false"));

        JsonNode report = run("disabled-mid-run", runId);
        assertThat(report.path("status").asText()).isEqualTo("FAILED");
        assertThat(report.path("detail").asText()).isEqualTo("the campaign was disabled or deleted during the run");
        assertThat(blooioCallRequestsFor("+14155590012")).isZero();
    }

    /** A run at one call a minute, started now and returned once it has called its first contact: it then waits a minute. */
    private String runWaitingAfterItsFirstCall(String campaign, List<String> handles) {
        saveCampaign(campaign, oneRunCampaign(handles, "\"ratePerMinute\": 1"));
        String runId = runNow(campaign);
        await().atMost(Duration.ofSeconds(30)).until(() -> blooioCallRequestsFor(handles.get(0)) == 1);
        return runId;
    }

    /** Saves the campaign from another thread; answered well within the minute its run waits. */
    private void saveWithinSeconds(String campaign, String definition) {
        CompletableFuture<Void> saved = CompletableFuture.runAsync(() -> saveCampaign(campaign, definition));
        await().atMost(Duration.ofSeconds(10)).until(saved::isDone);
        saved.join();
    }

    /** A campaign that only runs when asked, calling the handles, with the given fields added. */
    private static String oneRunCampaign(List<String> handles, String fields) {
        return "{\"cron\": \"0 0 9 1 1 ? 2099\", " + fields + ", \"notify\": [\"log\"], \"audience\": {\"type\": \"inline\","
                + " \"contacts\": [" + handles.stream().map(handle -> "{\"handle\": \"" + handle + "\"}")
                .collect(Collectors.joining(", ")) + "]}}";
    }

    @Test
    void theCampaignsAreListedAndADisabledOrUnknownOneCannotRun() {
        Answer list = api.get("/api/v1/campaigns");
        Answer disabled = api.post("/api/v1/campaigns/disabled-campaign/runs", "");
        Answer unknown = api.post("/api/v1/campaigns/no-such-campaign/runs", "");

        // the files' campaigns, in id order (other tests of this context save campaigns of their own)
        assertThat(list.body().path("campaigns").findValuesAsText("id"))
                .containsSubsequence("blooio-everyone", "csv-reminders", "deadline-passed", "disabled-campaign", "inline-checkin");
        assertThat(api.get("/api/v1/campaigns/csv-reminders").text("cron")).isEqualTo("0 0 9 1 1 ? 2099");
        assertThat(disabled.status()).isEqualTo(409);
        assertThat(disabled.text("error")).isEqualTo("campaign_disabled");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/campaigns/no-such-campaign/runs").status()).isEqualTo(404);
    }

    @Test
    void aCampaignSavedThroughTheApiIsScheduledRunAndDeleted() throws Exception {
        Answer saved = api.send(api.request("/api/v1/campaigns/api-campaign")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"cron": "0 30 8 * * ?", "timeZone": "America/Chicago", "ratePerMinute": 6000,
                         "audience": {"type": "inline", "contacts": [{"handle": "+14155550301"}, {"handle": "+14155550302"}]}}
                        """)).build());

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.text("id")).isEqualTo("api-campaign");
        assertThat(scheduler.checkExists(JobKey.jobKey("api-campaign", "campaigns"))).isTrue();
        JsonNode report = awaitCompleted("api-campaign", runNow("api-campaign"));
        assertThat(report.path("requested").asLong()).isEqualTo(2);

        Answer deleted = api.send(api.request("/api/v1/campaigns/api-campaign").DELETE().build());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/campaigns/api-campaign").status()).isEqualTo(404);
        assertThat(scheduler.checkExists(JobKey.jobKey("api-campaign", "campaigns"))).isFalse();
    }

    @Test
    void anInvalidCampaignIsRefusedWithEveryProblemAndNothingIsSaved() {
        Answer refused = api.send(api.request("/api/v1/campaigns/broken")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"cron\": \"often\", \"audience\": {\"type\": \"inline\"}, \"ratePerMinute\": 0}")).build());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("error")).isEqualTo("invalid_campaign");
        assertThat(refused.text("message")).contains("cron: required", "audience.contacts: an inline audience needs",
                "rate-per-minute: between 1 and 6000000");
        assertThat(api.get("/api/v1/campaigns/broken").status()).isEqualTo(404);
    }

    @Test
    void aCampaignDefinedInAFileIsNotChangedThroughTheApi() {
        Answer put = api.send(api.request("/api/v1/campaigns/csv-reminders").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        Answer delete = api.send(api.request("/api/v1/campaigns/csv-reminders").DELETE().build());
        Answer unknown = api.send(api.request("/api/v1/campaigns/no-such-campaign").DELETE().build());

        assertThat(put.status()).isEqualTo(409);
        assertThat(put.text("error")).isEqualTo("campaign_in_file");
        assertThat(delete.status()).isEqualTo(409);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aNormalCsvRunLogsNoStackTrace(CapturedOutput output) {
        awaitCompleted("csv-reminders", runNow("csv-reminders"));

        assertThat(output.getAll()).contains("Campaign run csv-reminders:").doesNotContain("Exception", "\tat ");
    }

    @Test
    void anUploadedAudienceIsKeptInTheDatabaseAndCalled() {
        saveCampaign("uploaded-list", "{\"cron\": \"0 0 9 1 1 ? 2099\", \"audience\": {\"type\": \"uploaded\"}}");

        Answer upload = uploadAudience("uploaded-list",
                "handle,name,team\n+14155550401,\"Ada\nLovelace\",ops\nnot-a-phone,Bad,x\n+14155550402,Alan,dev\n");

        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.body().path("records").asLong()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_audience_row WHERE campaign_id = 'uploaded-list'",
                Long.class)).isEqualTo(3);
        String runId = runNow("uploaded-list");
        JsonNode report = awaitCompleted("uploaded-list", runId);
        assertThat(report.path("requested").asLong()).isEqualTo(2);
        assertThat(report.path("invalidRows").toString())
                .isEqualTo("[{\"line\":4,\"problem\":\"not a phone number or email address\"}]");
        assertThat(ledger.find("uploaded-list:" + runId + ":+14155550401").orElseThrow().metadata())
                .containsEntry("name", "Ada\nLovelace").containsEntry("team", "ops");
        assertThat(blooioCallRequests()).isEqualTo(2);
    }

    @Test
    void anUnreadableUploadIsRefusedWithItsLineAndTheAudienceBeforeItStays() {
        saveCampaign("kept-list", "{\"cron\": \"0 0 9 1 1 ? 2099\", \"audience\": {\"type\": \"uploaded\"}}");
        uploadAudience("kept-list", "handle\n+14155550501\n");

        Answer brokenQuote = uploadAudience("kept-list", "handle,name\n+14155550502,\"Unterminated\n+14155550503,x\n");
        Answer noHandle = uploadAudience("kept-list", "name\nAda\n");
        Answer longLine = uploadAudience("kept-list", "handle\n" + "1".repeat(5000) + "\n");
        Answer empty = uploadAudience("kept-list", "");

        assertThat(brokenQuote.status()).isEqualTo(400);
        assertThat(brokenQuote.text("error")).isEqualTo("invalid_audience");
        assertThat(noHandle.text("message")).contains("handle column");
        assertThat(longLine.text("message")).isEqualTo("Line 2 is longer than 4096 characters");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(jdbc.queryForList("SELECT handle FROM campaign_audience_row WHERE campaign_id = 'kept-list'", String.class))
                .containsExactly("+14155550501");
    }

    @Test
    void aRunWithoutAnUploadedAudienceEndsFailedWithTheReason() {
        saveCampaign("never-uploaded", "{\"cron\": \"0 0 9 1 1 ? 2099\", \"audience\": {\"type\": \"uploaded\"}}");

        String runId = runNow("never-uploaded");

        JsonNode report = await().atMost(Duration.ofSeconds(30)).until(() -> run("never-uploaded", runId),
                run -> run != null && "FAILED".equals(run.path("status").asText()));
        assertThat(report.path("detail").asText()).startsWith("No audience has been uploaded for campaign never-uploaded");
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void aQuotedFieldSpanningLinesPastTheCapIsABadRecordNotAFailure() {
        saveCampaign("long-field", "{\"cron\": \"0 0 9 1 1 ? 2099\", \"audience\": {\"type\": \"uploaded\"}}");
        String longName = ("y".repeat(4000) + "\n").repeat(3);

        Answer upload = uploadAudience("long-field", "handle,name\n+14155550801,\"" + longName + "\"\n+14155550802,Ada\n");

        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.body().path("records").asLong()).isEqualTo(2);
        assertThat(upload.body().path("invalid").asLong()).isEqualTo(1);
    }

    @Test
    void anUploadOverTheSizeLimitIsRefused() {
        saveCampaign("big-list", "{\"cron\": \"0 0 9 1 1 ? 2099\", \"audience\": {\"type\": \"uploaded\"}}");

        Answer answer = uploadAudience("big-list", "handle\n" + "+14155550601\n".repeat(10_000));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.text("error")).isEqualTo("payload_too_large");
    }

    @Test
    void onlyACampaignWithAnUploadedAudienceTakesAnUpload() {
        saveCampaign("inline-list", "{\"cron\": \"0 0 9 1 1 ? 2099\", \"audience\": {\"type\": \"inline\","
                + " \"contacts\": [{\"handle\": \"+14155550701\"}]}}");

        assertThat(uploadAudience("csv-reminders", "handle\n").status()).isEqualTo(409);
        assertThat(uploadAudience("no-such-campaign", "handle\n").status()).isEqualTo(404);
        assertThat(uploadAudience("inline-list", "handle\n").status()).isEqualTo(400);
    }

    @Test
    void aCronThatNeverFiresAgainIsRefusedAndNothingIsScheduled() throws Exception {
        Answer answer = api.send(api.request("/api/v1/campaigns/past-cron").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"cron\": \"0 0 9 1 1 ? 2020\", \"audience\": {\"type\": \"blooio-contacts\"}}")).build());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("message")).contains("cron: never fires again");
        assertThat(api.get("/api/v1/campaigns/past-cron").status()).isEqualTo(404);
        assertThat(scheduler.checkExists(JobKey.jobKey("past-cron", "campaigns"))).isFalse();
    }

    @Test
    void aCronThatFiresMoreOftenThanOnceAMinuteIsRefused() {
        for (String cron : List.of("* 0 9 * * ?", "0,30 0 9 * * ?", "*/5 * * * * ?")) {
            Answer refused = api.send(api.request("/api/v1/campaigns/too-often").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"cron\": \"" + cron + "\", \"audience\": {\"type\": \"uploaded\"}}"))
                    .build());

            assertThat(refused.status()).as(cron).isEqualTo(400);
            assertThat(refused.text("message")).as(cron).isEqualTo("Invalid campaign: cron: fires more often than once"
                    + " every 60s (" + cron + "); each run calls the whole audience (ROUTER_CAMPAIGNS_MININTERVAL)");
        }
        assertThat(api.get("/api/v1/campaigns/too-often").status()).isEqualTo(404);
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        Answer answer = api.send(api.request("/api/v1/campaigns/typed").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"cron\": \"0 0 9 * * ?\", \"ratePerMinute\": \"fast\"}")).build());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("message")).startsWith("Invalid campaign: ratePerMinute: ");
    }

    private void saveCampaign(String id, String definition) {
        Answer saved = api.send(api.request("/api/v1/campaigns/" + id).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(definition)).build());
        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);
    }

    private Answer uploadAudience(String id, String csv) {
        return api.send(api.request("/api/v1/campaigns/" + id + "/audience").header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    private String runNow(String campaign) {
        Answer answer = api.post("/api/v1/campaigns/" + campaign + "/runs", "");
        assertThat(answer.status()).isEqualTo(202);
        return answer.text("runId");
    }

    private JsonNode awaitCompleted(String campaign, String runId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> run(campaign, runId),
                run -> run != null && "COMPLETED".equals(run.path("status").asText()));
    }

    private JsonNode run(String campaign, String runId) {
        for (JsonNode run : api.get("/api/v1/campaigns/" + campaign + "/runs").body().path("runs")) {
            if (run.path("runId").asText().equals(runId)) {
                return run;
            }
        }
        return null;
    }

    private static String contactsPage(int offset, int size, int total) {
        return "{\"contacts\": [" + IntStream.range(offset, offset + size)
                .mapToObj(i -> "{\"identifier\": \"+1415556" + String.format("%04d", i) + "\", \"name\": \"Contact " + i + "\"}")
                .collect(Collectors.joining(",")) + "], \"pagination\": {\"limit\": 200, \"offset\": " + offset
                + ", \"total\": " + total + "}}";
    }
}
