package io.facetimerouter.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.facetimerouter.support.ProviderStubs.BLOOIO_CALLS;
import static io.facetimerouter.support.ProviderStubs.blooio;
import static io.facetimerouter.support.ProviderStubs.blooioCallAnswers;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static io.facetimerouter.support.ProviderStubs.sendblueCallRequests;
import static io.facetimerouter.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import io.facetimerouter.support.ProviderStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlooioProviderTest extends PipelineTest {

    @Test
    void aLinkFromBlooioIsTheOutcomeAfterOneRequest() {
        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("status")).isEqualTo("LINK_CREATED");
        assertThat(answer.text("provider")).isEqualTo("blooio");
        assertThat(answer.text("link")).isEqualTo(ProviderStubs.LINK);
        assertThat(answer.body().path("sandbox").asBoolean()).isFalse();
        assertThat(answer.body().path("attempts")).hasSize(1);
        assertThat(answer.body().path("attempts").get(0).path("httpStatus").asInt()).isEqualTo(200);
        assertThat(blooioCallRequests()).isEqualTo(1);
        assertThat(sendblueCallRequests()).isZero();
    }

    @Test
    void theRequestFollowsBlooiosContract() {
        api.createCall("{\"handle\": \"+15551234567\"}");

        blooio().verify(1, postRequestedFor(urlEqualTo(BLOOIO_CALLS))
                .withHeader("Authorization", equalTo("Bearer " + ProviderStubs.BLOOIO_KEY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"handle\": \"+15551234567\"}")));
    }

    @Test
    void aBlooioLinkExpiresThreeHoursAfterItIsCreated() {
        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        Instant createdAt = Instant.parse(answer.text("createdAt"));
        Instant expiresAt = Instant.parse(answer.text("expiresAt"));
        assertThat(Duration.between(createdAt, expiresAt)).isBetween(Duration.ofHours(3), Duration.ofHours(3).plusMinutes(1));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401, 403, 404, 409, 501})
    void aPermanentFailureIsNotRetriedAndFailsOverToSendblue(int status) {
        blooioCallAnswers(status(status));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(blooioCallRequests()).isEqualTo(1);
        assertThat(sendblueCallRequests()).isEqualTo(1);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("provider")).isEqualTo("sendblue");
        assertThat(answer.body().path("attempts").get(0).path("httpStatus").asInt()).isEqualTo(status);
        assertThat(answer.body().path("attempts").get(1).path("provider").asText()).isEqualTo("sendblue");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void aTransientFailureIsRetriedUpToTheAttemptLimitThenFailsOver(int status) {
        blooioCallAnswers(status(status));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(blooioCallRequests()).isEqualTo(3);
        assertThat(sendblueCallRequests()).isEqualTo(1);
        assertThat(answer.text("provider")).isEqualTo("sendblue");
        assertThat(answer.body().path("attempts")).hasSize(4);
    }

    @Test
    void aTransientFailureFollowedBySuccessGivesTheLinkWithoutFailover() {
        blooio().stubFor(post(urlEqualTo(BLOOIO_CALLS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(status(503)).willSetStateTo("recovered"));
        blooio().stubFor(post(urlEqualTo(BLOOIO_CALLS)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"success\": true, \"link\": \"" + ProviderStubs.LINK + "\", \"handle\": \"+15551234567\"}")));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(blooioCallRequests()).isEqualTo(2);
        assertThat(sendblueCallRequests()).isZero();
        assertThat(answer.text("provider")).isEqualTo("blooio");
        assertThat(answer.body().path("attempts").get(0).path("httpStatus").asInt()).isEqualTo(503);
        assertThat(answer.body().path("attempts").get(1).path("httpStatus").asInt()).isEqualTo(200);
    }

    @Test
    void aRetryAfterWithinTheCapIsWaitedForBeforeTheRetry() {
        blooio().stubFor(post(urlEqualTo(BLOOIO_CALLS)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(status(429).withHeader("Retry-After", "1")).willSetStateTo("allowed"));
        blooio().stubFor(post(urlEqualTo(BLOOIO_CALLS)).inScenario("throttled").whenScenarioStateIs("allowed")
                .willReturn(okJson("{\"success\": true, \"link\": \"" + ProviderStubs.LINK + "\", \"handle\": \"+15551234567\"}")));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        List<LoggedRequest> requests = blooio().findAll(postRequestedFor(urlEqualTo(BLOOIO_CALLS)));
        assertThat(requests).hasSize(2);
        long waitedMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(waitedMillis).isGreaterThanOrEqualTo(950);
        assertThat(answer.text("provider")).isEqualTo("blooio");
    }

    @Test
    void aRetryAfterBeyondTheCapFailsOverInsteadOfWaiting() {
        blooioCallAnswers(status(429).withHeader("Retry-After", "120"));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(blooioCallRequests()).isEqualTo(1);
        assertThat(sendblueCallRequests()).isEqualTo(1);
        assertThat(answer.text("provider")).isEqualTo("sendblue");
    }

    @Test
    void aTimeoutIsRetriedThenFailsOver() {
        blooioCallAnswers(okJson("{\"success\": true, \"link\": \"" + ProviderStubs.LINK + "\"}").withFixedDelay(1500));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(blooioCallRequests()).isEqualTo(3);
        assertThat(answer.body().path("attempts").get(0).path("error").asText()).isEqualTo("timeout");
        assertThat(answer.body().path("attempts").get(0).path("httpStatus").isNull()).isTrue();
        assertThat(answer.text("provider")).isEqualTo("sendblue");
    }

    @Test
    void aMalformedSuccessIsNotRetriedAndFailsOver() {
        blooioCallAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("<html>oops"));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(blooioCallRequests()).isEqualTo(1);
        assertThat(answer.body().path("attempts").get(0).path("error").asText()).startsWith("malformed response");
        assertThat(answer.text("provider")).isEqualTo("sendblue");
    }

    @Test
    void aSuccessWithoutAFaceTimeLinkIsMalformed() {
        blooioCallAnswers(okJson("{\"success\": true, \"link\": \"https://example.com/not-facetime\"}"));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(blooioCallRequests()).isEqualTo(1);
        assertThat(answer.text("provider")).isEqualTo("sendblue");
    }

    @Test
    void whenEveryProviderFailsTheOutcomeIsFailedWithEveryAttemptListed() {
        blooioCallAnswers(status(501));
        ProviderStubs.sendblueCallAnswers(status(500));

        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.text("status")).isEqualTo("FAILED");
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo("all_providers_failed");
        assertThat(answer.body().path("attempts")).hasSize(4);
        assertThat(blooioCallRequests()).isEqualTo(1);
        assertThat(sendblueCallRequests()).isEqualTo(3);
    }
}
