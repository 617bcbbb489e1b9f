package io.facetimerouter.ledger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The ledger's periodic upkeep (compaction, retention) runs on a thread of its own, which never holds the JVM up. */
final class Housekeeping {

    private Housekeeping() {
    }

    static ScheduledExecutorService thread(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
