package io.facetimerouter.trigger.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facetimerouter.call.CallError;
import io.facetimerouter.call.CallOutcome;
import io.facetimerouter.campaign.CampaignApi;
import io.facetimerouter.campaign.CampaignDisabledException;
import io.facetimerouter.campaign.CampaignInFileException;
import io.facetimerouter.campaign.CampaignRunStore;
import io.facetimerouter.campaign.CampaignScheduler;
import io.facetimerouter.campaign.Campaigns;
import io.facetimerouter.campaign.InvalidAudienceException;
import io.facetimerouter.campaign.InvalidCampaignException;
import io.facetimerouter.campaign.UnknownCampaignException;
import io.facetimerouter.ledger.CallInProgressException;
import io.facetimerouter.ledger.CallLedger;
import io.facetimerouter.ledger.DeliveryLedger;
import io.facetimerouter.ledger.IdempotencyConflictException;
import io.facetimerouter.notify.WebhookChannel;
import io.facetimerouter.provider.ProvidersUnavailableException;
import io.facetimerouter.trigger.http.BadRequestException;
import io.facetimerouter.trigger.http.ErrorBody;
import io.facetimerouter.trigger.http.JsonErrors;
import io.facetimerouter.trigger.http.UnauthorizedException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.support.processor.PredicateValidationException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/** Turns outcomes and errors into HTTP answers: the service's own API and the Blooio-compatible one. */
@Component
public class RestResponses {

    private static final Logger LOG = LoggerFactory.getLogger(RestResponses.class);

    private final ObjectMapper json;
    private final CallLedger ledger;
    private final DeliveryLedger deliveries;
    private final WebhookChannel webhooks;
    private final Campaigns campaigns;
    private final CampaignRunStore runStore;
    private final CampaignScheduler scheduler;
    private final CampaignApi campaignApi;

    public RestResponses(ObjectMapper json, CallLedger ledger, DeliveryLedger deliveries, WebhookChannel webhooks,
                         Campaigns campaigns, CampaignRunStore runStore, CampaignScheduler scheduler,
                         CampaignApi campaignApi) {
        this.json = json;
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.campaigns = campaigns;
        this.runStore = runStore;
        this.scheduler = scheduler;
        this.campaignApi = campaignApi;
    }

    /** {@code POST /api/v1/calls}: the outcome, with a status that says what it is. */
    public void callOutcome(Exchange exchange) {
        CallOutcome outcome = exchange.getMessage().getBody(CallOutcome.class);
        respond(exchange.getMessage(), statusOf(outcome), outcome);
    }

    /** {@code GET /api/v1/calls/{requestId}}: the stored outcome with its deliveries, or 404. */
    public void storedOutcome(Exchange exchange, @Header("requestId") String requestId) {
        ledger.find(requestId).ifPresentOrElse(
                outcome -> {
                    ObjectNode body = json.valueToTree(outcome);
                    body.set("deliveries", json.valueToTree(deliveries.findFor(requestId)));
                    respond(exchange.getMessage(), 200, body);
                },
                () -> respond(exchange.getMessage(), 404,
                        new ErrorBody("not_found", "No outcome is stored for request id " + requestId, 404)));
    }

    /** {@code GET /api/v1/campaigns}: every campaign, with its state (BROKEN ones with their problem). */
    public void campaigns(Exchange exchange) {
        respond(exchange.getMessage(), 200, Map.of("campaigns", campaigns.listed().stream().map(this::campaignNode).toList()));
    }

    /** {@code GET /api/v1/campaigns/{id}}: one campaign, or 404. */
    public void campaign(Exchange exchange, @Header("id") String id) {
        respond(exchange.getMessage(), 200, campaignNode(campaigns.listed(id).orElseThrow(() -> new UnknownCampaignException(id))));
    }

    /** {@code PUT /api/v1/campaigns/{id}/audience}: the uploaded CSV stored as the campaign's audience. */
    public void uploadAudience(Exchange exchange, @Header("id") String id, @Header(Exchange.CONTENT_TYPE) String contentType,
                               @Body InputStream csv) {
        respond(exchange.getMessage(), 200, campaignApi.uploadAudience(id, contentType, csv));
    }

    /** {@code GET /api/v1/campaigns/{id}/runs}: the campaign's runs, newest first, with their reports. */
    public void campaignRuns(Exchange exchange, @Header("id") String id) {
        if (!campaigns.exists(id)) {
            throw new UnknownCampaignException(id);
        }
        respond(exchange.getMessage(), 200, Map.of("runs", runStore.reports(id)));
    }

    /** {@code POST /api/v1/campaigns/{id}/runs}: a run started now, on one instance of the cluster. */
    public void runCampaignNow(Exchange exchange, @Header("id") String id) throws SchedulerException {
        String runId = scheduler.runNow(id);
        respond(exchange.getMessage(), 202, Map.of("campaignId", id, "runId", runId));
    }

