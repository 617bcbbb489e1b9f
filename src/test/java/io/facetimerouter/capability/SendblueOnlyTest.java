package io.facetimerouter.capability;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.facetimerouter.support.ProviderStubs.blooio;
import static io.facetimerouter.support.ProviderStubs.sendblue;
import static io.facetimerouter.support.ProviderStubs.sendblueCallRequests;
import static io.facetimerouter.support.ProviderStubs.sendblueEvaluates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import io.facetimerouter.support.ProviderStubs;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Live mode with Sendblue credentials only: Blooio is never called, Sendblue answers lookups. */
@TestPropertySource(properties = "blooio.api-key=")
class SendblueOnlyTest extends PipelineTest {

    @Test
    void withoutBlooioTheLookupGoesToSendbluesEvaluateService() {
        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        sendblue().verify(1, getRequestedFor(urlEqualTo("/api/evaluate-service?number=%2B15551234567"))
                .withHeader("sb-api-key-id", equalTo(ProviderStubs.SENDBLUE_KEY_ID))
                .withHeader("sb-api-secret-key", equalTo(ProviderStubs.SENDBLUE_SECRET)));
        assertThat(answer.body().path("capabilities").path("source").asText()).isEqualTo("sendblue");
        assertThat(answer.text("provider")).isEqualTo("sendblue");
        assertThat(blooio().getAllServeEvents()).isEmpty();
    }

    @Test
    void anSmsOnlyContactIsNotFaceTimeCapable() {
        sendblueEvaluates("SMS");

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(sendblueCallRequests()).isZero();
    }

    @Test
    void anEmailHasNoEligibleProvider() {
        Answer answer = api.createCall("{\"handle\": \"john@example.com\"}");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo("no_eligible_provider");
        assertThat(sendblue().getAllServeEvents()).isEmpty();
    }

    @Test
    void theBlooioCompatibleEndpointAnswers404WhenNoProviderCanCall() {
        Answer answer = api.post("/v2/api/facetime/calls", "{\"handle\": \"john@example.com\"}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text("message")).isEqualTo("No active number is available for this API key");
    }

    @Test
    void askingForAnUnconfiguredProviderIsRejected() {
        Answer answer = api.createCall("{\"handle\": \"+15551234567\", \"provider\": \"blooio\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo("provider_not_configured");
    }

    @Test
    void withoutBlooioTheLinkIsTextedFromASendblueLine() {
        sendblue().stubFor(post(urlEqualTo("/api/send-message")).willReturn(okJson(
                "{\"status\": \"QUEUED\", \"message_handle\": \"sb-1\"}")));

        Answer answer = api.createCall("{\"requestId\": \"sendblue-text-1\", \"handle\": \"+15551234567\","
                + " \"notify\": [\"message\"]}");

        await().untilAsserted(() -> sendblue().verify(1, postRequestedFor(urlEqualTo("/api/send-message"))
                .withHeader("sb-api-key-id", equalTo(ProviderStubs.SENDBLUE_KEY_ID))
                .withRequestBody(equalToJson("{\"number\": \"+15551234567\", \"content\": \"Your FaceTime call is ready: "
                        + answer.text("link") + "\"}", false, true))
                .withRequestBody(matchingJsonPath("$.from_number", matching("\\+1888555019[9]|\\+18885550200")))));
        assertThat(blooio().getAllServeEvents()).isEmpty();
    }
}
