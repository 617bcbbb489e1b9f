package io.facetimerouter.trigger.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import io.facetimerouter.call.CallRequest;
import io.facetimerouter.pipeline.CallRequestValidator;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/** The Kafka trigger's first step: a record becomes a {@link CallRequest}. */
@Component
public class KafkaRequests {

    static final int MAX_RECORD_BYTES = 64 * 1024;

    private final ObjectMapper json;

    public KafkaRequests(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Reads the record as a call request. Without a {@code requestId} the record key is the id, and
     * without a key its topic, partition and offset are, so a redelivered record keeps its id.
     *
     * @throws UnreadableRecordException when the record is too large, not JSON or of the wrong shape
     */
    public void read(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] value = message.getBody(byte[].class);
        if (value == null || value.length == 0) {
            throw new UnreadableRecordException(UnreadableRecordException.EMPTY_RECORD, "The record has no value");
        }
        if (value.length > MAX_RECORD_BYTES) {
            throw new UnreadableRecordException(UnreadableRecordException.RECORD_TOO_LARGE,
                    "The record is " + value.length + " bytes; at most " + MAX_RECORD_BYTES + " are accepted");
        }
        CallRequest request;
        try {
            request = json.readValue(value, CallRequest.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableRecordException(UnreadableRecordException.MALFORMED_JSON, "The record is not a JSON call request: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableRecordException(UnreadableRecordException.MALFORMED_JSON, "The record cannot be read");
        }
        if (request == null) {
            throw new UnreadableRecordException(UnreadableRecordException.MALFORMED_JSON, "The record is JSON null");
        }
        if (request.requestId() == null || request.requestId().isBlank()) {
            message.setHeader(CallRequestValidator.IDEMPOTENCY_KEY, recordId(message));
        }
        message.setBody(request);
    }

    private static String recordId(Message message) {
        String key = message.getHeader(KafkaConstants.KEY, String.class);
        if (key != null && !key.isBlank()) {
            return key;
        }
        return message.getHeader(KafkaConstants.TOPIC, String.class) + "-"
                + message.getHeader(KafkaConstants.PARTITION, Integer.class) + "-"
                + message.getHeader(KafkaConstants.OFFSET, Long.class);
    }
}
