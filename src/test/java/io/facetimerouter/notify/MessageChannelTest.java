package io.facetimerouter.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.facetimerouter.support.ChannelsTest.receiver;
import static io.facetimerouter.support.ProviderStubs.blooio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.facetimerouter.ledger.DeliveryLedger.Delivery;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.ChannelsTest;
import io.facetimerouter.support.ProviderStubs;
import org.junit.jupiter.api.Test;

class MessageChannelTest extends ChannelsTest {

    private static final String CONTACT_MESSAGES = "/v2/api/chats/%2B14155550123/messages";

    @Test
    void anIMessageContactGetsTheLinkByIMessageWithAnIdempotencyKey() {
        messagesAnswer(okJson("{\"message_id\": \"m_1\", \"status\": \"queued\"}"));

        Delivery delivery = awaitDelivery(call("message-imessage", "[\"message\"]"), "contact", "DELIVERED");

        blooio().verify(1, postRequestedFor(urlEqualTo(CONTACT_MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + ProviderStubs.BLOOIO_KEY))
                .withHeader("Idempotency-Key", equalTo(delivery.deliveryId()))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"text\": \"Your FaceTime call is ready: " + ProviderStubs.LINK + "\","
                        + " \"metadata\": {\"expected_protocol\": \"imessage\"}}")));
        assertThat(delivery.detail()).isEqualTo("via blooio as imessage");
    }

    @Test
    void aContactWithoutIMessageGetsTheLinkBySms() {
        ProviderStubs.blooioCapabilitiesAnswer(okJson("{\"contact\": \"+14155550123\", \"type\": \"phone\","
                + " \"capabilities\": {\"imessage\": false, \"sms\": true, \"facetime\": true}}"));
        messagesAnswer(okJson("{\"message_id\": \"m_2\", \"status\": \"queued\"}"));

        Delivery delivery = awaitDelivery(call("message-sms", "[\"message\"]"), "contact", "DELIVERED");

        blooio().verify(1, postRequestedFor(urlEqualTo(CONTACT_MESSAGES))
                .withRequestBody(equalToJson("{\"metadata\": {\"expected_protocol\": \"sms\"}}", true, true)));
        assertThat(delivery.detail()).isEqualTo("via blooio as sms");
    }

    @Test
    void aConflictForTheSameIdempotencyKeyMeansAlreadySent() {
        messagesAnswer(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"conflict\", \"message\": \"Duplicate idempotency key\", \"status\": 409}"));

        Delivery delivery = awaitDelivery(call("message-409", "[\"message\"]"), "contact", "DELIVERED");

        blooio().verify(1, postRequestedFor(urlEqualTo(CONTACT_MESSAGES)));
        assertThat(delivery.detail()).endsWith("already sent (409 for the same Idempotency-Key)");
    }

    @Test
    void aFailingChannelNeitherDelaysNorFailsTheCallOrTheOtherChannels() {
        messagesAnswer(okJson("{\"message_id\": \"m_3\", \"status\": \"queued\"}"));
        receiver().stubFor(post(urlEqualTo(CRM_PATH)).willReturn(aResponse().withStatus(500).withFixedDelay(300)));

        String requestId = call("fan-out-1", "[\"webhook\", \"message\", \"log\"]");

        awaitDelivery(requestId, "contact", "DELIVERED");
        awaitDelivery(requestId, "log", "DELIVERED");
        awaitDelivery(requestId, "crm", "FAILED");
        receiver().verify(3, postRequestedFor(urlEqualTo(CRM_PATH)));
        Answer stored = api.get("/api/v1/calls/" + requestId);
        assertThat(stored.text("status")).isEqualTo("LINK_CREATED");
        assertThat(stored.body().path("deliveries")).hasSize(3);
    }

    @Test
    void anUnknownChannelIsRejectedBeforeAnyProviderIsAsked() {
        Answer answer = api.createCall("{\"handle\": \"+14155550123\", \"notify\": [\"pager\"]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo("invalid_notify");
        assertThat(ProviderStubs.blooioCallRequests()).isZero();
    }

    private String call(String requestId, String channels) {
        Answer answer = api.createCall("{\"requestId\": \"" + requestId + "\", \"handle\": \"+14155550123\","
                + " \"notify\": " + channels + "}");
        assertThat(answer.status()).isEqualTo(200);
        return requestId;
    }

    private static void messagesAnswer(ResponseDefinitionBuilder response) {
        blooio().stubFor(post(urlPathMatching("/v2/api/chats/.+/messages")).willReturn(response));
    }
}
