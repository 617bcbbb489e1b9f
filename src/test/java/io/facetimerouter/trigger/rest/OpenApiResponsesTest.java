package io.facetimerouter.trigger.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.PipelineTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's real answers checked against its own OpenAPI document (Atlassian's
 * swagger-request-validator): each request as sent, and each answer's status, content type and body
 * against the schema the document gives for that status; a field the document does not name is an error.
 */
class OpenApiResponsesTest extends PipelineTest {

    private static final String CAMPAIGN = """
            {"cron": "0 30 8 * * ?", "timeZone": "America/Chicago", "ratePerMinute": 60,
             "audience": {"type": "inline", "contacts": [{"handle": "+14155550301"}]}}
            """;

    private final HttpClient client = HttpClient.newHttpClient();
    private OpenApiInteractionValidator validator;

    @BeforeEach
    void readTheServedDocument() {
        CallApi.Answer document = new CallApi(port, null).get("/api/v1/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        // allOf merged into one schema: a property the document does not name is an error, as in the default
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document.body().toString())
                .withResolveCombinators(true).build();
    }

    @Test
    void aPlacedCallAndItsOutcomeMatchTheDocument() throws Exception {
        assertThat(exchange(Request.Method.POST, "/api/v1/calls", "{\"requestId\": \"openapi-1\", \"handle\": \"+15551234567\"}"))
                .isEqualTo(200);
        assertThat(exchange(Request.Method.GET, "/api/v1/calls/openapi-1", null)).isEqualTo(200);
    }

    @Test
    void theBlooioCompatibleCallMatchesTheDocument() throws Exception {
        assertThat(exchange(Request.Method.POST, "/v2/api/facetime/calls", "{\"handle\": \"+15551234567\"}")).isEqualTo(200);
    }

    @Test
    void refusedCallsMatchTheDocument() throws Exception {
        assertThat(exchange(Request.Method.POST, "/api/v1/calls", "{\"handle\": \"12\"}")).isEqualTo(400);
        assertThat(exchange(Request.Method.GET, "/api/v1/calls/no-such-call", null)).isEqualTo(404);
    }

    @Test
    void aCallWithoutTheKeyIsAnsweredAsDocumented() throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri("/api/v1/calls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"handle\": \"+15551234567\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertValid(validator.validateResponse("/api/v1/calls", Request.Method.POST, response(answer)));
    }

    @Test
    void aCampaignSavedListedReadAndDeletedMatchesTheDocument() throws Exception {
        assertThat(exchange(Request.Method.PUT, "/api/v1/campaigns/openapi-campaign", CAMPAIGN)).isEqualTo(200);
        assertThat(exchange(Request.Method.GET, "/api/v1/campaigns", null)).isEqualTo(200);
        assertThat(exchange(Request.Method.GET, "/api/v1/campaigns/openapi-campaign", null)).isEqualTo(200);
        assertThat(exchange(Request.Method.GET, "/api/v1/campaigns/openapi-campaign/runs", null)).isEqualTo(200);
        assertThat(exchange(Request.Method.DELETE, "/api/v1/campaigns/openapi-campaign", null)).isEqualTo(204);
        assertThat(exchange(Request.Method.GET, "/api/v1/campaigns/openapi-campaign", null)).isEqualTo(404);
    }

    @Test
    void anInvalidCampaignIsRefusedAsDocumented() throws Exception {
        assertThat(exchange(Request.Method.PUT, "/api/v1/campaigns/openapi-broken",
                "{\"cron\": \"often\", \"audience\": {\"type\": \"inline\", \"contacts\": []}, \"ratePerMinute\": 1}"))
                .isEqualTo(400);
    }

    @Test
    void theWebhookSubscribersMatchTheDocument() throws Exception {
        assertThat(exchange(Request.Method.GET, "/api/v1/webhooks", null)).isEqualTo(200);
    }

    @Test
    void aWebhookWithABadSignatureIsRefusedAsDocumented() throws Exception {
        assertThat(exchange(Request.Method.POST, "/webhooks/blooio", "{\"event\": \"message.received\"}",
                Map.of("X-Blooio-Signature", "t=1,v1=00"))).isEqualTo(401);
    }

    @Test
    void aJoinLinkThatIsNotValidIsAnsweredAsDocumented() throws Exception {
        assertThat(exchange(Request.Method.GET, "/join/not-a-token", null, Map.of())).isEqualTo(404);
    }

    /** Sends the request with the API key, checks request and answer against the document, returns the status. */
    private int exchange(Request.Method method, String path, String json) throws IOException, InterruptedException {
        return exchange(method, path, json, Map.of("Authorization", "Bearer " + API_KEY));
    }

    /** Sends the request with these headers, checks request and answer against the document, returns the status. */
    private int exchange(Request.Method method, String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder sent = HttpRequest.newBuilder(uri(path))
                .method(method.name(), json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        SimpleRequest.Builder documented = new SimpleRequest.Builder(method, path);
        headers.forEach((name, value) -> {
            sent.header(name, value);
            documented.withHeader(name, value);
        });
        if (json != null) {
            sent.header("Content-Type", "application/json");
            documented.withContentType("application/json").withBody(json);
        }
        HttpResponse<String> answer = client.send(sent.build(), HttpResponse.BodyHandlers.ofString());

        assertValid(validator.validate(documented.build(), response(answer)));
        return answer.statusCode();
    }

    private static SimpleResponse response(HttpResponse<String> answer) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode());
        answer.headers().firstValue("Content-Type").ifPresent(response::withContentType);
        if (!answer.body().isEmpty()) {
            response.withBody(answer.body());
        }
        return response.build();
    }

    private static void assertValid(ValidationReport report) {
        assertThat(report.getMessages()).as("what the document does not allow").isEmpty();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
