package io.facetimerouter.ledger;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
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
