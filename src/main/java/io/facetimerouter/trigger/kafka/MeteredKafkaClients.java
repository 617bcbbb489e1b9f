package io.facetimerouter.trigger.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.Properties;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.stereotype.Component;

/**
 * The Kafka component's client factory ({@code camel.component.kafka.kafka-client-factory}): every
 * producer the routes create (results, dead letters) reports its metrics as {@code kafka_producer_*}
 * meters, tagged with its {@code client.id}.
 */
@Component
public class MeteredKafkaClients extends DefaultKafkaClientFactory {

    private final MeterRegistry meters;

    public MeteredKafkaClients(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Producer getProducer(Properties kafkaProps) {
        Producer producer = super.getProducer(kafkaProps);
        new KafkaClientMetrics(producer).bindTo(meters);
        return producer;
    }
}
