package io.facetimerouter.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.facetimerouter.support.ProviderStubs.SENDBLUE_CALLS;
import static io.facetimerouter.support.ProviderStubs.blooioCallAnswers;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static io.facetimerouter.support.ProviderStubs.sendblue;
import static io.facetimerouter.support.ProviderStubs.sendblueCallAnswers;
import static io.facetimerouter.support.ProviderStubs.sendblueCallRequests;
import static io.facetimerouter.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import io.facetimerouter.support.ProviderStubs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SendblueProviderTest extends PipelineTest {

    @Test
    void sendblueAnswersAgoraCredentialsAndALinkToTheJoinPage() {
        Answer answer = api.createCall("{\"handle\": \"+14155550123\", \"provider\": \"sendblue\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("status")).isEqualTo("LINK_CREATED");
        assertThat(answer.text("provider")).isEqualTo("sendblue");
        assertThat(answer.text("link")).startsWith("https://calls.example.test/join/");
        assertThat(answer.body().path("expiresAt").isTextual()).isTrue();
        assertThat(answer.body().path("agora").path("appId").asText()).isEqualTo("a1b2c3d4e5f6789012345678abcdef90");
        assertThat(answer.body().path("agora").path("channelName").asText()).isEqualTo("ft_call_9f8e7d6c5b4a3210");
        assertThat(answer.body().path("agora").path("token").asText()).isEqualTo("007eJxTYDhw4MCBAwcOHDhw4MCB");
        assertThat(answer.body().path("agora").path("uid").asInt()).isZero();
        assertThat(sendblueCallRequests()).isEqualTo(1);
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void theRequestFollowsSendbluesContract() {
        api.createCall("{\"handle\": \"+14155550123\", \"provider\": \"sendblue\"}");

        sendblue().verify(1, postRequestedFor(urlEqualTo(SENDBLUE_CALLS))
                .withHeader("sb-api-key-id", equalTo(ProviderStubs.SENDBLUE_KEY_ID))
                .withHeader("sb-api-secret-key", equalTo(ProviderStubs.SENDBLUE_SECRET))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.phoneNumber", equalTo("+14155550123")))
                .withRequestBody(matchingJsonPath("$.fromNumber", matching("\\+1888555(0199|0200)"))));
    }

    @Test
    void fromNumbersAreUsedInTurn() {
        for (int i = 0; i < 3; i++) {
            api.createCall("{\"handle\": \"+1415555012" + i + "\", \"provider\": \"sendblue\"}");
        }

        List<String> lines = sendblue().findAll(postRequestedFor(urlEqualTo(SENDBLUE_CALLS))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(body -> body.replaceAll(".*\"fromNumber\":\"([^\"]+)\".*", "$1"))
                .toList();
        // the rotation carries on from earlier calls: whichever line comes first, the next is the other one
        String first = lines.get(0);
        String second = first.equals(ProviderStubs.LINE_1) ? ProviderStubs.LINE_2 : ProviderStubs.LINE_1;
        assertThat(lines).containsExactly(first, second, first);
    }

    @Test
    void anEmailHandleIsNeverSentToSendblue() {
        blooioCallAnswers(status(502));

        Answer answer = api.createCall("{\"handle\": \"john@example.com\"}");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(blooioCallRequests()).isEqualTo(3);
        assertThat(sendblueCallRequests()).isZero();
    }

    @Test
    void askingSendblueToCallAnEmailIsRejectedWithoutARequest() {
        Answer answer = api.createCall("{\"handle\": \"john@example.com\", \"provider\": \"sendblue\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo("provider_cannot_call_handle");
        assertThat(sendblueCallRequests()).isZero();
        assertThat(ProviderStubs.blooioLookups()).isZero();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401, 404, 501})
    void aPermanentFailureIsNotRetried(int status) {
        sendblueCallAnswers(status(status));

        Answer answer = api.createCall("{\"handle\": \"+14155550123\", \"provider\": \"sendblue\"}");

        assertThat(sendblueCallRequests()).isEqualTo(1);
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body().path("attempts").get(0).path("httpStatus").asInt()).isEqualTo(status);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {429, 500, 502, 503})
    void aTransientFailureIsRetriedUpToTheAttemptLimit(int status) {
        sendblueCallAnswers(status(status));

        Answer answer = api.createCall("{\"handle\": \"+14155550123\", \"provider\": \"sendblue\"}");

        assertThat(sendblueCallRequests()).isEqualTo(3);
        assertThat(answer.text("status")).isEqualTo("FAILED");
        assertThat(answer.body().path("attempts")).hasSize(3);
    }

    @Test
    void aTimeoutIsRetriedUpToTheAttemptLimit() {
        sendblueCallAnswers(okJson("{}").withFixedDelay(1500));

        Answer answer = api.createCall("{\"handle\": \"+14155550123\", \"provider\": \"sendblue\"}");

        assertThat(sendblueCallRequests()).isEqualTo(3);
        assertThat(answer.body().path("attempts").get(2).path("error").asText()).isEqualTo("timeout");
    }

    @Test
    void aSuccessWithoutAgoraCredentialsIsMalformedAndNotRetried() {
        sendblueCallAnswers(okJson("{\"status\": \"OK\", \"message\": \"Call started\"}"));

        Answer answer = api.createCall("{\"handle\": \"+14155550123\", \"provider\": \"sendblue\"}");

        assertThat(sendblueCallRequests()).isEqualTo(1);
        assertThat(answer.body().path("attempts").get(0).path("error").asText()).startsWith("malformed response");
    }
}
