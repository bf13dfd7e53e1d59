package io.github.email2fa.session;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The wall clock in epoch milliseconds, read by a daemon thread every {@link #RESOLUTION} and
 * handed out as one volatile read: what the verified-session hot path checks the maximum age
 * against, where reading the system clock on every request would cost more than the rest of the
 * check together. A maximum age can therefore be exceeded by up to the resolution.
 */
public final class CoarseClock implements LongSupplier, AutoCloseable {

    /** How often the time is read. */
    public static final Duration RESOLUTION = Duration.ofMillis(200);

    private final Clock clock;
    private final ScheduledExecutorService reader;
    private volatile long millis;

    /** Starts reading {@code clock}; {@link #close()} stops it. */
    public CoarseClock(Clock clock) {
        this.clock = clock;
        this.millis = clock.millis();
        this.reader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "email2fa-clock");
            thread.setDaemon(true);
            return thread;
        });
        reader.scheduleAtFixedRate(() -> millis = clock.millis(), RESOLUTION.toMillis(), RESOLUTION.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The time of the last reading, in epoch milliseconds; at most {@link #RESOLUTION} behind the clock. */
    @Override
    public long getAsLong() {
        return millis;
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }

    @Override
    public String toString() {
        return "CoarseClock[" + clock + "]";
    }
}
