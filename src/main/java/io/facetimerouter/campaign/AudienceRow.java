package io.facetimerouter.campaign;

import io.facetimerouter.call.Handle;
import java.util.Map;

/**
 * One row of an audience: a contact to call, or a row that cannot be one and why.
 *
 * @param line     where the row is: its line in a CSV file, its position in a list
 * @param handle   the normalised handle, when the row is valid
 * @param problem  why the row is skipped, when it is not
 */
public record AudienceRow(long line, Handle handle, String name, Map<String, String> metadata, String problem) {

    static AudienceRow contact(long line, Handle handle, String name, Map<String, String> metadata) {
        return new AudienceRow(line, handle, name, metadata, null);
    }

    static AudienceRow invalid(long line, String problem) {
        return new AudienceRow(line, null, null, Map.of(), problem);
    }

    public boolean valid() {
        return problem == null;
    }
}
