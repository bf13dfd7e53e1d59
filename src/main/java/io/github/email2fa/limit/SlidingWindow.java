package io.github.email2fa.limit;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Event times within a sliding window, oldest first, in one unit of the caller's choosing
 * (epoch milliseconds for shared state). Immutable: adding makes a new window.
 * Holds at most {@code capacity} times; older ones fall out, which is all a limit of
 * {@code capacity} events per window needs to know.
 */
final class SlidingWindow implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long[] NONE = new long[0];

    private final long[] times;

    private SlidingWindow(long[] times) {
        this.times = times;
    }

    static SlidingWindow empty() {
        return new SlidingWindow(NONE);
    }

    /** The events still inside the window ending at {@code now}. */
    int count(long now, long window) {
        int inside = 0;
        for (long time : times) {
            if (now - time < window) {
                inside++;
            }
        }
        return inside;
    }

    /** When the oldest event inside the window leaves it, letting one more event in. */
    long nextSlotAt(long now, long window) {
        for (long time : times) {
            if (now - time < window) {
                return time + window;
            }
        }
        return now;
    }

    /** This window plus an event at {@code now}, keeping only events inside the window and at most {@code capacity}. */
    SlidingWindow plus(long now, long window, int capacity) {
        long[] kept = Arrays.stream(times).filter(time -> now - time < window).toArray();
        int from = Math.max(0, kept.length + 1 - capacity);
        long[] next = Arrays.copyOfRange(kept, from, kept.length + 1);
        next[next.length - 1] = now;
        return new SlidingWindow(next);
    }

    /** This window without one event at exactly {@code time}, if it has one: a place given back. */
    SlidingWindow minus(long time) {
        for (int i = times.length - 1; i >= 0; i--) {
            if (times[i] == time) {
                long[] next = new long[times.length - 1];
                System.arraycopy(times, 0, next, 0, i);
                System.arraycopy(times, i + 1, next, i, times.length - i - 1);
                return new SlidingWindow(next);
            }
        }
        return this;
    }

    /** Whether no event is inside the window any more. */
    boolean isEmpty(long now, long window) {
        return count(now, window) == 0;
    }
}
