package io.facetimerouter.campaign;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps a campaign's calls to its pace in every window, not only in fixed ones: the calls let through
 * in any period never exceed the period's allowance, and a batch counts with all its calls. A batch asks
 * how long it must wait, waits, and is let through; the window keeps when that really happened, so a
 * wait that overran delays the next batch rather than crowding it. Camel's throttle keeps such a window
 * but counts exchanges, not the calls in them; resilience4j's and Bucket4j's limiters refill per fixed
 * period or continuously, which lets up to twice the allowance through across a refill.
 */
final class PaceWindow {

    /** Calls let through at one moment (System.nanoTime). */
    private record LetThrough(long atNanos, int calls) {
    }

    private final int allowance;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Deque<LetThrough> window = new ArrayDeque<>();
    private int inWindow;

    PaceWindow(int allowance, long periodMillis, LongSupplier nanoClock) {
        this.allowance = allowance;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.nanoClock = nanoClock;
    }

    /** How long, in ms, a batch of this many calls must wait until the window has room for it; 0 if it has now. */
    synchronized long waitFor(int calls) {
        if (calls > allowance) {
            throw new IllegalArgumentException("A batch of " + calls + " calls exceeds the allowance of " + allowance
                    + " calls a period");
        }
        long now = nanoClock.getAsLong();
        leave(now);
        int room = allowance - inWindow;
        Iterator<LetThrough> oldestFirst = window.iterator();
        long roomAt = now;
        while (room < calls) {
            LetThrough oldest = oldestFirst.next();
            room += oldest.calls();
            roomAt = oldest.atNanos() + periodNanos;
        }
        return TimeUnit.NANOSECONDS.toMillis(roomAt - now + TimeUnit.MILLISECONDS.toNanos(1) - 1);
    }

    /** The batch goes now: its calls count in the window for one period from now. */
    synchronized void letThrough(int calls) {
        long now = nanoClock.getAsLong();
        leave(now);
        window.addLast(new LetThrough(now, calls));
        inWindow += calls;
    }

    /** Calls let through a period or more ago are out of the window. */
    private void leave(long now) {
        while (!window.isEmpty() && window.peekFirst().atNanos() + periodNanos <= now) {
            inWindow -= window.pollFirst().calls();
        }
    }
}
