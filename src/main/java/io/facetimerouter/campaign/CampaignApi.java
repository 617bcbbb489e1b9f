package io.facetimerouter.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.facetimerouter.trigger.http.LargeBodyRoute;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** {@code PUT} and {@code DELETE /api/v1/campaigns/{id}}, and audience uploads: campaigns kept in the database. */
@Component
public class CampaignApi {

    private final ObjectReader strictReader;
    private final Campaigns campaigns;
    private final CampaignValidator validator;
    private final CampaignSync sync;
    private final AudienceStore audiences;

    public CampaignApi(ObjectMapper json, Campaigns campaigns, CampaignValidator validator, CampaignSync sync,
                       AudienceStore audiences) {
        this.strictReader = json.readerFor(CampaignDefinition.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.campaigns = campaigns;
        this.validator = validator;
        this.sync = sync;
        this.audiences = audiences;
    }

    /** An audience upload may be larger than other request bodies: up to {@code router.campaigns.audience-max-size}. */
    @Bean
    static LargeBodyRoute audienceUpload(CampaignProperties properties) {
        return new LargeBodyRoute("PUT", Pattern.compile("/api/v1/campaigns/[^/]+/audience/?"), properties.audienceMaxSize());
    }

    /**
     * Validates the whole definition, then saves and schedules it, both or neither.
     *
     * @throws InvalidCampaignException with every problem, when nothing was saved
     */
    public CampaignDefinition save(String id, String body) throws Exception {
        if (campaigns.definedInFile(id)) {
            throw new CampaignInFileException(id);
        }
        CampaignDefinition sent = read(body);
        if (sent.id() != null && !sent.id().equals(id)) {
            throw new InvalidCampaignException(List.of("id: " + sent.id() + " differs from the path's " + id));
        }
        CampaignDefinition campaign = new CampaignDefinition(id, sent.cron(), sent.timeZone(), sent.enabled(),
                sent.audience(), sent.provider(), sent.channels(), sent.ratePerMinute(), sent.quietHours(),
                sent.deadline());
        List<String> problems = validator.problems(campaign, false);
        if (!problems.isEmpty()) {
            throw new InvalidCampaignException(problems);
        }
        sync.saved(campaign);
        return campaign;
    }

    public void delete(String id) throws Exception {
        if (campaigns.definedInFile(id)) {
            throw new CampaignInFileException(id);
        }
        if (!campaigns.exists(id)) {
            throw new UnknownCampaignException(id);
        }
        sync.deleted(id);
        audiences.delete(id);
    }

    /** {@code PUT /api/v1/campaigns/{id}/audience}: the CSV replaces the campaign's uploaded audience. */
    public AudienceStore.Summary uploadAudience(String id, String contentType, InputStream csv) {
        if (campaigns.definedInFile(id)) {
            throw new CampaignInFileException(id);
        }
        CampaignDefinition campaign = campaigns.find(id).orElseThrow(() -> new UnknownCampaignException(id));
        if (!"uploaded".equals(campaign.audience().type())) {
            throw new InvalidAudienceException("Campaign " + id + " has a " + campaign.audience().type()
                    + " audience; only a campaign whose audience type is uploaded takes an upload");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            throw new InvalidAudienceException("An audience is uploaded as Content-Type: text/csv");
        }
        return audiences.replace(id, csv == null ? InputStream.nullInputStream() : csv);
    }

    private CampaignDefinition read(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidCampaignException(List.of("the body must be a JSON campaign definition"));
        }
        try {
            CampaignDefinition campaign = strictReader.readValue(body);
            if (campaign == null) {
                throw new InvalidCampaignException(List.of("the body must be a JSON campaign definition, not null"));
            }
            return campaign;
        } catch (JsonMappingException e) {
            throw new InvalidCampaignException(List.of(field(e) + ": " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidCampaignException(List.of("the body is not JSON: " + e.getOriginalMessage()));
        }
    }

    private static String field(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "body" : path.replace(".[", "[");
    }
}
