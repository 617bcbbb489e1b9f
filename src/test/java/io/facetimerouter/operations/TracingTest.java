package io.facetimerouter.operations;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.KafkaTopics;
import io.facetimerouter.support.PipelineTest;
import io.facetimerouter.support.ProviderStubs;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

/** Tracing on (OTEL_SDK_DISABLED=false), the spans kept in memory instead of exported; Kafka trigger on. */
@EmbeddedKafka(kraft = true, partitions = 1, topics = {"facetime.call.requests", "facetime.call.links"})
@TestPropertySource(properties = {"otel.sdk.disabled=false", "router.kafka.enabled=true",
        "kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
class TracingTest extends PipelineTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    static {
        // the SDK reads its own settings from system properties and the environment: nothing is sent anywhere
        System.setProperty("otel.traces.exporter", "none");
    }

    @AfterAll
    static void forgetTheExporterSetting() {
        System.clearProperty("otel.traces.exporter");
    }

    @TestConfiguration
    static class SpansInMemory {
        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    private InMemorySpanExporter spans;

    @Autowired
    private EmbeddedKafkaBroker broker;

    /** This context's own broker: the system property names the last broker started in this JVM, perhaps another test's. */
    private String brokers() {
        return broker.getBrokersAsString();
    }

    @BeforeEach
    void noSpansYet() {
        spans.reset();
    }

    @Test
    void aCallContinuesTheCallersTraceAndSendsItToTheProvider() {
        api.post("/api/v1/calls", "{\"requestId\": \"traced-1\", \"handle\": \"+15551234567\"}", "traceparent", TRACEPARENT);

        List<LoggedRequest> providerRequests = ProviderStubs.blooio()
                .findAll(postRequestedFor(urlEqualTo(ProviderStubs.BLOOIO_CALLS)));
        assertThat(providerRequests).singleElement().satisfies(request ->
                assertThat(request.getHeader("traceparent")).startsWith("00-" + TRACE_ID + "-"));
    }

    @Test
    void aCallHasSpansForTheLookupTheProviderRequestAndTheDelivery() {
        api.post("/api/v1/calls", "{\"requestId\": \"traced-2\", \"handle\": \"+15551234567\"}", "traceparent", TRACEPARENT);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(TRACE_ID)).toList();
            assertThat(trace).extracting(SpanData::getName).contains("place-call", "capability-check", "blooio-start-call", "log-outcome");
            // the provider's HTTP requests, each a span named by its method: the lookup and the call
            assertThat(trace).extracting(span -> span.getName() + " " + span.getAttributes().asMap().values())
                    .anySatisfy(span -> assertThat(span).startsWith("GET ").contains("/contacts"))
                    .anySatisfy(span -> assertThat(span).startsWith("POST ").contains("/facetime/calls"));
        });
    }

    @Test
    void aKafkaRecordsCallContinuesTheProducersTrace() {
        try (KafkaTopics kafka = new KafkaTopics(brokers())) {
            kafka.send("facetime.call.requests", "traced-kafka", "{\"handle\": \"+15551234567\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of("traceparent", TRACEPARENT));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ProviderStubs.blooio()
                .findAll(postRequestedFor(urlEqualTo(ProviderStubs.BLOOIO_CALLS))))
                .singleElement().satisfies(request ->
                        assertThat(request.getHeader("traceparent")).startsWith("00-" + TRACE_ID + "-")));
    }

    @Test
    void theCallsLogLineIsWrittenInsideItsTrace() {
        // what TraceIdLogFields puts on a JSON line: the span current on the thread that logs
        Map<String, String> traceOfLine = new ConcurrentHashMap<>();
        AppenderBase<ILoggingEvent> traceIds = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                traceOfLine.put(event.getFormattedMessage(), Span.current().getSpanContext().getTraceId());
            }
        };
        Logger outcomes = (Logger) LoggerFactory.getLogger("facetime-router.outcomes");
        traceIds.start();
        outcomes.addAppender(traceIds);
        try {
            api.post("/api/v1/calls", "{\"requestId\": \"traced-log\", \"handle\": \"+15551234567\"}",
                    "traceparent", TRACEPARENT);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(traceOfLine)
                    .hasEntrySatisfying(traceOfLine.keySet().stream().filter(line -> line.contains("requestId=traced-log"))
                            .findFirst().orElse("none"), trace -> assertThat(trace).isEqualTo(TRACE_ID)));
        } finally {
            outcomes.detachAppender(traceIds);
        }
    }

    @Test
    void aMalformedTraceContextIsIgnoredAndTheCallStartsATraceOfItsOwn() {
        Answer answer = api.post("/api/v1/calls", "{\"requestId\": \"traced-malformed\", \"handle\": \"+15551234567\"}",
                "traceparent", "00-" + "z".repeat(32) + "-00f067aa0ba902b7-01", "tracestate", "x=" + "y".repeat(4000));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ProviderStubs.blooio().findAll(postRequestedFor(urlEqualTo(ProviderStubs.BLOOIO_CALLS))))
                .singleElement().satisfies(request -> assertThat(request.getHeader("traceparent"))
                        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }

    @Test
    void aKafkaRecordWithAnOversizedOrBinaryTraceHeaderIsStillCalled() {
        try (KafkaTopics kafka = new KafkaTopics(brokers())) {
            kafka.send("facetime.call.requests", "traced-oversized", "{\"handle\": \"+15551234567\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of("traceparent", "00-" + TRACE_ID + "-" + "0".repeat(2000), "tracestate", "\u0000\uFFFF"));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ProviderStubs.blooio()
                .findAll(postRequestedFor(urlEqualTo(ProviderStubs.BLOOIO_CALLS))))
                .singleElement().satisfies(request -> assertThat(request.getHeader("traceparent"))
                        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain(TRACE_ID)));
    }

    @Test
    void aCallWithoutTraceparentStartsATraceOfItsOwn() {
        api.createCall("{\"requestId\": \"traced-3\", \"handle\": \"+15551234567\"}");

        LoggedRequest providerRequest = ProviderStubs.blooio()
                .findAll(postRequestedFor(urlEqualTo(ProviderStubs.BLOOIO_CALLS))).get(0);
        assertThat(providerRequest.getHeader("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotContain(TRACE_ID);
    }
}
