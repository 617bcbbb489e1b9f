package io.facetimerouter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged routes are loaded by name (a class-path wildcard would make Camel read the whole jar at
 * start-up), so a file added under routes/ and left out of the list would silently never run.
 */
class RouteFilesTest {

    @Test
    void everyRouteFileIsLoadedAndEveryLoadedFileExists() throws IOException {
        String pattern = new ObjectMapper(new YAMLFactory()).readTree(Path.of("config/application.yaml").toFile())
                .at("/camel/main/routes-include-pattern").asText();
        List<String> files;
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            files = routes.map(file -> "classpath:routes/" + file.getFileName()).filter(name -> name.endsWith(".yaml")).toList();
        }

        assertThat(Arrays.asList(pattern.split(","))).containsExactlyInAnyOrderElementsOf(files);
    }
}
