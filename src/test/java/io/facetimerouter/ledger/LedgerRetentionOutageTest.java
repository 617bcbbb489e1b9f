package io.facetimerouter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The scheduled purge outlives rounds that fail, as while the ledger database is down. */
class LedgerRetentionOutageTest {

    /** Each round of the purge asks for a connection: counted, to know rounds have run. */
    private final AtomicInteger connections = new AtomicInteger();
    private final DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:retention-outage;DB_CLOSE_DELAY=-1") {
        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return super.getConnection();
        }
    };
    private final JdbcTemplate jdbc = new JdbcTemplate(database);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LedgerRetention retention = new LedgerRetention(jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(database)), Clock.systemUTC(),
            new LedgerProperties(Duration.ofMinutes(2), LedgerProperties.Interrupted.RETRY, Duration.ofSeconds(5),
                    Duration.ofHours(1), Duration.ofMillis(50)),
            meters);

    @AfterEach
    void stop() throws InterruptedException {
        retention.stop();
        jdbc.execute("DROP ALL OBJECTS");
    }

    @Test
    void roundsThatFailWhileTheLedgerIsUnreadableDoNotEndTheSchedule() {
        // the ledger's tables are not there: every round fails until they are
        await().until(() -> connections.get() >= 3);

        jdbc.execute("CREATE TABLE call_ledger (request_id VARCHAR(128) PRIMARY KEY, claimed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        jdbc.execute("CREATE TABLE call_delivery (request_id VARCHAR(128), status VARCHAR(16))");
        jdbc.execute("CREATE TABLE delivery_attempt (request_id VARCHAR(128))");
        jdbc.update("INSERT INTO call_ledger (request_id, claimed_at) VALUES ('outage-1', ?)",
                Timestamp.from(Instant.now().minus(Duration.ofHours(2))));

        await().untilAsserted(() -> assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_ledger", Integer.class)).isZero());
        assertThat(meters.get("facetime.ledger.purged").counter().count()).isEqualTo(1.0);
    }
}
