package io.facetimerouter.trigger.rest;

import static io.facetimerouter.support.ProviderStubs.blooioCallAnswers;
import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static io.facetimerouter.support.ProviderStubs.blooioCapabilities;
import static io.facetimerouter.support.ProviderStubs.sendblueCallAnswers;
import static io.facetimerouter.support.ProviderStubs.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import io.facetimerouter.support.ProviderStubs;
import java.net.http.HttpRequest;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

class RestApiTest extends PipelineTest {

    @Test
    void aRequestWithoutAnApiKeyIsUnauthorized() {
        Answer answer = new CallApi(port, null).createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.text("error")).isEqualTo("unauthorized");
        assertThat(answer.body().path("status").asInt()).isEqualTo(401);
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void aWrongApiKeyIsUnauthorized() {
        Answer answer = new CallApi(port, "test-api-key-7f3a9d").createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void readingAnOutcomeNeedsAnApiKeyToo() {
        Answer answer = new CallApi(port, null).get("/api/v1/calls/anything");

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void malformedJsonIsABadRequest() {
        Answer answer = api.createCall("{\"handle\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("error")).isEqualTo("malformed_json");
        assertThat(answer.text("message")).isNotBlank();
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        Answer answer = api.createCall("");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("error")).isEqualTo("missing_body");
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void aMissingHandleIsRejectedWithItsReason() {
        Answer answer = api.createCall("null");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo("missing_handle");
    }

    @Test
    void wrongTypesAreABadRequest() {
        Answer answer = api.createCall("{\"handle\": \"+15551234567\", \"metadata\": \"not a map\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("error")).isEqualTo("malformed_json");
    }

    @Test
    void anInvalidHandleIsRejectedWithItsReasonAndNoProviderRequest() {
        Answer answer = api.createCall("{\"handle\": \"12\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("status")).isEqualTo("REJECTED");
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo("invalid_handle");
        assertThat(ProviderStubs.blooio().getAllServeEvents()).isEmpty();
        assertThat(ProviderStubs.sendblue().getAllServeEvents()).isEmpty();
    }

    @Test
    void aBodyOver64KbIsTooLarge() {
        String big = "{\"handle\": \"+15551234567\", \"pad\": \"" + "x".repeat(70 * 1024) + "\"}";

        Answer answer = api.createCall(big);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.text("error")).isEqualTo("payload_too_large");
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void aChunkedBodyOver64KbIsTooLarge() {
        byte[] big = ("{\"handle\": \"+15551234567\", \"pad\": \"" + "x".repeat(70 * 1024) + "\"}").getBytes();
        HttpRequest request = api.request("/api/v1/calls").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();

        Answer answer = api.send(request);

        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void anUnknownRouteIsAJsonNotFound() {
        Answer answer = api.get("/api/v1/nothing-here");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text("error")).isEqualTo("not_found");
        assertThat(answer.body().path("status").asInt()).isEqualTo(404);
        assertThat(answer.text("message")).contains("/api/v1/nothing-here");
    }

    @Test
    void anUnknownRouteAnswersJsonEvenToABrowser() {
        HttpRequest request = api.request("/nowhere").header("Accept", "text/html").GET().build();

        Answer answer = api.send(request);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void theAuthorizationHeaderIsNotEchoedInTheAnswer() {
        Answer answer = api.createCall("{\"handle\": \"+15551234567\"}");

        assertThat(answer.headers().firstValue("Authorization")).isEmpty();
    }

    @Test
    void theOutcomeStatusesMapToHttpStatuses() {
        assertThat(api.createCall("{\"handle\": \"+15551234567\"}").status()).isEqualTo(200);
        assertThat(api.createCall("{\"handle\": \"nope\"}").status()).isEqualTo(400);
        blooioCapabilities(false, false);
        assertThat(api.createCall("{\"handle\": \"+15559870000\"}").status()).isEqualTo(422);
        blooioCapabilities(true, true);
        blooioCallAnswers(status(501));
        sendblueCallAnswers(status(401));
        assertThat(api.createCall("{\"handle\": \"+15559871111\"}").status()).isEqualTo(502);
    }

    @Test
    void theBlooioCompatibleEndpointAnswersExactlyLikeBlooio() {
        Answer answer = api.post("/v2/api/facetime/calls", "{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(200);
        Iterator<String> fields = answer.body().fieldNames();
        assertThat(fields).toIterable().containsExactly("success", "link", "handle");
        assertThat(answer.body().path("success").asBoolean()).isTrue();
        assertThat(answer.text("link")).isEqualTo(ProviderStubs.LINK);
        assertThat(answer.text("handle")).isEqualTo("+15551234567");
    }

    @Test
    void theBlooioCompatibleEndpointAnswersBlooioErrors() {
        assertThat(api.post("/v2/api/facetime/calls", "{}").status()).isEqualTo(400);
        assertThat(new CallApi(port, "wrong").post("/v2/api/facetime/calls", "{\"handle\": \"+15551234567\"}").status())
                .isEqualTo(401);
        blooioCallAnswers(status(503));
        sendblueCallAnswers(status(503));
        Answer failed = api.post("/v2/api/facetime/calls", "{\"handle\": \"+15551234567\"}");
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.text("message")).isEqualTo("FaceTime link generation failed");
    }

    @Test
    void theBlooioCompatibleEndpointAnswers422ForAContactWithoutFaceTime() {
        blooioCapabilities(false, false);

        Answer answer = api.post("/v2/api/facetime/calls", "{\"handle\": \"+15551234567\"}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.text("error")).isEqualTo("not_facetime_capable");
    }
}
