package io.facetimerouter.campaign;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a CSV file a line at a time (RFC 4180 quoting within a line; one record per line), so any
 * size streams in constant memory, and every record knows its line number.
 */
final class CsvRows implements AutoCloseable {

    /** A record's fields, or why its line is not one. */
    record Line(long number, List<String> fields, String problem) {
    }

    private final BufferedReader reader;
    private long number;

    CsvRows(BufferedReader reader) {
        this.reader = reader;
    }

    /** The next non-blank line, or empty at the end of the file. */
    Optional<Line> next() {
        try {
            String text;
            do {
                text = reader.readLine();
                number++;
            } while (text != null && text.isBlank());
            return text == null ? Optional.empty() : Optional.of(parse(number, text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Line parse(long number, String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                return new Line(number, List.of(), "text after a closing quote");
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return new Line(number, List.of(), "unterminated quote (a record must fit on one line)");
        }
        fields.add(wasQuoted ? field.toString() : field.toString().strip());
        return new Line(number, fields, null);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
