package io.facetimerouter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.facetimerouter.ledger.DeliveryLedger.Delivery;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.ChannelsTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The log channel's line is written on the call's own thread, before the outcome is stored, and its
 * delivery is stored DELIVERED with the outcome; a line that fails there, and a recovered delivery,
 * go through the channel's queue like any other channel's.
 */
class LogChannelTest extends ChannelsTest {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger outcomes = (Logger) LoggerFactory.getLogger("facetime-router.outcomes");

    @Autowired
    private Notifications notifications;

    @Autowired
    private CamelContext camel;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void watchTheOutcomeLines() {
        lines.start();
        outcomes.addAppender(lines);
    }

    @AfterEach
    void stopWatching() throws Exception {
        outcomes.detachAppender(lines);
        camel.getRouteController().startRoute("log-outcome");
    }

    @Test
    void theLineIsWrittenAndItsDeliveryStoredWithTheOutcomeBeforeTheCallIsAnswered() {
        double deliveredBefore = deliveredCount();

        Answer answer = callWithLog("log-at-once-1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(linesOf("log-at-once-1")).hasSize(1);
        // no waiting: the delivery was stored with the outcome
        Delivery delivery = delivery("log-at-once-1", "log");
        assertThat(delivery.status()).isEqualTo("DELIVERED");
        assertThat(delivery.completedAt()).isNotNull();
        assertThat(delivery.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.attemptedAt()).isEqualTo(delivery.completedAt());
            assertThat(attempt.httpStatus()).isNull();
            assertThat(attempt.error()).isNull();
        });
        assertThat(deliveredCount()).isEqualTo(deliveredBefore + 1);
    }

    @Test
    void aLineThatFailsLeavesTheCallAnsweredAndItsDeliveryToTheChannelsQueue() throws Exception {
        camel.getRouteController().stopRoute("log-outcome");
        double deliveredBefore = deliveredCount();

        Answer answer = callWithLog("log-fails-1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("status")).isEqualTo("LINK_CREATED");
        assertThat(delivery("log-fails-1", "log").status()).isEqualTo("PENDING");
        assertThat(linesOf("log-fails-1")).isEmpty();

        // the channel's queue waits for the line's route, and delivers once it is back
        camel.getRouteController().startRoute("log-outcome");

        Delivery delivery = awaitDelivery("log-fails-1", "log", "DELIVERED");
        assertThat(delivery.attempts()).hasSize(1);
        assertThat(linesOf("log-fails-1")).hasSize(1);
        assertThat(deliveredCount()).isEqualTo(deliveredBefore + 1);
    }

    @Test
    void aRepeatedRequestAnsweredFromTheLedgerWritesNoSecondLine() {
        callWithLog("log-repeated-1");
        double deliveredBefore = deliveredCount();

        Answer repeated = callWithLog("log-repeated-1");

        assertThat(repeated.status()).isEqualTo(200);
        assertThat(linesOf("log-repeated-1")).hasSize(1);
        assertThat(delivery("log-repeated-1", "log").attempts()).hasSize(1);
        assertThat(deliveredCount()).isEqualTo(deliveredBefore);
    }

    @Test
    void anAbandonedLogDeliveryIsRecoveredThroughTheChannelsQueue() {
        callWithLog("log-recovered-1");
        // as a crash of an earlier version would have left it: planned, never delivered
        jdbc.update("UPDATE call_delivery SET status = 'PENDING', completed_at = NULL WHERE request_id = ?", "log-recovered-1");
        jdbc.update("DELETE FROM delivery_attempt WHERE request_id = ?", "log-recovered-1");

        clock.advance(Duration.ofMinutes(6));
        notifications.recoverAbandoned();

        Delivery delivery = awaitDelivery("log-recovered-1", "log", "DELIVERED");
        assertThat(delivery.attempts()).hasSize(1);
        assertThat(linesOf("log-recovered-1")).hasSize(2);
    }

    private Answer callWithLog(String requestId) {
        return api.createCall("{\"requestId\": \"" + requestId + "\", \"handle\": \"+14155550123\", \"notify\": [\"log\"]}");
    }

    private double deliveredCount() {
        return meters.counter("facetime.deliveries", "channel", "log", "result", "DELIVERED").count();
    }

    private List<ILoggingEvent> linesOf(String requestId) {
        synchronized (lines) {
            return List.copyOf(lines.list).stream()
                    .filter(line -> line.getFormattedMessage().contains("requestId=" + requestId + " ")).toList();
        }
    }
}
