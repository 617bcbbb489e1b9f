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
 * Stops the Kafka trigger while every provider's circuit is open, instead of failing the backlog,
 * and starts it again as soon as one is closed or half-open. The restarted consumer reads from the
 * committed offsets, so every record not yet committed is read again. (Suspending the route instead
 * kept the consumer's in-memory positions: a record of another partition fetched before the
 * suspension could be skipped.)
 */
@Component
public class KafkaBackPressure implements DisposableBean {

    static final String ROUTE = "kafka-call-requests";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBackPressure.class);

    private final CamelContext camel;
    private final ProviderAvailability availability;
    // route control waits for in-flight records, so it never runs on a thread that is processing one
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> new Thread(r, "kafka-back-pressure"));
    /** Only a route this class stopped is started again: with Kafka disabled the route stays stopped. */
    private boolean stoppedHere;

    public KafkaBackPressure(CamelContext camel, ProviderAvailability availability) {
        this.camel = camel;
        this.availability = availability;
        availability.onChange(this::followProviders);
    }

    /** A record found every circuit open: stop reading until a provider recovers. */
    public void pauseWhileProvidersAreDown() {
        followProviders();
    }

    private void followProviders() {
        control.execute(() -> {
            ServiceStatus status = camel.getRouteController().getRouteStatus(ROUTE);
            try {
                if (availability.anyAvailable() && stoppedHere && status == ServiceStatus.Stopped) {
                    LOG.info("A provider is available again: starting the Kafka trigger again");
                    stoppedHere = false;
                    camel.getRouteController().startRoute(ROUTE);
                } else if (!availability.anyAvailable() && status == ServiceStatus.Started) {
                    LOG.warn("Every provider's circuit is open: stopping the Kafka trigger until one recovers");
                    stoppedHere = true;
                    camel.getRouteController().stopRoute(ROUTE);
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
