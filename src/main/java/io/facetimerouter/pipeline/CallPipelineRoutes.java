package io.facetimerouter.pipeline;

import io.facetimerouter.call.CallContext;
import io.facetimerouter.join.JoinLinks;
import io.facetimerouter.ledger.CallLedger;
import io.facetimerouter.notify.Notifications;
import io.facetimerouter.provider.ProviderFailover;
import io.facetimerouter.provider.ProvidersUnavailableException;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The typed core every trigger calls: {@code direct:place-call} takes a {@link CallRequest} and
 * answers a {@link CallOutcome}, stored in the ledger with its planned deliveries, which are then
 * handed to the notification channels without waiting for them.
 */
@Component
public class CallPipelineRoutes extends RouteBuilder {

    /** The call has no outcome yet: the next stage still has work to do. */
    private static final Predicate PENDING = exchange -> exchange.getMessage().getBody(CallContext.class).isPending();

    private final CallRequestValidator validator;
    private final CallLedger ledger;
    private final ProviderFailover failover;
    private final JoinLinks joinLinks;
    private final Notifications notifications;
    private final AnsweredCalls answered;

    public CallPipelineRoutes(CallRequestValidator validator, CallLedger ledger, ProviderFailover failover,
                              JoinLinks joinLinks, Notifications notifications, AnsweredCalls answered) {
        this.answered = answered;
        this.validator = validator;
        this.ledger = ledger;
        this.failover = failover;
        this.joinLinks = joinLinks;
        this.notifications = notifications;
    }

    @Override
    public void configure() {
        from("direct:place-call").routeId("place-call")
                .bean(validator, "validate")
                .removeHeaders("*")
                .bean(notifications, "checkChannels")
                .bean(ledger, "claim")
                .bean(failover, "plan")
                .filter(PENDING)
                    .to("direct:capability-check")
                .end()
                .filter(PENDING)
                    .to("direct:provider-failover")
                .end()
                // still pending: every provider's circuit was open, no one was asked, there is nothing to keep
                .filter(PENDING)
                    .bean(ledger, "release")
                    .bean(answered, "unavailable")
                    .throwException(ProvidersUnavailableException.class, "Every provider that could take this call"
                            + " is unavailable (circuit open); try again shortly")
                .end()
                .bean(joinLinks, "attach")
                .bean(notifications, "plan")
                .bean(notifications, "logOutcome")
                .bean(ledger, "record")
                .bean(notifications, "dispatch")
                .bean(answered, "answered")
                .transform().body(CallContext.class, CallContext::getOutcome);

        from("direct:provider-failover").routeId("provider-failover")
                .dynamicRouter(method(failover, "next"));
    }
}
