package io.facetimerouter.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.facetimerouter.support.ProviderStubs.BLOOIO_CALLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.jayway.jsonpath.JsonPath;
import io.facetimerouter.FacetimeRouterApplication;
import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.Postgres;
import io.facetimerouter.support.ProviderStubs;
import io.facetimerouter.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the service (two Spring application contexts) on one PostgreSQL server, a fresh
 * database per test: Quartz's clustered job store makes each run fire on one instance, and a run
 * whose instance stops is recovered by the other without calling anyone twice.
 */
class ClusteredCampaignTest {

    private static final EmbeddedPostgres POSTGRES = Postgres.start();
    private static final String API_KEY = "cluster-key";

    @TempDir
    Path campaigns;

    private String database;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeEach
    void freshDatabaseAndProviders() throws Exception {
        database = "cluster_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = POSTGRES.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        ProviderStubs.reset();
        ProviderStubs.blooioCapabilities(true, true);
        ProviderStubs.blooioCreatesLinks();
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        POSTGRES.close();
    }

    @Test
    void eachScheduledRunFiresOnExactlyOneInstance() throws IOException {
        campaign("every-two-seconds", "*/2 * * * * ?", 3, 6000);
        start("--router.campaigns.min-interval=2s");
        start("--router.campaigns.min-interval=2s");

        List<Map<String, Object>> runs = await().atMost(Duration.ofSeconds(60)).until(
                () -> completedRuns("every-two-seconds"), completed -> completed.size() >= 4);

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.get("attempts")).isEqualTo(1);
            assertThat(run.get("requested")).isEqualTo(3L);
        });
        // every run's 3 contacts called once: no run fired twice, even deduplicated by the ledger
        await().untilAsserted(() -> assertThat(ProviderStubs.blooioCallRequestsByHandle()).allSatisfy((handle, calls) ->
                assertThat(calls).isEqualTo((long) completedRuns("every-two-seconds").size())));
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM call_ledger WHERE request_id LIKE 'every-two-seconds:%'",
                Long.class)).isEqualTo(3L * completedRuns("every-two-seconds").size());
    }

    @Test
    void aRunWhoseInstanceStopsIsCompletedByTheOtherWithoutCallingAnyoneTwice() throws IOException {
        campaign("takeover", "0 0 9 1 1 ? 2099", 10, 60);
        ConfigurableApplicationContext first = start();
        String runId = api(first).post("/api/v1/campaigns/takeover/runs", "").text("runId");
        await().atMost(Duration.ofSeconds(30)).until(() -> blooioCalls().size() >= 3);
        start();

        first.close();
        instances.remove(first);

        Map<String, Object> run = await().atMost(Duration.ofSeconds(90)).until(
                () -> completedRuns("takeover").stream().findFirst().orElse(null), completed -> completed != null);
        assertThat(run.get("run_id")).isEqualTo(runId);
        assertThat((Integer) run.get("attempts")).isGreaterThanOrEqualTo(2);
        assertThat(ProviderStubs.blooioCallRequestsByHandle()).hasSize(10).allSatisfy((handle, calls) -> assertThat(calls).isEqualTo(1L));
    }

    @Test
    void aStoppingInstanceDoesNotWaitOutItsRunsPaceAndTheOtherResumesTheRun() throws IOException {
        // one call a minute: after its first contact, the run waits a minute for the second
        campaign("paced-stop", "0 0 9 1 1 ? 2099", 2, 1);
        // Camel's own shutdown timeout (45 s), as in production: it is not what ends the run's wait
        ConfigurableApplicationContext first = start("--camel.main.shutdown-timeout=45");
        String runId = api(first).post("/api/v1/campaigns/paced-stop/runs", "").text("runId");
        await().atMost(Duration.ofSeconds(30)).until(() -> blooioCalls().size() == 1);
        start("--router.campaigns.sync-interval=1s");

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(first::close);

        await().atMost(Duration.ofSeconds(20)).until(stopped::isDone);
        instances.remove(first);
        await().atMost(Duration.ofSeconds(60)).until(() -> attemptsWhileRunning("paced-stop", runId) == 2);
        // the resumed run's first contact is answered by the ledger
        assertThat(blooioCalls()).hasSize(1);
    }

    /** As a stopping instance can leave a run: RUNNING, its instance gone, nothing of it left in Quartz. */
    @Test
    void aRunNoInstanceHoldsIsResumedFromItsCheckpoint() throws IOException {
        campaign("orphan", "0 0 9 1 1 ? 2099", 3, 6000);
        start("--router.campaigns.sync-interval=1s");
        String runId = CampaignRuns.runId(Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS));
        Timestamp startedAt = Timestamp.from(CampaignRuns.fireTime(runId));
        String orphaned = "INSERT INTO campaign_run (campaign_id, run_id, status, started_at, deadline_at, contacts_read,"
                + " invalid, requested, skipped, attempts, instance) VALUES (?, ?, 'RUNNING', ?, ?, 1, 0, 1, 0, 1, 'gone')";
        // looked at first: a row written by hand, whose id is no fire time, holds up no other run
        jdbc().update(orphaned, "a-by-hand", "not-a-fire-time", startedAt, startedAt);
        jdbc().update(orphaned, "orphan", runId, startedAt, Timestamp.from(Instant.now().plus(Duration.ofHours(1))));

        Map<String, Object> run = await().atMost(Duration.ofSeconds(60)).until(
                () -> completedRuns("orphan").stream().findFirst().orElse(null), completed -> completed != null);

        assertThat(run.get("run_id")).isEqualTo(runId);
        assertThat((Integer) run.get("attempts")).isEqualTo(2);
        // the first contact was behind the checkpoint
        assertThat(ProviderStubs.blooioCallRequestsByHandle()).containsOnlyKeys("+14155550001", "+14155550002");
    }

    @Test
    void aRunWaitingOutQuietHoursWhenItsInstanceStopsIsResumedByTheOther() throws IOException {
        // quiet hours from an hour ago to two hours ahead, in UTC; the deadline lies beyond them
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        campaign("quiet", "0 0 9 1 1 ? 2099", 3, 60, "quiet-hours: {start: \"" + now.minusHours(1)
                + "\", end: \"" + now.plusHours(2) + "\", time-zone: UTC}\ndeadline: 6h\n");
        ConfigurableApplicationContext first = start();
        String runId = api(first).post("/api/v1/campaigns/quiet/runs", "").text("runId");
        await().atMost(Duration.ofSeconds(30)).until(() -> attemptsWhileRunning("quiet", runId) == 1);
        start();

        first.close();
        instances.remove(first);

        // the other instance takes the run over and waits out the quiet hours in its turn
        await().atMost(Duration.ofSeconds(60)).until(() -> attemptsWhileRunning("quiet", runId) == 2);
        assertThat(blooioCalls()).isEmpty();
    }

    /**
     * The instance running a campaign killed with SIGKILL while a provider takes a second to answer, so
     * the kill always lands during a call. The other instance resumes the run, meets the dead instance's
     * live claim and waits for its lease (longer than the takeover) to end. At most once (interrupted =
     * fail): that contact ends FAILED interrupted, and no one is called twice.
     */
    @Test
    void aRunWhoseInstanceIsKilledMidCallIsCompletedByTheOtherCallingEveryoneExactlyOnce() throws Exception {
        KilledRun killed = killTheRunnerMidCall("fail");

        assertThat(ProviderStubs.blooioCallRequestsByHandle()).hasSize(8).allSatisfy((handle, calls) -> assertThat(calls).isEqualTo(1L));
        assertThat(killed.outcomeOfTheContactInFlight()).contains("\"status\":\"FAILED\"", "\"code\":\"interrupted\"");
    }

    /** The default (interrupted = retry, at least once): the contact in flight is called again, no one else is. */
    @Test
    void aRunWhoseInstanceIsKilledMidCallCallsOnlyTheContactInFlightAgainByDefault() throws Exception {
        KilledRun killed = killTheRunnerMidCall("retry");

        assertThat(ProviderStubs.blooioCallRequestsByHandle()).hasSize(8).allSatisfy((handle, calls) ->
                assertThat(calls).isEqualTo(handle.equals(killed.inFlight()) ? 2L : 1L));
        assertThat(killed.outcomeOfTheContactInFlight()).contains("\"status\":\"LINK_CREATED\"");
    }

    private record KilledRun(String inFlight, String outcomeOfTheContactInFlight) {
    }

    /** Runs an 8-contact campaign on an instance of its own, kills it at the 3rd call, and lets another complete it. */
    private KilledRun killTheRunnerMidCall(String interrupted) throws Exception {
        ProviderStubs.blooioCallAnswers(okJson("{\"success\": true, \"link\": \"" + ProviderStubs.LINK
                + "\", \"handle\": \"+15551234567\"}").withFixedDelay(1000));
        campaign("killed", "0 0 9 1 1 ? 2099", 8, 6000);
        String[] settings = {"--router.ledger.interrupted=" + interrupted, "--router.ledger.claim-lease=15s"};
        List<String> arguments = new ArrayList<>(arguments());
        arguments.addAll(List.of(settings));
        ServiceProcess first = ServiceProcess.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(),
                "killed-instance-"), arguments);
        try {
            String runId = new CallApi(first.port(), API_KEY).post("/api/v1/campaigns/killed/runs", "").text("runId");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> blooioCalls().size() >= 3);
            String inFlight = JsonPath.read(blooioCalls().get(blooioCalls().size() - 1).getBodyAsString(), "$.handle");
            first.kill();

            start(settings);

            Map<String, Object> run = await().atMost(Duration.ofSeconds(120)).until(
                    () -> completedRuns("killed").stream().findFirst().orElse(null), completed -> completed != null);
            assertThat(run.get("run_id")).isEqualTo(runId);
            return new KilledRun(inFlight, jdbc().queryForObject("SELECT outcome FROM call_ledger WHERE request_id = ?",
                    String.class, "killed:" + runId + ":" + inFlight));
        } finally {
            first.kill();
        }
    }

    private void campaign(String id, String cron, int contacts, int ratePerMinute) throws IOException {
        campaign(id, cron, contacts, ratePerMinute, "");
    }

    private void campaign(String id, String cron, int contacts, int ratePerMinute, String settings) throws IOException {
        Files.writeString(campaigns.resolve(id + ".yaml"), "id: " + id + "\ncron: \"" + cron + "\"\n" + settings
                + "rate-per-minute: " + ratePerMinute + "\naudience:\n  type: inline\n  contacts:\n"
                + IntStream.range(0, contacts).mapToObj(i -> "    - handle: \"+1415555" + String.format("%04d", i) + "\"\n")
                .collect(Collectors.joining()));
    }

    private ConfigurableApplicationContext start(String... settings) {
        List<String> arguments = new ArrayList<>(arguments());
        arguments.add("--server.port=0");
        for (String setting : settings) {
            // a setting given again replaces the default one: Spring would join the two values
            String name = setting.substring(0, setting.indexOf('=') + 1);
            arguments.removeIf(argument -> argument.startsWith(name));
            arguments.add(setting);
        }
        ConfigurableApplicationContext instance = new SpringApplicationBuilder(FacetimeRouterApplication.class)
                .run(arguments.toArray(String[]::new));
        instances.add(instance);
        return instance;
    }

    private List<String> arguments() {
        return List.of(
                "--router.kafka.enabled=false",
                "--spring.datasource.url=" + POSTGRES.getJdbcUrl("postgres", database),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--router.campaigns.directory=" + campaigns,
                "--router.api-keys=" + API_KEY,
                "--blooio.api-key=" + ProviderStubs.BLOOIO_KEY,
                "--blooio.base-url=" + ProviderStubs.blooio().baseUrl() + "/v2/api",
                // a stopped instance gives up its in-flight run at once, as a crashed one would
                "--camel.main.shutdown-timeout=1",
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
                "--logging.level.root=WARN",
                "--logging.level.io.facetimerouter.campaign=INFO");
    }

    private List<Map<String, Object>> completedRuns(String campaign) {
        return runs(campaign, "COMPLETED");
    }

    private List<Map<String, Object>> runs(String campaign, String status) {
        return jdbc().queryForList("SELECT run_id, attempts, requested FROM campaign_run WHERE campaign_id = ?"
                + " AND status = ?", campaign, status);
    }

    /** How often the run has been started or taken over while it is RUNNING; 0 before it starts and once it ends. */
    private int attemptsWhileRunning(String campaign, String runId) {
        return runs(campaign, "RUNNING").stream().filter(run -> runId.equals(run.get("run_id")))
                .mapToInt(run -> (Integer) run.get("attempts")).findFirst().orElse(0);
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(POSTGRES.getDatabase("postgres", database));
    }

    private static List<LoggedRequest> blooioCalls() {
        return ProviderStubs.blooio().findAll(postRequestedFor(urlEqualTo(BLOOIO_CALLS)));
    }

    private static CallApi api(ConfigurableApplicationContext instance) {
        return new CallApi(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")), API_KEY);
    }
}
