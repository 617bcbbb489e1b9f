package io.facetimerouter.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The campaigns this service knows, by id: those of {@code config/campaigns} (read at start-up) and
 * those saved through the REST API (kept in the database, followed by {@link CampaignSync}). A stored
 * campaign that cannot be read, validated or scheduled is {@code BROKEN}: listed with its problem,
 * never run, and never in the way of start-up.
 */
@Component
public class Campaigns {

    private static final Logger LOG = LoggerFactory.getLogger(Campaigns.class);

    private final Map<String, CampaignDefinition> fromFiles = new ConcurrentHashMap<>();
    private final Map<String, CampaignDefinitionStore.Stored> fromDatabase = new ConcurrentHashMap<>();
    private final Map<String, String> broken = new ConcurrentHashMap<>();
    private final CampaignValidator validator;

    public Campaigns(CampaignFiles files, CampaignDefinitionStore store, CampaignValidator validator) {
        this.validator = validator;
        for (CampaignDefinition campaign : files.load()) {
            fromFiles.put(campaign.id(), campaign);
            validator.neverFiresProblem(campaign).ifPresent(problem -> broken(campaign.id(), problem));
        }
        follow(store.all());
    }

    /** A campaign as {@code GET /api/v1/campaigns} lists it: state ENABLED, DISABLED or BROKEN (then with its problem). */
    public record Listed(String id, CampaignDefinition definition, String state, String problem) {
    }

    /** Every campaign that can be scheduled, ordered by id. */
    public List<CampaignDefinition> all() {
        return ids().stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** Every campaign, broken ones included, ordered by id. */
    public List<Listed> listed() {
        return ids().stream().map(this::listing).toList();
    }

    /** A campaign that can run; a broken one cannot. */
    public Optional<CampaignDefinition> find(String id) {
        if (broken.containsKey(id)) {
            return Optional.empty();
        }
        CampaignDefinition fromFile = fromFiles.get(id);
        if (fromFile != null) {
            return Optional.of(fromFile);
        }
        return Optional.ofNullable(fromDatabase.get(id)).map(CampaignDefinitionStore.Stored::definition);
    }

    public Optional<Listed> listed(String id) {
        return exists(id) ? Optional.of(listing(id)) : Optional.empty();
    }

    private Listed listing(String id) {
        String problem = broken.get(id);
        CampaignDefinition definition = fromFiles.containsKey(id) ? fromFiles.get(id)
                : Optional.ofNullable(fromDatabase.get(id)).map(CampaignDefinitionStore.Stored::definition).orElse(null);
        String state = problem != null ? "BROKEN" : definition != null && definition.isEnabled() ? "ENABLED" : "DISABLED";
        return new Listed(id, definition, state, problem);
    }

    public boolean exists(String id) {
        return fromFiles.containsKey(id) || fromDatabase.containsKey(id);
    }

    public boolean definedInFile(String id) {
        return fromFiles.containsKey(id);
    }

    /** The campaign could not be scheduled: it stays listed, with the problem, and is not run. */
    void broken(String id, String problem) {
        LOG.error("Campaign {} is BROKEN and will not run: {}", id, problem);
        broken.put(id, problem);
    }

    /**
     * Takes in what the database holds now.
     *
     * @return the campaigns saved or changed since the last look, and the ids of those deleted or broken
     */
    Changes follow(List<CampaignDefinitionStore.Stored> stored) {
        List<CampaignDefinition> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, CampaignDefinitionStore.Stored> now = new HashMap<>();
        for (CampaignDefinitionStore.Stored campaign : stored) {
            now.put(campaign.id(), campaign);
            CampaignDefinitionStore.Stored known = fromDatabase.get(campaign.id());
            if (known != null && known.updatedAt().equals(campaign.updatedAt())) {
                continue;
            }
            String problem = problem(campaign);
            if (problem == null) {
                broken.remove(campaign.id());
                changed.add(campaign.definition());
            } else {
                broken(campaign.id(), problem);
                removed.add(campaign.id());
            }
        }
        List<String> deleted = fromDatabase.keySet().stream().filter(id -> !now.containsKey(id)).toList();
        // updated in place, never emptied: a run starting meanwhile must still find its campaign
        fromDatabase.putAll(now);
        deleted.forEach(id -> {
            fromDatabase.remove(id);
            broken.remove(id);
        });
        removed.addAll(deleted);
        return new Changes(changed, removed);
    }

    private String problem(CampaignDefinitionStore.Stored campaign) {
        if (campaign.definition() == null) {
            return campaign.problem();
        }
        if (fromFiles.containsKey(campaign.id())) {
            return "a campaign file defines the same id";
        }
        List<String> problems = validator.problems(campaign.definition(), false);
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private TreeSet<String> ids() {
        TreeSet<String> ids = new TreeSet<>(fromFiles.keySet());
        ids.addAll(fromDatabase.keySet());
        return ids;
    }

    record Changes(List<CampaignDefinition> changed, List<String> removed) {
    }
}
