package io.github.email2fa.support;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that stands still until a test moves it, so expiry can be checked to the nanosecond. */
public final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
        return nanos.get();
    }

    /** Moves time forward by {@code amount}; returns this ticker for chaining. */
    public FakeTicker advance(Duration amount) {
        nanos.addAndGet(amount.toNanos());
        return this;
    }

    /** Moves time forward to exactly {@code sinceStart} after the ticker's start. */
    public FakeTicker setTo(Duration sinceStart) {
        nanos.set(sinceStart.toNanos());
        return this;
    }
}
