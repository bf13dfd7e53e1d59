package io.github.email2fa.signin;

import static io.github.email2fa.signin.SignInFixture.SUBJECT;
import static io.github.email2fa.signin.SignInFixture.attempt;
import static io.github.email2fa.signin.SignInFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.testing.Race;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guesses sent at once when the account locks: each is counted before it is checked, so no more
 * than the threshold (10) are ever compared with a code, and the right code on the guess that
 * reaches the threshold still gets in.
 */
class SignInServiceLockRaceTest {

    @Test
    void verifyWhenTwentyFiveGuessesAtOnceThenAtMostTheThresholdAreChecked() throws Exception {
        int worst = 0;
        for (int round = 0; round < 20; round++) {
            try (SignInFixture fixture = new SignInFixture()) {
                List<String> codes = new ArrayList<>();
                for (int f = 0; f < 5; f++) {
                    codes.add(fixture.sendCode("r" + round + "f" + f));
                }
                int r = round;
                Race.of(25, caller -> fixture.service.verify(attempt("r" + r + "f" + caller % 5), wrong(codes.get(caller % 5))));

                long checked = fixture.eventsOf(AuditEvent.Type.VERIFY_FAILED).stream()
                        .filter(event -> "wrong_code".equals(event.reason()) || "attempt_limit".equals(event.reason())).count();
                worst = Math.max(worst, (int) checked);
                assertEquals(25, fixture.eventsOf(AuditEvent.Type.VERIFY_FAILED).size(), "every guess is one event");
                assertEquals(1, fixture.eventsOf(AuditEvent.Type.LOCKED_OUT).size(), "one lockout");
            }
        }
        assertTrue(worst <= 10, "threshold is 10, but in one round " + worst + " guesses were compared with codes");
    }

    @Test
    void verifyWhenTheRightCodeIsTheGuessThatReachesTheThresholdThenItGetsIn() {
        try (SignInFixture fixture = new SignInFixture()) {
            String first = fixture.sendCode("f1");
            for (int i = 0; i < 4; i++) {
                fixture.service.verify(attempt("f1"), wrong(first));
            }
            String second = fixture.sendCode("f2");
            for (int i = 0; i < 4; i++) {
                fixture.service.verify(attempt("f2"), wrong(second));
            }
            String third = fixture.sendCode("f3");
            fixture.service.verify(attempt("f3"), wrong(third));

            assertEquals(VerifyOutcome.Status.VERIFIED, fixture.service.verify(attempt("f3"), third).status(), "the tenth is right");
            assertEquals(0, fixture.failures.count(SUBJECT).consecutive(), "and the success clears the count");
            assertEquals(0, fixture.eventsOf(AuditEvent.Type.LOCKED_OUT).size());
        }
    }
}
