package io.github.email2fa.signin;

import static io.github.email2fa.signin.SignInFixture.SUBJECT;
import static io.github.email2fa.signin.SignInFixture.attempt;
import static io.github.email2fa.signin.SignInFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.limit.FailureLimiter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A lock until support holds while attempts keep coming through the service: every attempt it
 * refuses renews it, so it lapses only after the retention without a single attempt.
 */
class SignInServiceHardLockTest {

    @Test
    void hardLockWhenAttackerKeepsTryingDailyThenItHoldsAndLapsesOnlyAfterTheRetentionWithoutAny() {
        try (SignInFixture fixture = new SignInFixture(10)) {
            for (int flow = 0; flow < 2; flow++) {
                String code = fixture.sendCode("f" + flow);
                for (int i = 0; i < 5; i++) {
                    fixture.service.verify(attempt("f" + flow), wrong(code));
                }
            }
            assertTrue(fixture.failures.lock(SUBJECT).untilSupport(), "10 in a row: locked until support");

            // The attacker tries every day: a code submission and a send, as the web layer makes them.
            for (int day = 1; day <= 31; day++) {
                fixture.ticker.advance(Duration.ofDays(1));
                assertEquals(VerifyOutcome.Status.LOCKED, fixture.service.verify(attempt("f0"), "123456").status(), "day " + day);
                assertEquals(SendResult.Status.LOCKED, fixture.service.send(attempt("f0")).status(), "day " + day);
            }
            assertEquals(AccountLock.UNTIL_SUPPORT, fixture.failures.lock(SUBJECT),
                    "the lock lapsed although attempts came every day; consecutive count now " + fixture.failures.count(SUBJECT));
            fixture.ticker.advance(FailureLimiter.RETENTION.plusDays(1));
            assertEquals(AccountLock.OPEN, fixture.failures.lock(SUBJECT), "forgotten after the retention without an attempt");
        }
    }
}
