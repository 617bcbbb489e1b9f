package io.facetimerouter.trigger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class OrderingKeysTest {

    @Test
    void theRecordKeyOrdersARecordWhateverItsValue() {
        assertThat(OrderingKeys.of(record("contact-42", "{\"requestId\": \"r-1\"}"))).isEqualTo("key:contact-42");
    }

    @Test
    void aRecordWithoutAKeyIsOrderedByItsRequestIdWhereverItStandsInTheObject() {
        assertThat(OrderingKeys.of(record(null, "{\"handle\": \"+15551234567\", \"metadata\": {\"requestId\": \"inner\"},"
                + " \"requestId\": \"r-2\"}"))).isEqualTo("id:r-2");
        assertThat(OrderingKeys.of(record(" ", "{\"requestId\": \"r-3\"}"))).isEqualTo("id:r-3");
    }

    @Test
    void aRecordWithNeitherIsOrderedWithNothing() {
        assertThat(OrderingKeys.of(record(null, "{\"handle\": \"+15551234567\"}"))).isNull();
        assertThat(OrderingKeys.of(record(null, "{\"requestId\": \"  \"}"))).isNull();
        assertThat(OrderingKeys.of(record(null, "{\"requestId\": 42}"))).isNull();
        assertThat(OrderingKeys.of(record(null, "{\"requestId\": {\"a\": 1}}"))).isNull();
    }

    @Test
    void valuesThatAreNotAJsonObjectAreOrderedWithNothingAndNothingIsThrown() {
        String deeplyNested = "{\"a\": " + "[".repeat(100_000) + "]".repeat(100_000) + ", \"requestId\": \"deep\"}";
        String[] hostile = {"", "not json", "[\"requestId\", \"r\"]", "\"requestId\"", "null", "{\"requestId\": ",
            "{\"requestId\": \"unterminated", deeplyNested, "{\"pad\": \"" + "x".repeat(70 * 1024) + "\", \"requestId\": \"big\"}"};
        for (String value : hostile) {
            assertThat(OrderingKeys.of(record(null, value))).as(value.substring(0, Math.min(40, value.length()))).isNull();
        }
        assertThat(OrderingKeys.of(new ConsumerRecord<>("requests", 0, 0L, null, null))).isNull();
        assertThat(OrderingKeys.of(new ConsumerRecord<>("requests", 0, 0L, null,
                new byte[] {(byte) 0xff, (byte) 0xfe, '{', 0}))).isNull();
    }

    private static ConsumerRecord<String, byte[]> record(String key, String value) {
        return new ConsumerRecord<>("requests", 0, 0L, key, value.getBytes(StandardCharsets.UTF_8));
    }
}
