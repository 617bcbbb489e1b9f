package io.facetimerouter.operations;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Adds the trace and span of the call a line was logged in, {@code trace.id} and {@code span.id}, to
 * every JSON log line ({@code logging.structured.json.customizer}); nothing when tracing is off or the
 * line belongs to no call. The line is written on the thread that logs it, where the span is current.
 */
public class TraceIdLogFields implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.add("trace.id", () -> current() == null ? null : current().getTraceId()).whenNotNull();
        members.add("span.id", () -> current() == null ? null : current().getSpanId()).whenNotNull();
    }

    private static SpanContext current() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span : null;
    }
}
