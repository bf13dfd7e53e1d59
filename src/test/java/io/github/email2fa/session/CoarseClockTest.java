package io.github.email2fa.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.email2fa.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Covers {@link CoarseClock}: it starts at the clock's time and follows the clock. */
class CoarseClockTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));

    @Test
    void getAsLongWhenStartedThenTheClocksTime() {
        try (CoarseClock coarse = new CoarseClock(clock)) {
            assertEquals(clock.millis(), coarse.getAsLong());
        }
    }

    @Test
    void getAsLongWhenClockMovesThenFollowsWithinItsResolution() {
        try (CoarseClock coarse = new CoarseClock(clock)) {
            clock.advance(Duration.ofHours(1));
            long expected = clock.millis();

            // Waits for the reading thread, which reads every RESOLUTION; it asserts no duration.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                while (coarse.getAsLong() != expected) {
                    Thread.onSpinWait();
                }
            });
        }
    }
}
