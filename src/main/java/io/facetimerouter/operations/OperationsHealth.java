package io.facetimerouter.operations;

import io.facetimerouter.notify.WebhookChannel;
import io.facetimerouter.provider.ProviderCircuitBreakers;
import io.facetimerouter.trigger.kafka.KafkaRequestConsumer;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's own health contributors, beside Spring Boot's ({@code db}, {@code diskSpace}, the
 * liveness and readiness states):
 * <ul>
 *   <li>{@code routes}: DOWN until Camel runs every route; part of readiness, so no request is let in
 *       that the API would answer 404;</li>
 *   <li>{@code providers}, {@code webhooks}: each circuit's state, DEGRADED while one is open;</li>
 *   <li>{@code kafka} (Kafka trigger on): partitions, records in flight, whether reading is held back,
 *       DEGRADED while no broker is connected. The API still answers then: not part of readiness.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class OperationsHealth {

    /** Working, with part of it held back: answered 200, ranked between UP and DOWN. */
    public static final Status DEGRADED = new Status("DEGRADED");

    @Bean
    HealthIndicator routesHealthIndicator(CamelContext camel) {
        return () -> {
            if (!camel.isStarted()) {
                return Health.down().withDetail("camel", camel.getStatus().name()).build();
            }
            List<String> notStarted = camel.getRoutes().stream().map(Route::getRouteId)
                    .filter(id -> camel.getRouteController().getRouteStatus(id) != ServiceStatus.Started)
                    .sorted().toList();
            return (notStarted.isEmpty() ? Health.up() : Health.down().withDetail("notStarted", notStarted))
                    .withDetail("routes", camel.getRoutes().size()).build();
        };
    }

    @Bean
    HealthIndicator providersHealthIndicator(ProviderCircuitBreakers circuits) {
        return new CircuitsHealthIndicator(circuits::states);
    }

    @Bean
    HealthIndicator webhooksHealthIndicator(WebhookChannel webhooks) {
        return new CircuitsHealthIndicator(webhooks::circuitStates);
    }

    @Bean
    @ConditionalOnProperty(name = "router.kafka.enabled", havingValue = "true", matchIfMissing = true)
    HealthIndicator kafkaHealthIndicator(KafkaRequestConsumer requests) {
        return () -> {
            KafkaRequestConsumer.ReaderStatus reader = requests.status();
            Status status = !reader.reading() ? Status.UNKNOWN : reader.brokerConnected() ? Status.UP : DEGRADED;
            return Health.status(status)
                    .withDetail("partitions", reader.partitions())
                    .withDetail("inFlight", reader.inFlight())
                    .withDetail("paused", reader.paused())
                    .withDetail("brokerConnected", reader.brokerConnected())
                    .build();
        };
    }
}
