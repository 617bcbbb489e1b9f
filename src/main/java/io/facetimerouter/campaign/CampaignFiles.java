package io.facetimerouter.campaign;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.facetimerouter.config.ConfigurationProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Reads the campaign definitions under {@code router.campaigns.directory} at start-up. Any invalid
 * file stops start-up with every problem found, each naming its file and field.
 */
@Component
public class CampaignFiles {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final CampaignValidator validator;
    private final Path directory;

    public CampaignFiles(CampaignValidator validator, CampaignProperties properties) {
        this.validator = validator;
        this.directory = Path.of(properties.directory());
    }

    public List<CampaignDefinition> load() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<CampaignDefinition> campaigns = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path file : files()) {
            try {
                CampaignDefinition campaign = YAML.readValue(file.toFile(), CampaignDefinition.class);
                List<String> fileProblems = validator.problems(campaign, true);
                if (campaign.id() != null && !ids.add(campaign.id())) {
                    fileProblems.add("id: " + campaign.id() + " is defined in another file too");
                }
                fileProblems.forEach(problem -> problems.add(file + ": " + problem));
                if (fileProblems.isEmpty()) {
                    campaigns.add(campaign);
                }
            } catch (JsonParseException e) {
                problems.add(file + ": not YAML: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")");
            } catch (JsonProcessingException e) {
                problems.add(file + ": not a campaign definition: " + e.getOriginalMessage());
            } catch (IOException e) {
                problems.add(file + ": cannot be read: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationProblem("Invalid campaign definitions:\n  " + String.join("\n  ", problems),
                    "Fix the files named above, or move them out of " + directory + ".");
        }
        return campaigns;
    }

    private List<Path> files() {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationProblem("Cannot list " + directory + ": " + e.getMessage(),
                    "Make router.campaigns.directory a readable directory.");
        }
    }
}
