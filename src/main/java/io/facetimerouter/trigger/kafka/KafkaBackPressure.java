package io.facetimerouter.trigger.kafka;

import io.facetimerouter.provider.ProviderAvailability;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Suspends the Kafka trigger while every provider's circuit is open, instead of failing the backlog,
 * and resumes it as soon as one is closed or half-open again. Suspension pauses the Kafka consumer
 * (it stays in its group); records not yet committed are read again on resume.
 */
@Component
public class KafkaBackPressure implements DisposableBean {

    static final String ROUTE = "kafka-call-requests";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBackPressure.class);

    private final CamelContext camel;
    private final ProviderAvailability availability;
    // route control waits for in-flight records, so it never runs on a thread that is processing one
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> new Thread(r, "kafka-back-pressure"));

    public KafkaBackPressure(CamelContext camel, ProviderAvailability availability) {
        this.camel = camel;
        this.availability = availability;
        availability.onChange(this::followProviders);
    }

    /** A record found every circuit open: stop reading until a provider recovers. */
    public void suspendWhileProvidersAreDown() {
        followProviders();
    }

    private void followProviders() {
        control.execute(() -> {
            ServiceStatus status = camel.getRouteController().getRouteStatus(ROUTE);
            try {
                if (availability.anyAvailable() && status == ServiceStatus.Suspended) {
                    LOG.info("A provider is available again: resuming the Kafka trigger");
                    camel.getRouteController().resumeRoute(ROUTE);
                } else if (!availability.anyAvailable() && status == ServiceStatus.Started) {
                    LOG.warn("Every provider's circuit is open: suspending the Kafka trigger until one recovers");
                    camel.getRouteController().suspendRoute(ROUTE);
                }
            } catch (Exception e) {
                LOG.error("Could not change the Kafka trigger's state", e);
            }
        });
    }

    @Override
    public void destroy() {
        control.shutdownNow();
    }
}
