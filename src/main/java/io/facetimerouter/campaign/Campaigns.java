package io.facetimerouter.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The campaigns this service knows, by id: those of {@code config/campaigns} (read at start-up) and
 * those saved through the REST API (kept in the database, followed by {@link CampaignSync}).
 */
@Component
public class Campaigns {

    private final Map<String, CampaignDefinition> fromFiles = new ConcurrentHashMap<>();
    private final Map<String, CampaignDefinitionStore.Stored> fromDatabase = new ConcurrentHashMap<>();

    public Campaigns(CampaignFiles files, CampaignDefinitionStore store) {
        files.load().forEach(campaign -> fromFiles.put(campaign.id(), campaign));
        store.all().forEach(stored -> fromDatabase.put(stored.definition().id(), stored));
    }

    /** Every campaign, ordered by id. */
    public List<CampaignDefinition> all() {
        return Stream.concat(fromFiles.values().stream(),
                        fromDatabase.values().stream().map(CampaignDefinitionStore.Stored::definition))
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
    }

    public Optional<CampaignDefinition> find(String id) {
        CampaignDefinition fromFile = fromFiles.get(id);
        if (fromFile != null) {
            return Optional.of(fromFile);
        }
        return Optional.ofNullable(fromDatabase.get(id)).map(CampaignDefinitionStore.Stored::definition);
    }

    public boolean definedInFile(String id) {
        return fromFiles.containsKey(id);
    }

    /**
     * Takes in what the database holds now.
     *
     * @return the campaigns saved or changed since the last look, and the ids of those deleted
     */
    Changes follow(List<CampaignDefinitionStore.Stored> stored) {
        List<CampaignDefinition> changed = new ArrayList<>();
        Map<String, CampaignDefinitionStore.Stored> now = new HashMap<>();
        for (CampaignDefinitionStore.Stored campaign : stored) {
            now.put(campaign.definition().id(), campaign);
            CampaignDefinitionStore.Stored known = fromDatabase.get(campaign.definition().id());
            if (known == null || !known.updatedAt().equals(campaign.updatedAt())) {
                changed.add(campaign.definition());
            }
        }
        List<String> deleted = fromDatabase.keySet().stream().filter(id -> !now.containsKey(id)).toList();
        // updated in place, never emptied: a run starting meanwhile must still find its campaign
        fromDatabase.putAll(now);
        deleted.forEach(fromDatabase::remove);
        return new Changes(changed, deleted);
    }

    record Changes(List<CampaignDefinition> changed, List<String> deleted) {
    }
}
