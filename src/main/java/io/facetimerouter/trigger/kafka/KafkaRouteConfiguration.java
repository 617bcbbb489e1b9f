package io.facetimerouter.trigger.kafka;

import io.facetimerouter.ledger.CallInProgressException;
import io.facetimerouter.ledger.IdempotencyConflictException;
import io.facetimerouter.provider.ProvidersUnavailableException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Error handling of the Kafka trigger ({@code routeConfigurationId: kafka-trigger} in
 * {@code routes/kafka-trigger.yaml}). A record that can never succeed goes, unchanged, to the
 * dead-letter topic and counts as done, so its partition moves on. The database being down is waited
 * out here. Every provider's circuit open is not handled: the record stays unfinished and
 * {@link KafkaRequestConsumer} tries it again later (and pauses reading meanwhile). A request claimed
 * by another attempt (one that died, or is still running) is retried every second until its outcome
 * is stored or its claim lease runs out.
 */
@Component
public class KafkaRouteConfiguration extends RouteConfigurationBuilder {

    public static final String KAFKA_TRIGGER = "kafka-trigger";

    private final DeadLetters deadLetters;

    public KafkaRouteConfiguration(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void configuration() {
        routeConfiguration(KAFKA_TRIGGER)
                .onException(UnreadableRecordException.class, IdempotencyConflictException.class)
                    .handled(true)
                    .logExhausted(false)
                    .useOriginalMessage()
                    .process(deadLetters::describe)
                    .to("kafka:{{router.dlq-topic}}")
                .end()
                .onException(CallInProgressException.class)
                    // claimed by a consumer that died (or still works on it): wait for its lease, without spinning
                    .redeliveryDelay(1000)
                    .maximumRedeliveries(-1)
                    .logRetryAttempted(false)
                    .logExhausted(false)
                .end()
                .onException(DataAccessResourceFailureException.class, TransientDataAccessException.class)
                    // the ledger's database is down: nothing committed or dead-lettered, read again once it is back
                    .redeliveryDelay(1000)
                    .useExponentialBackOff()
                    .maximumRedeliveryDelay(10_000)
                    .maximumRedeliveries(-1)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logRetryStackTrace(false)
                    .logExhausted(false)
                .end()
                .onException(ProvidersUnavailableException.class)
                    // the consumer logs it, and tries the record again once a provider is back
                    .handled(false)
                    .logExhausted(false);
    }

}
