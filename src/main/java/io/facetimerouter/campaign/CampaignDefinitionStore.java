package io.facetimerouter.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    /**
     * A stored campaign; its definition is null, and {@code problem} says why, when the stored text
     * cannot be read as one (however it got there).
     */
    public record Stored(String id, CampaignDefinition definition, Instant updatedAt, String problem) {
    }

    public List<Stored> all() {
        return jdbc.query("SELECT id, definition, updated_at FROM campaign_definition ORDER BY id",
                (rs, row) -> stored(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
    }

    public Optional<Stored> find(String id) {
        return jdbc.query("SELECT id, definition, updated_at FROM campaign_definition WHERE id = ?",
                (rs, row) -> stored(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), id).stream().findFirst();
    }

    /** Puts back what {@link #find} gave before a change: the definition as it was, or none. */
    public void restore(String id, Optional<Stored> before) {
        jdbc.update("DELETE FROM campaign_definition WHERE id = ?", id);
        before.filter(stored -> stored.definition() != null).ifPresent(stored -> jdbc.update(
                "INSERT INTO campaign_definition (id, definition, updated_at) VALUES (?, ?, ?)",
                id, write(stored.definition()), Timestamp.from(stored.updatedAt())));
    }

    private Stored stored(String id, String definition, Instant updatedAt) {
        try {
            return new Stored(id, json.readValue(definition, CampaignDefinition.class), updatedAt, null);
        } catch (JsonProcessingException e) {
            return new Stored(id, null, updatedAt, "the stored definition cannot be read: " + e.getOriginalMessage());
        }
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
}
