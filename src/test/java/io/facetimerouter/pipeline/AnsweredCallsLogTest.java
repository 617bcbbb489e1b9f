package io.facetimerouter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.facetimerouter.support.PipelineTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One INFO line per answered call, whichever channels its outcome goes to. */
class AnsweredCallsLogTest extends PipelineTest {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final List<Logger> watched = List.of((Logger) LoggerFactory.getLogger("facetime-router.calls"),
            (Logger) LoggerFactory.getLogger("facetime-router.outcomes"));

    @BeforeEach
    void watchTheCallLines() {
        lines.start();
        watched.forEach(logger -> logger.addAppender(lines));
    }

    @AfterEach
    void stopWatching() {
        watched.forEach(logger -> logger.detachAppender(lines));
    }

    @Test
    void aCallWithoutTheLogChannelHasOneLineWithItsFieldsAsKeyValuePairs() {
        api.createCall("{\"requestId\": \"one-line-1\", \"handle\": \"+15551234567\", \"notify\": []}");

        await().atMost(Duration.ofSeconds(5)).until(() -> !linesOf("one-line-1").isEmpty());
        assertThat(linesOf("one-line-1")).singleElement().satisfies(line -> {
            assertThat(line.getLoggerName()).isEqualTo("facetime-router.calls");
            assertThat(line.getFormattedMessage()).startsWith(
                    "call requestId=one-line-1 trigger=rest status=LINK_CREATED provider=blooio attempts=1 ms=");
            assertThat(line.getKeyValuePairs().stream().collect(Collectors.toMap(pair -> pair.key, pair -> pair.value)))
                    .isEqualTo(Map.of("requestId", "one-line-1", "trigger", "rest", "status", "LINK_CREATED",
                            "provider", "blooio"));
        });
    }

    @Test
    void aCallWhoseOutcomeGoesToTheLogChannelHasThatChannelsLineOnly() {
        api.createCall("{\"requestId\": \"one-line-2\", \"handle\": \"+15551234567\", \"notify\": [\"log\"]}");

        await().atMost(Duration.ofSeconds(5)).until(() -> !linesOf("one-line-2").isEmpty());
        assertThat(linesOf("one-line-2")).singleElement()
                .satisfies(line -> assertThat(line.getLoggerName()).isEqualTo("facetime-router.outcomes"));
    }

    @Test
    void aRepeatedRequestHasOneLineSayingItWasReplayed() {
        api.createCall("{\"requestId\": \"one-line-3\", \"handle\": \"+15551234567\", \"notify\": []}");
        await().atMost(Duration.ofSeconds(5)).until(() -> !linesOf("one-line-3").isEmpty());

        api.createCall("{\"requestId\": \"one-line-3\", \"handle\": \"+15551234567\", \"notify\": []}");

        await().atMost(Duration.ofSeconds(5)).until(() -> linesOf("one-line-3").size() == 2);
        assertThat(linesOf("one-line-3").get(1).getFormattedMessage()).endsWith("replayed=true");
    }

    private List<ILoggingEvent> linesOf(String requestId) {
        synchronized (lines) {
            return List.copyOf(lines.list).stream()
                    .filter(line -> line.getFormattedMessage().contains("requestId=" + requestId + " ")).toList();
        }
    }
}
