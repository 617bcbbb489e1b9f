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
 * dead-letter topic and its offset is committed, so the partition moves on. Anything else (every
 * provider's circuit open, the database down) is not handled: the offset is not committed and the
 * consumer ({@code breakOnFirstError}) seeks back to the record to read it again. When every
 * circuit is open, consumption stops until a provider recovers. A request claimed by another
 * attempt (one that died, or is still running) is retried every second until its outcome is stored
 * or its claim lease runs out.
 */
@Component
public class KafkaRouteConfiguration extends RouteConfigurationBuilder {

    public static final String KAFKA_TRIGGER = "kafka-trigger";

    private final DeadLetters deadLetters;
    private final KafkaRequests requests;
    private final KafkaBackPressure backPressure;

    public KafkaRouteConfiguration(DeadLetters deadLetters, KafkaRequests requests, KafkaBackPressure backPressure) {
        this.deadLetters = deadLetters;
        this.requests = requests;
        this.backPressure = backPressure;
    }

    @Override
    public void configuration() {
        routeConfiguration(KAFKA_TRIGGER)
                .onException(UnreadableRecordException.class, IdempotencyConflictException.class)
                    .handled(true)
                    .logExhausted(false)
                    .useOriginalMessage()
                    .process(deadLetters::describe)
                    .to("kafka:{{router.dlq-topic}}?brokers={{kafka.bootstrap-servers}}&lazyStartProducer=true&synchronous=true"
                            + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer"
                            + "&enableIdempotence=true&requestRequiredAcks=all")
                    .process(requests::commit)
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
                    .handled(false)
                    .logExhausted(false)
                    .process(exchange -> backPressure.pauseWhileProvidersAreDown());
    }

}
