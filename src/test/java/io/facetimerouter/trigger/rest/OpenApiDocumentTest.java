package io.facetimerouter.trigger.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.facetimerouter.support.CallApi;
import io.facetimerouter.support.CallApi.Answer;
import io.facetimerouter.support.PipelineTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The served OpenAPI document, read by swagger-parser as any client generator would read it. */
class OpenApiDocumentTest extends PipelineTest {

    /** The documentation's own endpoints, not part of the API it documents. */
    private static final Set<String> DOCUMENTATION = Set.of("GET /api/v1/openapi.json", "GET /api/v1/docs");

    @Autowired
    private CamelContext camel;

    private String served;
    private OpenAPI openApi;

    @BeforeEach
    void readTheServedDocument() {
        Answer answer = new CallApi(port, null).get("/api/v1/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        served = answer.body().toString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        // shared responses and schemas read in place, as a client generator sees each operation
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served, null, options);
        assertThat(result.getMessages()).as("swagger-parser's findings").isEmpty();
        openApi = result.getOpenAPI();
    }

    @Test
    void theServerIsThePublicBaseUrl() {
        assertThat(openApi.getServers()).hasSize(1);
        assertThat(openApi.getServers().get(0).getUrl()).isEqualTo("https://calls.example.test");
    }

    @Test
    void everyOperationOfTheRestDslIsDocumentedAndNothingElse() {
        Set<String> routed = new HashSet<>();
        for (RestDefinition rest : ((ModelCamelContext) camel).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                routed.add(verb.asVerb().toUpperCase(Locale.ROOT) + " " + rest.getPath() + verb.getPath());
            }
        }
        routed.removeAll(DOCUMENTATION);

        Set<String> documented = new HashSet<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> documented.add(method + " " + path)));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(routed);
    }

    @Test
    void everyResponseHasADescriptionAndEveryErrorIsJson() {
        forEachOperation((name, operation) -> operation.getResponses().forEach((status, response) -> {
            assertThat(response.getDescription()).as("%s %s", name, status).isNotBlank();
            if (!status.equals("204")) {
                assertThat(response.getContent()).as("%s %s has a body", name, status).isNotEmpty();
            }
            if (status.startsWith("4") || status.startsWith("5")) {
                assertThat(response.getContent()).as("%s %s", name, status).containsKey("application/json");
            }
        }));
    }

    @Test
    void everyOperationNamesItsFailureOfTheServiceAndEveryBodyItTakesHasASchema() {
        forEachOperation((name, operation) -> {
            assertThat(operation.getResponses()).as(name).containsKey("500");
            if (operation.getRequestBody() != null) {
                operation.getRequestBody().getContent().forEach((type, media) ->
                        assertThat(media.getSchema()).as("%s %s", name, type).isNotNull());
            }
        });
    }

    @Test
    void theApiAsksForTheKeyAndWebhooksAndJoinPagesDoNot() {
        assertThat(openApi.getSecurity()).singleElement().satisfies(requirement -> assertThat(requirement).containsKey("bearer"));
        forEachOperation((name, operation) -> {
            boolean ownChecks = name.contains(" /webhooks/") || name.contains(" /join/");
            if (ownChecks) {
                assertThat(operation.getSecurity()).as(name).isEmpty();
                assertThat(operation.getResponses()).as(name).doesNotContainKey("403");
            } else {
                assertThat(operation.getSecurity()).as(name).isNull();
                assertThat(operation.getResponses()).as(name).containsKey("401");
            }
        });
    }

    @Test
    void theApiPageLoadsTheDocumentWithThePackagedSwaggerUi() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/docs")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        Matcher bundle = Pattern.compile("src=\"(/webjars/swagger-ui/[^\"]+/swagger-ui-bundle\\.js)\"").matcher(page.body());
        assertThat(bundle.find()).isTrue();
        HttpResponse<Void> bundleAnswer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + bundle.group(1))).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(bundleAnswer.statusCode()).isEqualTo(200);
        // the page's own script points Swagger UI at the served document
        assertThat(page.body()).contains("url: '/api/v1/openapi.json'");
    }

    private void forEachOperation(java.util.function.BiConsumer<String, Operation> check) {
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            path.getValue().readOperationsMap().forEach((method, operation) ->
                    check.accept(method + " " + path.getKey(), operation));
        }
    }
}
