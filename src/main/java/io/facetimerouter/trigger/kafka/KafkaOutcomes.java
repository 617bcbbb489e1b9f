package io.facetimerouter.trigger.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetimerouter.call.CallOutcome;
import java.io.UncheckedIOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/** Turns an outcome into a results-topic record: JSON value, request id as key, status and provider as headers. */
@Component
public class KafkaOutcomes {

    public static final String STATUS_HEADER = "status";
    public static final String PROVIDER_HEADER = "provider";

    private final ObjectMapper json;

    public KafkaOutcomes(ObjectMapper json) {
        this.json = json;
    }

    public void toRecord(Exchange exchange) {
        Message message = exchange.getMessage();
        CallOutcome outcome = message.getBody(CallOutcome.class);
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, outcome.requestId());
        message.setHeader(STATUS_HEADER, outcome.status().name());
        if (outcome.provider() != null) {
            message.setHeader(PROVIDER_HEADER, outcome.provider());
        }
        try {
            message.setBody(json.writeValueAsString(outcome));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
