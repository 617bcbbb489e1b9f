package io.facetimerouter.campaign;

import io.facetimerouter.pipeline.CallRequestValidator;
import io.facetimerouter.call.Handle;
import io.facetimerouter.provider.blooio.BlooioContactPages;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Opens a campaign's audience as a stream of rows, read as they are needed: an inline list, a CSV
 * file record by record, an uploaded audience or Blooio's contact list a page at a time. Memory stays constant whatever
 * the audience's size. Rows that cannot be called are handed on with their line and the reason.
 */
@Component
public class Audiences {

    private final CallRequestValidator validator;
    private final BlooioContactPages blooioContacts;
    private final AudienceFiles files;
    private final AudienceStore uploads;

    public Audiences(CallRequestValidator validator, BlooioContactPages blooioContacts, AudienceFiles files,
                     AudienceStore uploads) {
        this.validator = validator;
        this.blooioContacts = blooioContacts;
        this.files = files;
        this.uploads = uploads;
    }

    /** The audience from its first row; {@link Reader#skip} moves past rows a resumed run has handled. */
    public Reader open(CampaignDefinition campaign) {
        CampaignDefinition.Audience audience = campaign.audience();
        return switch (audience.type()) {
            case "inline" -> new Inline(audience.contacts());
            case "csv" -> new CsvFile(audience.file());
            case "uploaded" -> new Uploaded(campaign.id());
            case "blooio-contacts" -> new BlooioContacts();
            default -> throw new IllegalArgumentException("Unknown audience type " + audience.type());
        };
    }

    private AudienceRow row(CsvRecords.Record record) {
        return record.problem() != null ? AudienceRow.invalid(record.line(), record.problem())
                : row(record.line(), record.handle(), record.name(), record.metadata());
    }

    private AudienceRow row(long line, String handle, String name, Map<String, String> metadata) {
        if (handle == null || handle.isBlank()) {
            return AudienceRow.invalid(line, "no handle");
        }
        Optional<Handle> valid = validator.normalise(handle.strip());
        return valid.map(h -> AudienceRow.contact(line, h, name, metadata))
                .orElseGet(() -> AudienceRow.invalid(line, "not a phone number or email address"));
    }

    /** Rows of an audience, in a stable order; closing it releases the file. */
    public abstract static class Reader implements Iterator<AudienceRow>, Closeable {

        private AudienceRow next;

        /** Moves past rows already handled by an earlier attempt of the same run. */
        public void skip(long rows) {
            for (long i = 0; i < rows && hasNext(); i++) {
                next();
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = read();
            }
            return next != null;
        }

        @Override
        public AudienceRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            AudienceRow row = next;
            next = null;
            return row;
        }

        /** The next row, or null at the end. */
        protected abstract AudienceRow read();

        @Override
        public void close() {
        }
    }

    private final class Inline extends Reader {
        private final Iterator<CampaignDefinition.Contact> contacts;
        private long line;

        Inline(List<CampaignDefinition.Contact> contacts) {
            this.contacts = contacts.iterator();
        }

        @Override
        protected AudienceRow read() {
            if (!contacts.hasNext()) {
                return null;
            }
            CampaignDefinition.Contact contact = contacts.next();
            return row(++line, contact.handle(), contact.name(),
                    contact.metadata() == null ? Map.of() : contact.metadata());
        }
    }

    /** A file of a campaign defined in a file, confined to the audience directory when it is opened too. */
    private final class CsvFile extends Reader {
        private final CsvRecords records;

        CsvFile(String name) {
            Path file = files.resolve(name).orElseThrow(() -> new InvalidAudienceException(AudienceFiles.PROBLEM));
            try {
                // the real path, opened without following a link put there since it was resolved
                this.records = new CsvRecords(new BufferedReader(new InputStreamReader(
                        Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the audience file of this campaign", e);
            }
        }

        @Override
        protected AudienceRow read() {
            return records.hasNext() ? row(records.next()) : null;
        }

        @Override
        public void close() {
            records.close();
        }
    }

    /** An audience uploaded through the API, read from the database a page at a time. */
    private final class Uploaded extends Reader {
        private static final int PAGE = 500;
        private final String campaignId;
        private final Deque<CsvRecords.Record> page = new ArrayDeque<>();
        private long position;
        private boolean last;

        Uploaded(String campaignId) {
            if (!uploads.exists(campaignId)) {
                throw new InvalidAudienceException("No audience has been uploaded for campaign " + campaignId
                        + " (PUT /api/v1/campaigns/" + campaignId + "/audience)");
            }
            this.campaignId = campaignId;
        }

        @Override
        protected AudienceRow read() {
            if (page.isEmpty() && !last) {
                List<CsvRecords.Record> fetched = uploads.page(campaignId, position, PAGE);
                page.addAll(fetched);
                last = fetched.size() < PAGE;
            }
            CsvRecords.Record record = page.poll();
            if (record == null) {
                return null;
            }
            position++;
            return row(record);
        }

        @Override
        public void skip(long rows) {
            // records are numbered: read from the first one not handled yet
            position += rows;
        }
    }

    private final class BlooioContacts extends Reader {
        private final Deque<BlooioContactPages.Contact> page = new ArrayDeque<>();
        private int offset;
        private boolean last;
        private long position;

        @Override
        protected AudienceRow read() {
            if (page.isEmpty() && !last) {
                BlooioContactPages.Page fetched = blooioContacts.fetch(offset);
                page.addAll(fetched.contacts());
                offset += fetched.contacts().size();
                last = fetched.contacts().isEmpty() || offset >= fetched.total();
            }
            BlooioContactPages.Contact contact = page.poll();
            return contact == null ? null : row(++position, contact.identifier(), contact.name(), Map.of());
        }

        @Override
        public void skip(long rows) {
            // pages are fetched from the first not yet handled contact, not read and thrown away
            offset += (int) rows;
            position += rows;
        }
    }
}
