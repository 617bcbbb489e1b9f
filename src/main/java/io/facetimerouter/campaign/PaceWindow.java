package io.facetimerouter.campaign;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps a campaign's calls to its pace in every window, not only in fixed ones: the calls let through
 * in any period never exceed the period's allowance, and a batch takes the permits of all its calls
 * together. Camel's throttle keeps such a sliding window but counts exchanges, not the calls in them;
 * resilience4j's and Bucket4j's limiters refill per fixed period or continuously, which lets up to twice
 * the allowance through across a refill.
 */
final class PaceWindow {

    /** Calls let through at a planned moment (System.nanoTime). */
    private record Sent(long atNanos, int calls) {
    }

    private final int allowance;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Deque<Sent> window = new ArrayDeque<>();
    private int inWindow;
    private long lastSentNanos = Long.MIN_VALUE;

    PaceWindow(int allowance, long periodMillis, LongSupplier nanoClock) {
        this.allowance = allowance;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.nanoClock = nanoClock;
    }

    /** Books the batch's calls at the earliest moment the window has room for them; answers the wait until then, in ms. */
    synchronized long reserve(int calls) {
        if (calls > allowance) {
            throw new IllegalArgumentException("A batch of " + calls + " calls exceeds the allowance of " + allowance
                    + " calls a period");
        }
        long now = nanoClock.getAsLong();
        long goesAt = Math.max(now, lastSentNanos);
        // the oldest sends leave the window: those already out of it, then as many as the batch needs room
        while (!window.isEmpty()) {
            Sent oldest = window.peekFirst();
            long leavesAt = oldest.atNanos() + periodNanos;
            if (leavesAt > goesAt && inWindow + calls <= allowance) {
                break;
            }
            window.pollFirst();
            inWindow -= oldest.calls();
            goesAt = Math.max(goesAt, leavesAt);
        }
        window.addLast(new Sent(goesAt, calls));
        inWindow += calls;
        lastSentNanos = goesAt;
        return TimeUnit.NANOSECONDS.toMillis(goesAt - now + TimeUnit.MILLISECONDS.toNanos(1) - 1);
    }
}
