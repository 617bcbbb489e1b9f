package io.facetimerouter.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A real PostgreSQL server of the test's own (embedded binaries, a fresh data directory, a free port). */
public final class Postgres {

    private Postgres() {
    }

    /** Started for a test class's static field; the class closes it when done. */
    public static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }
}
