package io.facetimerouter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonWriter;

class TraceIdLogFieldsTest {

    private final JsonWriter<Object> line = JsonWriter.of(members -> {
        members.add("message", "a line");
        new TraceIdLogFields().customize(members);
    });

    @Test
    void aLineWrittenInsideASpanCarriesItsTraceAndSpanIds() {
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
            Span span = tracing.get("test").spanBuilder("call").startSpan();
            String json;
            try (Scope current = span.makeCurrent()) {
                json = line.writeToString(new Object());
            } finally {
                span.end();
            }

            assertThat(json).isEqualTo("{\"message\":\"a line\",\"trace.id\":\"" + span.getSpanContext().getTraceId()
                    + "\",\"span.id\":\"" + span.getSpanContext().getSpanId() + "\"}");
        }
    }

    @Test
    void aLineOutsideAnySpanHasNeither() {
        assertThat(line.writeToString(new Object())).isEqualTo("{\"message\":\"a line\"}");
    }
}
