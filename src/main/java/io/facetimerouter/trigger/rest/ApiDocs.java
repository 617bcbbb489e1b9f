package io.facetimerouter.trigger.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The API's OpenAPI document, written by hand ({@code openapi/facetime-router.yaml}, contract first)
 * and served as JSON with this service's public address as its server; and a Swagger UI page for
 * it, from the packaged {@code org.webjars:swagger-ui}. Each is rendered once, when first asked for.
 */
@Component
public class ApiDocs {

    static final String DOCUMENT_PATH = "/api/v1/openapi.json";
    private static final String SWAGGER_UI = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /** Rendered on first request, not at start-up, and kept. */
    private final SingletonSupplier<String> document;
    private final SingletonSupplier<String> page;

    public ApiDocs(ObjectMapper json, @Value("${router.public-base-url}") String publicBaseUrl) {
        this.document = SingletonSupplier.of(() -> document(json, publicBaseUrl));
        this.page = SingletonSupplier.of(() -> page(swaggerUiVersion()));
    }

    public String document() {
        return document.obtain();
    }

    public String page() {
        return page.obtain();
    }

    private static String document(ObjectMapper json, String publicBaseUrl) {
        try (InputStream yaml = new ClassPathResource("openapi/facetime-router.yaml").getInputStream()) {
            ObjectNode openApi = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(yaml);
            ((ObjectNode) openApi.withArray("servers").get(0)).put("url", publicBaseUrl);
            return json.writeValueAsString(openApi);
        } catch (IOException e) {
            throw new UncheckedIOException("The packaged OpenAPI document cannot be read", e);
        }
    }

    private static String swaggerUiVersion() {
        Properties webjar = new Properties();
        try (InputStream properties = new ClassPathResource(SWAGGER_UI).getInputStream()) {
            webjar.load(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("The packaged Swagger UI cannot be found", e);
        }
        return webjar.getProperty("version");
    }

    private static String page(String version) {
        String assets = "/webjars/swagger-ui/" + version;
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>facetime-router API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%1$s/swagger-ui-bundle.js"></script>
                  <script>window.ui = SwaggerUIBundle({url: '%2$s', dom_id: '#swagger-ui', deepLinking: true});</script>
                </body>
                </html>
                """.formatted(assets, DOCUMENT_PATH);
    }
}
