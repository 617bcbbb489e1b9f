package io.facetimerouter.campaign;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV audience read record by record with Apache Commons CSV (RFC 4180: quoted fields may hold
 * commas, quotes and line breaks), in constant memory. The header line names the columns: a
 * {@code handle} column, an optional {@code name}, the rest metadata. A record with the wrong number
 * of fields is handed on with its problem; broken quoting or a line over {@link #MAX_LINE_CHARS}
 * ends the reading with an {@link InvalidAudienceException} naming the line, since nothing after it
 * can be trusted.
 */
final class CsvRecords implements Iterator<CsvRecords.Record>, AutoCloseable {

    static final int MAX_LINE_CHARS = 4096;
    /** A call request holds 16 metadata entries; a run adds campaign, campaignRun and name. */
    static final int MAX_METADATA_COLUMNS = 13;

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    /**
     * One record: where it ends (its last line), its fields, or why it cannot be a contact.
     */
    record Record(long line, String handle, String name, Map<String, String> metadata, String problem) {
    }

    private final LineLimitedReader input;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final int handleColumn;
    private final int nameColumn;

    CsvRecords(Reader reader) {
        this.input = new LineLimitedReader(reader);
        try {
            this.parser = CSVParser.builder().setReader(input).setFormat(FORMAT).get();
            this.records = parser.iterator();
            if (!hasNext()) {
                throw new InvalidAudienceException("The audience is empty: it needs a header line with a handle column");
            }
            this.header = records.next().stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.handleColumn = header.indexOf("handle");
        this.nameColumn = header.indexOf("name");
        if (handleColumn < 0) {
            close();
            throw new InvalidAudienceException("The audience needs a header line with a handle column");
        }
        if (header.size() - (nameColumn < 0 ? 1 : 2) > MAX_METADATA_COLUMNS) {
            close();
            throw new InvalidAudienceException("The audience has more than " + MAX_METADATA_COLUMNS + " metadata columns");
        }
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record;
        try {
            record = records.next();
        } catch (UncheckedIOException e) {
            throw unreadable(e);
        }
        long line = parser.getCurrentLineNumber();
        if (record.size() != header.size()) {
            return new Record(line, null, null, Map.of(), "expected " + header.size() + " fields, found " + record.size());
        }
        if (record.stream().anyMatch(field -> field.length() > MAX_LINE_CHARS)) {
            // a quoted field may span lines, each under the cap: the field is capped as well
            return new Record(line, null, null, Map.of(), "a field is longer than " + MAX_LINE_CHARS + " characters");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (i != handleColumn && i != nameColumn && !record.get(i).isEmpty()) {
                metadata.put(header.get(i), record.get(i));
            }
        }
        return new Record(line, record.get(handleColumn), nameColumn < 0 ? null : record.get(nameColumn), metadata, null);
    }

    private InvalidAudienceException unreadable(UncheckedIOException e) {
        close();
        if (e.getCause() instanceof LineTooLongException tooLong) {
            return new InvalidAudienceException("Line " + tooLong.line + " is longer than " + MAX_LINE_CHARS + " characters");
        }
        // Commons CSV names the line in its message ("... at line 7")
        return new InvalidAudienceException("The audience is not valid CSV: " + e.getCause().getMessage());
    }

    /** Idempotent: the split that streams the records and the run's own clean-up may both close it. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // nothing is left to read from it
        }
    }

    private static final class LineTooLongException extends IOException {
        private final long line;

        LineTooLongException(long line) {
            super("line " + line + " is too long");
            this.line = line;
        }
    }

    /** Counts characters since the last line break, so a line without end cannot fill the memory. */
    private static final class LineLimitedReader extends FilterReader {
        private long line = 1;
        private int lineChars;
        private boolean closed;

        LineLimitedReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (closed) {
                return -1;
            }
            int read = super.read(buffer, offset, length);
            for (int i = offset; i < offset + read; i++) {
                if (buffer[i] == '\n') {
                    line++;
                    lineChars = 0;
                } else if (++lineChars > MAX_LINE_CHARS) {
                    throw new LineTooLongException(line);
                }
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                super.close();
            }
        }
    }
}
