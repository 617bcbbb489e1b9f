package io.facetimerouter.operations;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenTelemetry tracing, on when {@code OTEL_SDK_DISABLED=false} (it is off by default: a span per
 * step costs every call). The SDK then reads the standard {@code OTEL_*} variables itself
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_SAMPLER}, ...); this service only changes
 * two defaults: its name, and no OTLP metrics or logs (metrics are at /actuator/prometheus).
 * <p>
 * Camel's tracer makes a span of every route and endpoint an exchange passes: the call's route,
 * the capability lookup, each provider request, each delivery. It continues a W3C {@code traceparent}
 * that comes with a REST request or a Kafka record, and sends one with every HTTP request it makes
 * (providers, webhooks). Span exporters defined as beans are added to the SDK's own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "otel.sdk.disabled", havingValue = "false")
public class Tracing {

    /** Closed with the context: the spans still buffered are exported then. */
    @Bean
    OpenTelemetrySdk openTelemetry(ObjectProvider<SpanExporter> exporters) {
        List<SpanExporter> added = exporters.orderedStream().toList();
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of(
                        "otel.service.name", "facetime-router",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .addTracerProviderCustomizer((tracerProvider, config) -> {
                    added.forEach(exporter -> tracerProvider.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
                    return tracerProvider;
                })
                .build()
                .getOpenTelemetrySdk();
    }

    /** Camel's tracer finds these two in the registry (not the JVM-wide global instance, which can be set once only). */
    @Bean
    Tracer callTracer(OpenTelemetry openTelemetry) {
        return openTelemetry.getTracer("facetime-router");
    }

    @Bean
    ContextPropagators contextPropagators(OpenTelemetry openTelemetry) {
        return openTelemetry.getPropagators();
    }

    /** Camel's starter would install it unconditionally: {@code camel.opentelemetry2.enabled} is false, and this is it. */
    @Bean(initMethod = "", destroyMethod = "")
    OpenTelemetryTracer camelOpenTelemetryTracer(CamelContext camel, Tracer callTracer, ContextPropagators propagators) {
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.init(camel);
        return tracer;
    }
}
