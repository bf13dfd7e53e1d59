package io.github.email2fa.challenge;

import static io.github.email2fa.challenge.ServiceFixture.FLOW;
import static io.github.email2fa.challenge.ServiceFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Covers code expiry: exact to the nanosecond, fixed at issue, and not moved by wrong guesses. */
class ChallengeServiceExpiryTest {

    private final ServiceFixture fixture = new ServiceFixture(5);

    @Test
    void verifyWhenOneMillisecondBeforeExpiryThenVerified() {
        String code = fixture.issue().code();
        fixture.ticker.setTo(Duration.ofMinutes(5).minusMillis(1));

        assertEquals(Verification.Result.VERIFIED, fixture.verify(code));
    }

    @Test
    void verifyWhenExactlyAtExpiryThenRejected() {
        String code = fixture.issue().code();
        fixture.ticker.setTo(Duration.ofMinutes(5));

        assertEquals(Verification.Result.REJECTED, fixture.verify(code));
    }

    @Test
    void verifyWhenWrongGuessesMadeBeforeExpiryThenExpiryNotExtended() {
        String code = fixture.issue().code();
        for (int minute = 1; minute <= 4; minute++) {
            fixture.ticker.setTo(Duration.ofMinutes(minute));
            fixture.verify(wrong(code));
        }
        fixture.ticker.setTo(Duration.ofMinutes(5).plusNanos(1));

        assertNull(fixture.store.get(FLOW), "the store must drop the entry at the time fixed at issue");
        assertEquals(Verification.Result.REJECTED, fixture.verify(code));
    }

    @Test
    void findWhenExpiredThenEmpty() {
        fixture.issue();
        fixture.ticker.setTo(Duration.ofMinutes(5));

        assertTrue(fixture.service.find(FLOW).isEmpty());
    }
}
