package io.facetimerouter.trigger.messaging;

import io.facetimerouter.call.CallRequest;
import io.facetimerouter.call.Handle;
import io.facetimerouter.call.RequestIds;
import io.facetimerouter.resilience.HttpFailures;
import io.facetimerouter.trigger.rest.RestResponses;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Error handling of the messaging webhooks ({@code routes/messaging-webhooks.yaml}): a bad signature
 * is a JSON 401, an unreadable body a 400; and of calls queued in memory when Kafka is off, whose
 * failures are logged without request data (nobody waits for their answer).
 */
@Component
public class MessagingWebhookConfiguration extends RouteConfigurationBuilder {

    public static final String MESSAGING_WEBHOOK = "messaging-webhook";
    public static final String QUEUED_CALL = "queued-call";
    private static final Logger LOG = LoggerFactory.getLogger(MessagingWebhookConfiguration.class);

    private final RestResponses responses;

    public MessagingWebhookConfiguration(RestResponses responses) {
        this.responses = responses;
    }

    @Override
    public void configuration() {
        routeConfiguration(MESSAGING_WEBHOOK)
                .onException(Exception.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(responses::error);

        routeConfiguration(QUEUED_CALL)
                .onException(Exception.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(MessagingWebhookConfiguration::logLostCall);
    }

    private static void logLostCall(Exchange exchange) {
        CallRequest request = exchange.getProperty(InboundMessages.CALL_REQUEST, CallRequest.class);
        LOG.error("The call {} to {} asked for by a message was not placed: {}",
                request == null ? "?" : RequestIds.masked(request.requestId()), request == null ? "?" : Handle.mask(request.handle()),
                HttpFailures.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
    }
}
