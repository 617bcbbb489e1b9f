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

/**
 * The API's OpenAPI document, written by hand ({@code openapi/facetime-router.yaml}, contract first)
 * and served as JSON with this service's public address as its server; and a Swagger UI page for
 * it, from the packaged {@code org.webjars:swagger-ui}. Both are rendered once, at start-up.
 */
@Component
public class ApiDocs {

    static final String DOCUMENT_PATH = "/api/v1/openapi.json";
    private static final String SWAGGER_UI = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final String document;
    private final String page;

    public ApiDocs(ObjectMapper json, @Value("${router.public-base-url}") String publicBaseUrl) {
        this.document = document(json, publicBaseUrl);
        this.page = page(swaggerUiVersion());
    }

    public String document() {
        return document;
    }

    public String page() {
        return page;
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
                  <script src="/api/v1/docs.js"></script>
                </body>
                </html>
                """.formatted(assets);
    }

    /** Kept out of the page so that the page needs no inline script. */
    public String script() {
        return "window.ui = SwaggerUIBundle({url: '" + DOCUMENT_PATH + "', dom_id: '#swagger-ui', deepLinking: true});\n";
    }
}
