package io.facetimerouter.pipeline;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether this instance is putting calls on the requests topic as fast as it can: a campaign run whose
 * pace does not hold it back. The instance's own consumer starts no new records of that topic meanwhile,
 * so the run has the CPU: the calls it publishes are durable, and open to every instance of the group,
 * in a fraction of the time, while the calls themselves take as long either way. A burst ends by itself
 * a moment after its last batch, whatever became of the run.
 */
@Component
public class PublishingBurst {

    private final LongSupplier nanoClock;
    private volatile long endsAt;

    @Autowired
    public PublishingBurst() {
        this(System::nanoTime);
    }

    PublishingBurst(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.endsAt = nanoClock.getAsLong();
    }

    /** The burst goes on for at least this long from now. */
    public void extend(Duration by) {
        endsAt = nanoClock.getAsLong() + by.toNanos();
    }

    public boolean active() {
        return nanoClock.getAsLong() - endsAt < 0;
    }
}
