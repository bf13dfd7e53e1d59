package io.github.email2fa.signin;

import static io.github.email2fa.signin.SignInFixture.SUBJECT;
import static io.github.email2fa.signin.SignInFixture.attempt;
import static io.github.email2fa.signin.SignInFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.mail.OutgoingEmail;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Covers {@link SignInService} when the consecutive-failure limit is reached: only support can unlock. */
class SignInServiceHardLimitTest {

    /** The hard limit equals the threshold, so the tenth failure locks until support. */
    private final SignInFixture fixture = new SignInFixture(10);
    private final SignInService service = fixture.service;

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Nine wrong codes over two sessions, then the tenth; returns its outcome. */
    private VerifyOutcome reachHardLimit() {
        String first = fixture.sendCode("flow-1");
        String second = fixture.sendCode("flow-2");
        for (int i = 0; i < 5; i++) {
            service.verify(attempt("flow-1"), wrong(first));
        }
        for (int i = 0; i < 4; i++) {
            service.verify(attempt("flow-2"), wrong(second));
        }
        return service.verify(attempt("flow-2"), wrong(second));
    }

    @Test
    void verifyWhenHardLimitReachedThenLockedUntilSupport() {
        assertEquals(new VerifyOutcome(VerifyOutcome.Status.LOCKED, AccountLock.UNTIL_SUPPORT), reachHardLimit());
    }

    @Test
    void verifyWhenHardLimitReachedThenLockedOutEventWithConsecutiveLimitReason() {
        reachHardLimit();

        assertEquals("consecutive_limit", fixture.eventsOf(Type.LOCKED_OUT).get(0).reason());
    }

    @Test
    void verifyWhenHardLimitReachedThenNoticeSaysUntilSupport() {
        reachHardLimit();

        OutgoingEmail notice = fixture.nextEmail();

        assertTrue(notice.text().contains("until support unlocks your account"), notice.text());
    }

    @Test
    void sendWhenLockedUntilSupportThenStillLockedDaysLater() {
        reachHardLimit();
        fixture.ticker.advance(Duration.ofDays(3));

        SendResult result = service.send(attempt("flow-3"));

        assertEquals(new SendResult(SendResult.Status.LOCKED, null, AccountLock.UNTIL_SUPPORT), result);
        assertTrue(service.lockOf(SUBJECT).untilSupport());
    }
}
