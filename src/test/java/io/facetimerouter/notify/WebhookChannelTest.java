package io.facetimerouter.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.facetimerouter.support.ChannelsTest.receiver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.facetimerouter.ledger.DeliveryLedger.Delivery;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.ChannelsTest;
import io.facetimerouter.support.ProviderStubs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class WebhookChannelTest extends ChannelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private Notifications notifications;

    @Test
    void everyDeliveryIsSignedPerStandardWebhooksWithEachRotatingSecret() throws Exception {
        crmAnswers(aResponse().withStatus(204));

        String requestId = callWithWebhook("rotation-1");

        Delivery delivery = awaitDelivery(requestId, "crm", "DELIVERED");
        LoggedRequest request = crmRequests().get(0);
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature")));
        // the reference library accepts the delivery with either secret alone
        new Webhook(CRM_SECRET).verify(request.getBodyAsString(), headers);
        new Webhook(CRM_NEXT_SECRET).verify(request.getBodyAsString(), headers);
        assertThat(request.getHeader("webhook-signature").split(" ")).hasSize(2);
        assertThat(request.getHeader("webhook-id")).isEqualTo(delivery.deliveryId());
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.path("type").asText()).isEqualTo("call.link_created");
        assertThat(body.path("data").path("requestId").asText()).isEqualTo(requestId);
        assertThat(body.path("data").path("link").asText()).isEqualTo(ProviderStubs.LINK);
    }

    @Test
    void aTamperedBodyFailsTheReferenceVerifier() {
        crmAnswers(aResponse().withStatus(200));

        awaitDelivery(callWithWebhook("tamper-1"), "crm", "DELIVERED");

        LoggedRequest request = crmRequests().get(0);
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature")));
        String tampered = request.getBodyAsString().replace("LINK_CREATED", "FAILED");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Webhook(CRM_SECRET).verify(tampered, headers))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    }

    @Test
    void aServerErrorIsRetriedWithTheSameWebhookIdUntilItIsDelivered() {
        receiver().stubFor(post(urlEqualTo(CRM_PATH)).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        receiver().stubFor(post(urlEqualTo(CRM_PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));

        String requestId = callWithWebhook("retry-1");

        Delivery delivery = awaitDelivery(requestId, "crm", "DELIVERED");
        assertThat(crmRequests()).hasSize(2);
        assertThat(crmRequests()).extracting(r -> r.getHeader("webhook-id")).containsOnly(delivery.deliveryId());
        assertThat(delivery.attempts()).extracting(a -> a.httpStatus()).containsExactly(503, 200);
    }

    @Test
    void timeoutsAnd5xxAreRetriedUpToTheAttemptLimitThenFail() {
        crmAnswers(aResponse().withStatus(500));

        Delivery delivery = awaitDelivery(callWithWebhook("exhausted-1"), "crm", "FAILED");

        assertThat(crmRequests()).hasSize(3);
        assertThat(delivery.detail()).isEqualTo("HTTP 500 after 3 attempt(s)");
    }

    @Test
    void retryAfterIsHonoured() {
        receiver().stubFor(post(urlEqualTo(CRM_PATH)).inScenario("busy").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        receiver().stubFor(post(urlEqualTo(CRM_PATH)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200)));

        awaitDelivery(callWithWebhook("retry-after-1"), "crm", "DELIVERED");

        List<LoggedRequest> requests = crmRequests();
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(requests.get(0).getLoggedDate().toInstant(), requests.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aRetryAfterBeyondTheCapLeavesTheDeliveryPendingUntilTheRecoverySendsItAgain() {
        crmAnswers(aResponse().withStatus(503).withHeader("Retry-After", "120"));
        String requestId = callWithWebhook("deferred-1");
        await().untilAsserted(() -> assertThat(delivery(requestId, "crm").attempts()).hasSize(1));
        assertThat(delivery(requestId, "crm").status()).isEqualTo("PENDING");

        crmAnswers(aResponse().withStatus(200));
        clock.advance(Duration.ofMinutes(6));
        notifications.recoverAbandoned();

        awaitDelivery(requestId, "crm", "DELIVERED");
        // other tests' pending deliveries may be recovered too: count this one's requests only
        assertThat(receiver().findAll(postRequestedFor(urlEqualTo(CRM_PATH)).withRequestBody(containing(requestId))))
                .hasSize(2);
    }

    @Test
    void anotherClientErrorIsFinal() {
        crmAnswers(aResponse().withStatus(400));

        Delivery delivery = awaitDelivery(callWithWebhook("final-1"), "crm", "FAILED");

        assertThat(crmRequests()).hasSize(1);
        assertThat(delivery.detail()).isEqualTo("HTTP 400 after 1 attempt(s)");
    }

    @Test
    void goneDisablesTheSubscriberUntilItsConfigurationChanges() {
        crmAnswers(aResponse().withStatus(410));

        Delivery gone = awaitDelivery(callWithWebhook("gone-1"), "crm", "FAILED");
        Delivery next = awaitDelivery(callWithWebhook("gone-2"), "crm", "DISABLED");

        assertThat(crmRequests()).hasSize(1);
        assertThat(gone.detail()).isEqualTo("HTTP 410 after 1 attempt(s); the subscriber is disabled");
        assertThat(next.attempts()).isEmpty();
        Answer states = api.get("/api/v1/webhooks");
        assertThat(states.status()).isEqualTo(200);
        JsonNode crm = states.body().path("subscribers").get(0);
        assertThat(crm.path("name").asText()).isEqualTo("crm");
        assertThat(crm.path("state").asText()).isEqualTo("DISABLED");
        assertThat(crm.path("disabledReason").asText()).isEqualTo("410 Gone from the subscriber");
    }

    @Test
    void aSubscriberDisabledUnderAnEarlierConfigurationIsEnabledAgain() {
        crmAnswers(aResponse().withStatus(200));
        deliveries.disableSubscriber("crm", "fingerprint-of-an-earlier-url", "410 Gone from the subscriber");

        awaitDelivery(callWithWebhook("reenabled-1"), "crm", "DELIVERED");

        assertThat(crmRequests()).hasSize(1);
        assertThat(api.get("/api/v1/webhooks").body().path("subscribers").get(0).path("state").asText())
                .isEqualTo("ENABLED");
    }

    @Test
    void anOpenCircuitSendsNothingAndKeepsTheDeliveryPending() {
        crmAnswers(aResponse().withStatus(503));
        webhooks.breaker("crm").transitionToOpenState();

        String requestId = callWithWebhook("open-1");

        await().untilAsserted(() -> assertThat(delivery(requestId, "crm").attempts()).hasSize(1));
        Delivery delivery = delivery(requestId, "crm");
        assertThat(delivery.status()).isEqualTo("PENDING");
        assertThat(delivery.attempts().get(0).error()).isEqualTo("error: CircuitOpenException");
        assertThat(crmRequests()).isEmpty();
    }

    @Test
    void repeatedFailuresOpenTheCircuit() {
        crmAnswers(aResponse().withStatus(502));

        for (int i = 1; i <= 2; i++) {
            awaitDelivery(callWithWebhook("breaker-" + i), "crm", i == 1 ? "FAILED" : "PENDING");
        }

        assertThat(webhooks.breaker("crm").getState().name()).isEqualTo("OPEN");
        // 3 attempts for the first delivery, 1 for the second: 4 failures open the circuit
        assertThat(crmRequests()).hasSize(4);
    }

    @Test
    void aSubscriberOnlyGetsTheStatusesItAskedFor() {
        crmAnswers(aResponse().withStatus(200));
        receiver().stubFor(post(urlEqualTo(FAILURES_PATH)).willReturn(aResponse().withStatus(200)));
        ProviderStubs.blooioCallAnswers(aResponse().withStatus(400));
        ProviderStubs.sendblueCallAnswers(aResponse().withStatus(400));

        String failed = callWithWebhook("statuses-failed");
        awaitDelivery(failed, "failures", "DELIVERED");
        awaitDelivery(failed, "crm", "DELIVERED");
        ProviderStubs.blooioCreatesLinks();
        String created = callWithWebhook("statuses-created");
        awaitDelivery(created, "crm", "DELIVERED");

        assertThat(deliveries.findFor(created)).extracting(Delivery::target).containsExactly("crm");
        receiver().verify(1, postRequestedFor(urlEqualTo(FAILURES_PATH)));
    }

    @Test
    void aLinkThatExpiresWhileRetryingIsDroppedAsExpired() {
        crmAnswers(aResponse().withStatus(503).withHeader("Retry-After", "1"));

        String requestId = callWithWebhook("expiry-1");
        await().untilAsserted(() -> assertThat(delivery(requestId, "crm").attempts()).hasSize(1));
        clock.advance(Duration.ofHours(4));

        Delivery delivery = awaitDelivery(requestId, "crm", "EXPIRED");
        assertThat(crmRequests()).hasSize(1);
        assertThat(delivery.detail()).startsWith("the link expired at ");
    }

    private String callWithWebhook(String requestId) {
        Answer answer = api.createCall("{\"requestId\": \"" + requestId + "\", \"handle\": \"+14155550123\","
                + " \"notify\": [\"webhook\"]}");
        assertThat(answer.body().path("requestId").asText()).isEqualTo(requestId);
        return requestId;
    }

    private static void crmAnswers(ResponseDefinitionBuilder response) {
        receiver().stubFor(post(urlEqualTo(CRM_PATH)).willReturn(response));
    }

    private static List<LoggedRequest> crmRequests() {
        return receiver().findAll(postRequestedFor(urlEqualTo(CRM_PATH)));
    }
}
