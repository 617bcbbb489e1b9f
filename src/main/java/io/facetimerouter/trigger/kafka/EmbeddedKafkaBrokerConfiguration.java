package io.facetimerouter.trigger.kafka;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node KRaft broker on 127.0.0.1:9092, so the Kafka trigger can be tried at once with
 * {@code ./mvnw spring-boot:run}. It starts only when no broker is configured (no
 * {@code KAFKA_BOOTSTRAP_SERVERS}) and its classes are present: they are an optional dependency,
 * left out of the packaged jar, so a deployed service never starts one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.kafka.test.EmbeddedKafkaKraftBroker")
@Conditional(EmbeddedKafkaBrokerConfiguration.NoBrokerConfigured.class)
class EmbeddedKafkaBrokerConfiguration {

    static final String DEFAULT_BROKERS = "127.0.0.1:9092";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerConfiguration.class);

    @Bean
    EmbeddedKafkaBroker embeddedKafkaBroker(@Value("${router.requests-topic}") String requests,
                                                 @Value("${router.results-topic}") String results,
                                                 @Value("${router.dlq-topic}") String deadLetters) {
        LOG.warn("KAFKA_BOOTSTRAP_SERVERS is not set: starting an embedded single-node Kafka broker on {} "
                + "for trying the service; its data is temporary", DEFAULT_BROKERS);
        return new EmbeddedKafkaKraftBroker(1, 2, requests, results, deadLetters)
                .brokerProperties(Map.of("listeners", "EXTERNAL://" + DEFAULT_BROKERS + ",CONTROLLER://127.0.0.1:0"));
    }

    /** The Kafka trigger is on and points at the default address, and no broker was named. */
    static class NoBrokerConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var environment = context.getEnvironment();
            return environment.getProperty("KAFKA_BOOTSTRAP_SERVERS") == null
                    && DEFAULT_BROKERS.equals(environment.getProperty("kafka.bootstrap-servers"))
                    && environment.getProperty("router.kafka.enabled", Boolean.class, true);
        }
    }
}
