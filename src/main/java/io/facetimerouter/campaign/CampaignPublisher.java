package io.facetimerouter.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetimerouter.call.CallRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Puts a run's calls on the requests topic without waiting for each acknowledgement: records are
 * batched by the idempotent producer ({@code acks=all}), and a run waits for all of its sends only
 * before a checkpoint ({@link #flush}), so a checkpoint never counts a call the broker does not hold.
 * The producer's buffer (8 MB) bounds what is in flight; a full buffer makes the run wait.
 */
@Component
public class CampaignPublisher implements DisposableBean {

    private final String brokers;
    private final String topic;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private volatile KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;

    public CampaignPublisher(@Value("${kafka.bootstrap-servers}") String brokers,
                             @Value("${router.requests-topic}") String topic, ObjectMapper json, MeterRegistry meters) {
        this.brokers = brokers;
        this.topic = topic;
        this.json = json;
        this.meters = meters;
    }

    /** Sends the calls, each keyed by its request id; a failed send fails the run at its next checkpoint. */
    public void publish(@Body List<CallRequest> calls, @ExchangeProperty(CampaignRuns.RUN) CampaignRun run)
            throws JsonProcessingException {
        run.throwIfPublishFailed();
        KafkaProducer<String, byte[]> sender = producer();
        Callback failureOfRun = (sent, failure) -> {
            if (failure != null) {
                run.publishFailed(failure);
            }
        };
        for (CallRequest call : calls) {
            sender.send(new ProducerRecord<>(topic, call.requestId(), json.writeValueAsBytes(call)), failureOfRun);
        }
    }

    /** Returns once every call sent so far is acknowledged; throws if one of the run's was refused. */
    public void flush(CampaignRun run) {
        if (producer != null) {
            producer.flush();
        }
        run.throwIfPublishFailed();
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    // created on the first call: with Kafka off there is no producer, and no connection attempts
                    KafkaProducer<String, byte[]> created = new KafkaProducer<>(config());
                    producerMetrics = new KafkaClientMetrics(created);
                    producerMetrics.bindTo(meters);
                    producer = created;
                }
            }
        }
        return producer;
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "facetime-router-campaigns");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // records of a run go out in batches; 5 ms of waiting fills them at a high rate and adds little at a low one
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        // what may wait for the broker: the heap a run can hold beyond its own rows (pooled, kept afterwards)
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8 * 1024 * 1024);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    @Override
    public void destroy() {
        if (producer != null) {
            producerMetrics.close();
            producer.close();
        }
    }
}
