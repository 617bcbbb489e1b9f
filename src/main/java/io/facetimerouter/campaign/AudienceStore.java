package io.facetimerouter.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploaded CSV audiences, kept in the database record by record: written while the upload is parsed,
 * in batches, and read by runs a page at a time. A new upload replaces the old one in one transaction.
 */
@Repository
public class AudienceStore {

    private static final int BATCH = 500;
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;

    public AudienceStore(JdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /** What an upload stored. */
    public record Summary(String campaignId, long records, long invalid, long bytes) {
    }

    /**
     * Parses the CSV and stores its records, replacing the campaign's audience.
     *
     * @throws InvalidAudienceException when the CSV cannot be read as a whole (nothing is replaced)
     */
    public Summary replace(String campaignId, InputStream csv) {
        CountingInput counted = new CountingInput(csv);
        return transaction.execute(status -> {
            delete(campaignId);
            long position = 0;
            long invalid = 0;
            List<Object[]> batch = new ArrayList<>(BATCH);
            try (CsvRecords records = new CsvRecords(new InputStreamReader(counted, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
                while (records.hasNext()) {
                    CsvRecords.Record record = records.next();
                    invalid += record.problem() == null ? 0 : 1;
                    batch.add(new Object[] {campaignId, ++position, record.line(), record.handle(), record.name(),
                            write(record.metadata()), record.problem()});
                    if (batch.size() == BATCH) {
                        insert(batch);
                    }
                }
            }
            insert(batch);
            jdbc.update("INSERT INTO campaign_audience (campaign_id, records, invalid, bytes, uploaded_at) VALUES (?, ?, ?, ?, ?)",
                    campaignId, position, invalid, counted.count, Timestamp.from(clock.instant()));
            return new Summary(campaignId, position, invalid, counted.count);
        });
    }

    public boolean exists(String campaignId) {
        return !jdbc.queryForList("SELECT records FROM campaign_audience WHERE campaign_id = ?", Long.class, campaignId)
                .isEmpty();
    }

    /** Up to {@code limit} records after {@code position}, in order. */
    List<CsvRecords.Record> page(String campaignId, long position, int limit) {
        return jdbc.query("SELECT line, handle, name, metadata, problem FROM campaign_audience_row"
                        + " WHERE campaign_id = ? AND position > ? ORDER BY position LIMIT ?",
                (rs, row) -> new CsvRecords.Record(rs.getLong(1), rs.getString(2), rs.getString(3), read(rs.getString(4)),
                        rs.getString(5)), campaignId, position, limit);
    }

    public void delete(String campaignId) {
        jdbc.update("DELETE FROM campaign_audience_row WHERE campaign_id = ?", campaignId);
        jdbc.update("DELETE FROM campaign_audience WHERE campaign_id = ?", campaignId);
    }

    private void insert(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO campaign_audience_row (campaign_id, position, line, handle, name, metadata, problem)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", batch);
            batch.clear();
        }
    }

    private String write(Map<String, String> metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> read(String metadata) {
        try {
            return metadata == null ? Map.of() : json.readValue(metadata, METADATA);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the bytes read; the size limit itself is the request body filter's. */
    private static final class CountingInput extends FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            count += Math.max(read, 0);
            return read;
        }
    }
}
