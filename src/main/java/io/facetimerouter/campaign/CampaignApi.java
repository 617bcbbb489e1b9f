package io.facetimerouter.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code PUT} and {@code DELETE /api/v1/campaigns/{id}}: campaigns kept in the database. */
@Component
public class CampaignApi {

    private final ObjectReader strictReader;
    private final Campaigns campaigns;
    private final CampaignValidator validator;
    private final CampaignSync sync;

    public CampaignApi(ObjectMapper json, Campaigns campaigns, CampaignValidator validator, CampaignSync sync) {
        this.strictReader = json.readerFor(CampaignDefinition.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.campaigns = campaigns;
        this.validator = validator;
        this.sync = sync;
    }

    /** Saves and schedules the campaign; every problem of an invalid one is answered, nothing is saved. */
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
        List<String> problems = validator.problems(campaign);
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
        campaigns.find(id).orElseThrow(() -> new UnknownCampaignException(id));
        sync.deleted(id);
    }

    private CampaignDefinition read(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new InvalidCampaignException(List.of("the body must be a JSON campaign definition"));
        }
        return strictReader.readValue(body);
    }
}
