package io.facetimerouter.trigger.http;

import static io.facetimerouter.support.ProviderStubs.blooioCallRequests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.ChannelsTest;
import io.facetimerouter.support.RawHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Headers are headers, every answer is JSON, and request ids read back exactly as they were sent. */
class HttpHardeningTest extends ChannelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = "{\"handle\": \"+15551234567\"}";

    @Test
    void aBodyReachesTheRouteIntactWhateverItsSizeOrFramingOrCharacters() {
        String name = "Zoë Ωmega 東京 🎉";
        for (int contacts : new int[] {1, 150}) {
            String campaign = "{\"cron\": \"0 0 9 * * ?\", \"enabled\": false, \"audience\": {\"type\": \"inline\","
                    + " \"contacts\": [" + String.join(", ", java.util.Collections.nCopies(contacts,
                    "{\"handle\": \"+15551234567\", \"name\": \"" + name + "\"}")) + "]}}";
            byte[] bytes = campaign.getBytes(StandardCharsets.UTF_8);

            Answer declared = api.send(api.request("/api/v1/campaigns/intact-" + contacts)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
            // no Content-Length: the body comes in chunks
            Answer chunked = api.send(api.request("/api/v1/campaigns/intact-" + contacts)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))).build());

            for (Answer answer : List.of(declared, chunked)) {
                assertThat(answer.status()).as(bytes.length + " bytes").isEqualTo(200);
                assertThat(answer.body().path("audience").path("contacts")).hasSize(contacts);
                assertThat(answer.body().path("audience").path("contacts").get(contacts - 1).path("name").asText())
                        .isEqualTo(name);
            }
            assertThat(api.send(api.request("/api/v1/campaigns/intact-" + contacts).DELETE().build()).status()).isEqualTo(204);
        }
    }

    @Test
    void anAuthorizationQueryParameterNeverAuthenticatesWhateverItsCase() {
        CallApi anonymous = new CallApi(port, null);

        for (String name : List.of("Authorization", "AUTHORIZATION", "authorization")) {
            Answer answer = anonymous.post("/api/v1/calls?" + name + "=Bearer%20" + API_KEY, CALL);
            assertThat(answer.status()).as(name).isEqualTo(401);
        }
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void webhookSignaturesInTheQueryAreRefused() {
        String body = "{\"event\": \"message.received\", \"message_id\": \"q-1\", \"external_id\": \"+15551234567\", \"text\": \"CALL ME\"}";

        Answer sendblue = post("/webhooks/sendblue?sb-signing-secret=" + SENDBLUE_INBOUND_SECRET, body);
        // a signature that would pass, were it read from the query
        Answer blooio = post("/webhooks/blooio?X-Blooio-Signature="
                + URLEncoder.encode(blooioSignature(Instant.now().getEpochSecond(), body), StandardCharsets.UTF_8), body);

        assertThat(sendblue.status()).isEqualTo(401);
        assertThat(blooio.status()).isEqualTo(401);
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void queryParametersAndRequestHeadersNeverBecomeResponseHeaders() {
        Answer answer = api.send(api.request("/api/v1/openapi.json?Set-Cookie=session%3Dx&Location=http%3A%2F%2Fevil"
                        + "&Access-Control-Allow-Origin=*").header("X-Echo", "reflected").GET().build());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().map().keySet()).doesNotContain("set-cookie", "location",
                "access-control-allow-origin", "x-echo", "authorization");
    }

    @Test
    void camelHeadersSentAsQueryParametersOrHeadersChangeNothing() {
        Answer answer = api.send(api.request("/api/v1/calls?CamelHttpResponseCode=200&camelHttpResponseCode=201")
                .header("CamelHttpResponseCode", "202").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"handle\": \"12\"}")).build());

        // a route that sets no status of its own: a Camel header let through would choose it
        Answer openApi = api.send(api.request("/api/v1/openapi.json?CamelHttpResponseCode=500")
                .header("CamelHttpResponseCode", "500").GET().build());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("status")).isEqualTo("REJECTED");
        assertThat(openApi.status()).isEqualTo(200);
    }

    @Test
    void theContainersOwnRefusalsAreJson() {
        RawHttp http = new RawHttp(port);
        List<String> auth = List.of("Host: x", "Authorization: Bearer " + API_KEY);

        assertError(http.send("GET /api/v1/calls/a%2Fb HTTP/1.1", auth, new byte[0]), 400);
        assertError(http.send("GET /api/v1/calls/a%00b HTTP/1.1", auth, new byte[0]), 400);
        assertError(http.send("GET /api/v1/ca{lls HTTP/1.1", auth, new byte[0]), 400);
        assertError(http.send("TRACE /api/v1/calls HTTP/1.1", auth, new byte[0]), 405);
        assertError(http.send("CONNECT /api/v1/calls HTTP/1.1", auth, new byte[0]), 405);
        assertError(http.send("GET /api/v1/calls HTTP/3.0", auth, new byte[0]), 400);
        assertError(http.send("GET /api/v1/webhooks HTTP/1.1", List.of("Host: x", "Bad Header: y"), new byte[0]), 400);
        assertError(http.send("POST /api/v1/calls HTTP/1.1", List.of("Host: x", "Transfer-Encoding: foo"), new byte[0]), 400);
        assertError(http.send("GET /api/v1/webhooks HTTP/1.1", List.of("Host: a", "Host: b"), new byte[0]), 400);
        assertError(http.send("POST /api/v1/calls HTTP/1.1", List.of("Host: x", "Expect: nonsense",
                "Content-Length: 2"), "{}".getBytes(StandardCharsets.UTF_8)), 417);
    }

    @Test
    void aTraceRequestIsNotEchoed() {
        RawHttp.Response answer = new RawHttp(port).send("TRACE /api/v1/calls HTTP/1.1",
                List.of("Host: x", "Authorization: Bearer " + API_KEY), new byte[0]);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.body()).doesNotContain(API_KEY);
    }

    @Test
    void aFormBodyIsUnsupportedMediaType() {
        Answer answer = api.send(api.request("/api/v1/calls").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.text("error")).isEqualTo("unsupported_media_type");
    }

    @Test
    void aRequestIdOutsideTheUrlSafeAlphabetIsRejectedWhenPosted() {
        Answer answer = api.createCall("{\"handle\": \"+15551234567\", \"requestId\": \"a/b\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo("invalid_request_id");
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void aPercentEncodedRequestIdIsDecodedExactlyOnce() {
        api.createCall("{\"handle\": \"+15551234567\", \"requestId\": \"order:7+x@y\"}");

        Answer encoded = api.get("/api/v1/calls/order%3A7%2Bx%40y");
        Answer asSent = api.get("/api/v1/calls/order:7+x@y");
        Answer doubleEncoded = api.get("/api/v1/calls/order%253A7%2Bx%40y");

        assertThat(encoded.status()).isEqualTo(200);
        assertThat(encoded.text("requestId")).isEqualTo("order:7+x@y");
        assertThat(asSent.status()).isEqualTo(200);
        assertThat(doubleEncoded.status()).isEqualTo(404);
    }

    @Test
    void aNullNotifyEntryIsRejectedNotAnError() {
        Answer answer = api.createCall("{\"handle\": \"+15551234567\", \"notify\": [null]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").path("code").asText()).isEqualTo("invalid_notify");
        assertThat(blooioCallRequests()).isZero();
    }

    @Test
    void theJoinPageAnswersJsonToClientsThatAreNotBrowsers() {
        Answer answer = api.get("/join/not-a-token");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text("error")).isEqualTo("not_found");
    }

    private Answer post(String path, String body) {
        return api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void assertError(RawHttp.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        try {
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("error").asText()).isNotBlank();
            assertThat(body.path("message").asText()).isNotBlank();
            assertThat(body.path("status").asInt()).isEqualTo(status);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
