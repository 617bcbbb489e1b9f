package io.facetimerouter.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Campaign definitions saved through the REST API, shared by every instance through the database. */
@Repository
public class CampaignDefinitionStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public CampaignDefinitionStore(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public record Stored(CampaignDefinition definition, Instant updatedAt) {
    }

    public List<Stored> all() {
        return jdbc.query("SELECT definition, updated_at FROM campaign_definition ORDER BY id",
                (rs, row) -> new Stored(read(rs.getString(1)), rs.getTimestamp(2).toInstant()));
    }

    public void save(CampaignDefinition campaign) {
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update("UPDATE campaign_definition SET definition = ?, updated_at = ? WHERE id = ?",
                write(campaign), now, campaign.id()) == 0) {
            jdbc.update("INSERT INTO campaign_definition (id, definition, updated_at) VALUES (?, ?, ?)",
                    campaign.id(), write(campaign), now);
        }
    }

    public boolean delete(String id) {
        return jdbc.update("DELETE FROM campaign_definition WHERE id = ?", id) == 1;
    }

    private String write(CampaignDefinition campaign) {
        try {
            return json.writeValueAsString(campaign);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CampaignDefinition read(String definition) {
        try {
            return json.readValue(definition, CampaignDefinition.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
