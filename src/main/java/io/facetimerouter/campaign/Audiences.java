package io.facetimerouter.campaign;

import io.facetimerouter.call.CallRequestValidator;
import io.facetimerouter.call.Handle;
import io.facetimerouter.provider.blooio.BlooioContactPages;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Opens a campaign's audience as a stream of rows, read as they are needed: an inline list, a CSV
 * file a line at a time, or Blooio's contact list a page at a time. Memory stays constant whatever
 * the audience's size. Rows that cannot be called are handed on with their line and the reason.
 */
@Component
public class Audiences {

    /** A call request holds 16 metadata entries; a run adds campaign, campaignRun and name. */
    static final int MAX_METADATA_COLUMNS = 13;

    private final CallRequestValidator validator;
    private final BlooioContactPages blooioContacts;

    public Audiences(CallRequestValidator validator, BlooioContactPages blooioContacts) {
        this.validator = validator;
        this.blooioContacts = blooioContacts;
    }

    /** The audience from its first row; {@link Reader#skip} moves past rows a resumed run has handled. */
    public Reader open(CampaignDefinition campaign) {
        CampaignDefinition.Audience audience = campaign.audience();
        return switch (audience.type()) {
            case "inline" -> new Inline(audience.contacts());
            case "csv" -> new Csv(Path.of(audience.file()));
            case "blooio-contacts" -> new BlooioContacts();
            default -> throw new IllegalArgumentException("Unknown audience type " + audience.type());
        };
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

    private final class Csv extends Reader {
        private final CsvRows rows;
        private final List<String> header;
        private final int handleColumn;
        private final int nameColumn;

        Csv(Path file) {
            try {
                this.rows = new CsvRows(Files.newBufferedReader(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the audience file " + file, e);
            }
            CsvRows.Line first = rows.next().orElseThrow(() -> new IllegalArgumentException(file + " is empty"));
            this.header = first.fields().stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
            this.handleColumn = header.indexOf("handle");
            this.nameColumn = header.indexOf("name");
            if (first.problem() != null || handleColumn < 0) {
                rows.close();
                throw new IllegalArgumentException(file + " needs a header line with a handle column");
            }
            if (header.size() - (nameColumn < 0 ? 1 : 2) > MAX_METADATA_COLUMNS) {
                rows.close();
                throw new IllegalArgumentException(file + " has more than " + MAX_METADATA_COLUMNS + " metadata columns");
            }
        }

        @Override
        protected AudienceRow read() {
            Optional<CsvRows.Line> next = rows.next();
            if (next.isEmpty()) {
                return null;
            }
            CsvRows.Line line = next.get();
            if (line.problem() != null) {
                return AudienceRow.invalid(line.number(), line.problem());
            }
            if (line.fields().size() != header.size()) {
                return AudienceRow.invalid(line.number(), "expected " + header.size() + " fields, found "
                        + line.fields().size());
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != handleColumn && i != nameColumn && !line.fields().get(i).isEmpty()) {
                    metadata.put(header.get(i), line.fields().get(i));
                }
            }
            return row(line.number(), line.fields().get(handleColumn),
                    nameColumn < 0 ? null : line.fields().get(nameColumn), metadata);
        }

        @Override
        public void close() {
            rows.close();
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
