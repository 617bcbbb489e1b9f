package io.facetimerouter.trigger.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Describes why a record goes to the dead-letter topic, and where it came from, in record headers;
 * counts them as {@code facetime_dead_letters_total{code}}.
 */
@Component
public class DeadLetters {

    public static final String ERROR_CODE = "dlq-error-code";
    public static final String REASON = "dlq-reason";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    private static final String IDEMPOTENCY_CONFLICT = "idempotency_conflict";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final MeterRegistry meters;

    public DeadLetters(MeterRegistry meters) {
        this.meters = meters;
        // at zero from the start, so that an alert on their increase sees the first dead letter
        List.of(UnreadableRecordException.EMPTY_RECORD, UnreadableRecordException.RECORD_TOO_LARGE,
                UnreadableRecordException.MALFORMED_JSON, IDEMPOTENCY_CONFLICT).forEach(this::counter);
    }

    private Counter counter(String code) {
        return meters.counter("facetime.dead.letters", "code", code);
    }

    /** The original record stays as it was; only headers are added. */
    public void describe(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // the kafka-trigger route configuration sends only these two kinds of failure here
        String code = failure instanceof UnreadableRecordException unreadable ? unreadable.getCode()
                : IDEMPOTENCY_CONFLICT;
        Message message = exchange.getMessage();
        // headers of the record itself that Camel's Kafka producer would obey: the dead letter goes where configured
        message.removeHeaders("kafka.OVERRIDE_*");
        message.removeHeader(KafkaConstants.PARTITION_KEY);
        String topic = message.getHeader(KafkaConstants.TOPIC, String.class);
        Integer partition = message.getHeader(KafkaConstants.PARTITION, Integer.class);
        Long offset = message.getHeader(KafkaConstants.OFFSET, Long.class);
        message.setHeader(ERROR_CODE, code);
        message.setHeader(REASON, failure.getMessage());
        message.setHeader(ORIGINAL_TOPIC, topic);
        message.setHeader(ORIGINAL_PARTITION, String.valueOf(partition));
        message.setHeader(ORIGINAL_OFFSET, String.valueOf(offset));
        counter(code).increment();
        LOG.warn("Record {}-{}@{} dead-lettered: {}", topic, partition, offset, code);
    }
}