    /** {@code PUT /api/v1/campaigns/{id}}: the saved campaign, scheduled on every instance. */
    public void saveCampaign(Exchange exchange, @Header("id") String id) throws Exception {
        respond(exchange.getMessage(), 200, campaignApi.save(id, exchange.getMessage().getBody(String.class)));
    }

    /** {@code DELETE /api/v1/campaigns/{id}}: 204, the campaign's schedule gone from the cluster. */
    public void deleteCampaign(Exchange exchange, @Header("id") String id) throws Exception {
        campaignApi.delete(id);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
    }

    /** {@code GET /api/v1/webhooks}: every configured subscriber and its state. */
    public void webhookSubscribers(Exchange exchange) {
        respond(exchange.getMessage(), 200, Map.of("subscribers", webhooks.states()));
    }

    /** {@code POST /v2/api/facetime/calls}: what Blooio itself would answer. */
    public void blooioCompatible(Exchange exchange) {
        CallOutcome outcome = exchange.getMessage().getBody(CallOutcome.class);
        CallError error = outcome.error();
        switch (outcome.status()) {
            case LINK_CREATED -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("success", true);
                body.put("link", outcome.link());
                body.put("handle", outcome.handle());
                respond(exchange.getMessage(), 200, body);
            }
            case REJECTED -> respond(exchange.getMessage(), 400, new ErrorBody(error.code(), error.message(), 400));
            case NOT_FACETIME_CAPABLE -> respond(exchange.getMessage(), 422,
                    new ErrorBody(error.code(), error.message(), 422));
            case FAILED -> respond(exchange.getMessage(), failedStatus(error), new ErrorBody(error.code(),
                    failedStatus(error) == 404 ? "No active number is available for this API key"
                            : "FaceTime link generation failed", failedStatus(error)));
        }
    }

    /**
     * The answer to any exception an HTTP route ends with, never a stack trace: the one place where
     * failures become statuses. Client mistakes are 4xx; only a failure of the service itself is 500.
     */
    public void error(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ErrorBody body = errorBody(failure);
        if (body.status() == 500) {
            LOG.error("Unexpected error in route {}", exchange.getFromRouteId(), failure);
        } else if (body.status() == 503) {
            LOG.warn("Route {} answered 503 {}: {}", exchange.getFromRouteId(), body.error(), failure.getMessage());
        }
        respond(exchange.getMessage(), body.status(), body);
    }

    static ErrorBody errorBody(Throwable failure) {
        if (failure instanceof UnauthorizedException) {
            return new ErrorBody("unauthorized", failure.getMessage(), 401);
        } else if (failure instanceof BadRequestException badRequest) {
            return new ErrorBody(badRequest.code(), failure.getMessage(), 400);
        } else if (failure instanceof PredicateValidationException) {
            return new ErrorBody("missing_body", "The request needs a JSON call request as its body", 400);
        } else if (failure instanceof JsonProcessingException) {
            return new ErrorBody("malformed_json", "The request body is not a JSON call request", 400);
        } else if (failure instanceof IdempotencyConflictException) {
            return new ErrorBody("idempotency_conflict", failure.getMessage(), 409);
        } else if (failure instanceof CallInProgressException) {
            return new ErrorBody("call_in_progress", failure.getMessage(), 409);
        } else if (failure instanceof UnknownCampaignException) {
            return new ErrorBody("not_found", failure.getMessage(), 404);
        } else if (failure instanceof InvalidCampaignException) {
            return new ErrorBody("invalid_campaign", failure.getMessage(), 400);
        } else if (failure instanceof InvalidAudienceException) {
            return new ErrorBody("invalid_audience", failure.getMessage(), 400);
        } else if (failure instanceof CampaignInFileException) {
            return new ErrorBody("campaign_in_file", failure.getMessage(), 409);
        } else if (failure instanceof CampaignDisabledException) {
            return new ErrorBody("campaign_disabled", failure.getMessage(), 409);
        } else if (failure instanceof ProvidersUnavailableException) {
            return new ErrorBody("providers_unavailable", failure.getMessage(), 503);
        } else if (failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessException) {
            return new ErrorBody("ledger_unavailable",
                    "The ledger database cannot be reached; no provider was asked. Try again shortly", 503);
        }
        return new ErrorBody("internal_error", "The request could not be processed; the service log has details", 500);
    }

    private ObjectNode campaignNode(Campaigns.Listed campaign) {
        ObjectNode node = campaign.definition() == null ? json.createObjectNode().put("id", campaign.id())
                : json.valueToTree(campaign.definition());
        node.put("state", campaign.state());
        if (campaign.problem() != null) {
            node.put("problem", campaign.problem());
        }
        return node;
    }

    static int statusOf(CallOutcome outcome) {
        return switch (outcome.status()) {
            case LINK_CREATED -> 200;
            case REJECTED -> 400;
            case NOT_FACETIME_CAPABLE -> 422;
            case FAILED -> 502;
        };
    }

    private static int failedStatus(CallError error) {
        return "no_eligible_provider".equals(error.code()) ? 404 : 502;
    }

    private void respond(Message message, int status, Object body) {
        JsonErrors.answer(json, message, status, body);
    }
}
