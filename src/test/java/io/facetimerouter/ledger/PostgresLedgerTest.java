package io.facetimerouter.ledger;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ledger on a real PostgreSQL server (embedded binaries from Maven), schema by the same Flyway migrations. */
@DirtiesContext
class PostgresLedgerTest extends PipelineTest {

    private static final EmbeddedPostgres POSTGRES = start();

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private LedgerRetention retention;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Test
    void theLedgerRunsOnPostgres() {
        String product = jdbc.queryForObject("SELECT version()", String.class);

        assertThat(product).startsWith("PostgreSQL");
    }

    @Test
    void anOutcomeIsStoredInPostgres() {
        api.createCall("{\"requestId\": \"pg-1\", \"handle\": \"+15551234567\"}");

        Map<String, Object> row = jdbc.queryForMap("SELECT status, provider, outcome FROM call_ledger WHERE request_id = 'pg-1'");
        assertThat(row.get("status")).isEqualTo("LINK_CREATED");
        assertThat(row.get("provider")).isEqualTo("blooio");
        assertThat((String) row.get("outcome")).contains("\"requestId\":\"pg-1\"");
    }

    @Test
    void aRepeatedRequestIdIsAnsweredFromPostgres() {
        Answer first = api.createCall("{\"requestId\": \"pg-2\", \"handle\": \"+15551234567\"}");

        Answer second = api.createCall("{\"requestId\": \"pg-2\", \"handle\": \"+15551234567\"}");

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(blooioCallRequests()).isEqualTo(1);
    }

    @Test
    void twoInstancesPurgingAtOnceDeleteEveryExpiredCallExactlyOnce() throws Exception {
        int calls = LedgerRetention.BATCH * 4;
        Instant longAgo = Instant.parse("2020-03-01T00:00:00Z");
        jdbc.batchUpdate("INSERT INTO call_ledger (request_id, handle, status, claimed_at) VALUES (?, '+15551234567', 'FAILED', ?)",
                IntStream.range(0, calls).mapToObj(i -> new Object[] {"pg-bulk-" + i, Timestamp.from(longAgo)}).toList());
        jdbc.batchUpdate("INSERT INTO call_delivery (request_id, channel, target, delivery_id, status, claimed_at)"
                        + " VALUES (?, 'log', 'log', ?, 'DELIVERED', ?)",
                IntStream.range(0, calls).mapToObj(i -> new Object[] {"pg-bulk-" + i, "d" + i, Timestamp.from(longAgo)}).toList());
        ExecutorService instances = Executors.newFixedThreadPool(2);

        List<Future<Long>> purges = instances.invokeAll(List.of(
                () -> retention.purgeBefore(longAgo.plusSeconds(1)), () -> retention.purgeBefore(longAgo.plusSeconds(1))));
        instances.shutdown();

        assertThat(purges.get(0).get() + purges.get(1).get()).isEqualTo(calls);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_ledger WHERE request_id LIKE 'pg-bulk-%'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_delivery WHERE request_id LIKE 'pg-bulk-%'", Integer.class)).isZero();
    }

    @Test
    void aPurgePassesOverCallsAnotherInstanceHoldsAndTakesThemOnceFree() throws Exception {
        Instant longAgo = Instant.parse("2020-03-02T00:00:00Z");
        jdbc.batchUpdate("INSERT INTO call_ledger (request_id, handle, status, claimed_at) VALUES (?, '+15551234567', 'FAILED', ?)",
                IntStream.range(0, 10).mapToObj(i -> new Object[] {(i < 3 ? "pg-held-" : "pg-free-") + i, Timestamp.from(longAgo)}).toList());
        long deletedWhileHeld;
        long deletedOnceFree;
        try (Connection otherInstance = POSTGRES.getPostgresDatabase().getConnection()) {
            otherInstance.setAutoCommit(false);
            otherInstance.createStatement().executeQuery("SELECT request_id FROM call_ledger WHERE request_id LIKE 'pg-held-%' FOR UPDATE");

            // a purge that waited for the held rows would never end while they are held
            deletedWhileHeld = CompletableFuture.supplyAsync(() -> retention.purgeBefore(longAgo.plusSeconds(1))).get(30, TimeUnit.SECONDS);
            otherInstance.rollback();
        }
        deletedOnceFree = retention.purgeBefore(longAgo.plusSeconds(1));

        assertThat(deletedWhileHeld).isEqualTo(7);
        assertThat(deletedOnceFree).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_ledger WHERE request_id LIKE 'pg-%-%' AND claimed_at < ?",
                Integer.class, Timestamp.from(longAgo.plusSeconds(1)))).isZero();
    }

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }
}
