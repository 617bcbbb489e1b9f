package io.facetimerouter.campaign;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The campaigns this service knows, by id. */
@Component
public class Campaigns {

    private final Map<String, CampaignDefinition> byId = new LinkedHashMap<>();

    public Campaigns(CampaignFiles files) {
        files.load().forEach(campaign -> byId.put(campaign.id(), campaign));
    }

    public Collection<CampaignDefinition> all() {
        return byId.values();
    }

    public Optional<CampaignDefinition> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
