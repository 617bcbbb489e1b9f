package io.facetimerouter.trigger.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What keeps records in order: the record key, else the request id in the value. Records with the
 * same ordering key are processed one after the other, in offset order; all others concurrently. A
 * record with neither is ordered with nothing (its request id is its own topic, partition and offset).
 */
final class OrderingKeys {

    private static final JsonFactory JSON = new JsonFactory();

    private OrderingKeys() {
    }

    /** The ordering key, or null when the record is ordered with no other. */
    static String of(ConsumerRecord<String, byte[]> record) {
        if (record.key() != null && !record.key().isBlank()) {
            return "key:" + record.key();
        }
        String requestId = requestId(record.value());
        return requestId == null ? null : "id:" + requestId;
    }

    /** The top-level {@code requestId} string, read without binding the whole value; null when there is none. */
    private static String requestId(byte[] value) {
        if (value == null || value.length == 0 || value.length > KafkaRequests.MAX_RECORD_BYTES) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (field.equals("requestId")) {
                    return token == JsonToken.VALUE_STRING && !parser.getText().isBlank() ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException unreadable) {
            // the trigger route dead-letters it; here it is simply ordered with nothing
            return null;
        }
    }
}
