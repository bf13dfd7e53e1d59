package io.github.email2fa.support;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

    /**
     * A wall clock that moves with this ticker: {@link #CLOCK_START} plus the ticker's reading, in UTC.
     * Services that keep wall-clock moments and a store that counts down on the ticker then agree.
     */
    public Clock clock() {
        FakeTicker ticker = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("a test clock stays in UTC");
            }

            @Override
            public Instant instant() {
                return CLOCK_START.plusNanos(ticker.read());
            }
        };
    }

    /** What {@link #clock()} reads when the ticker reads zero. */
    public static final Instant CLOCK_START = Instant.parse("2025-03-01T09:00:00Z");

    /** Moves time forward to exactly {@code sinceStart} after the ticker's start. */
    public FakeTicker setTo(Duration sinceStart) {
        nanos.set(sinceStart.toNanos());
        return this;
    }
}
