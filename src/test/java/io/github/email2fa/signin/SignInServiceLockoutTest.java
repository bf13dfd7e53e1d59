package io.github.email2fa.signin;

import static io.github.email2fa.signin.SignInFixture.EMAIL;
import static io.github.email2fa.signin.SignInFixture.MASKED;
import static io.github.email2fa.signin.SignInFixture.SUBJECT;
import static io.github.email2fa.signin.SignInFixture.attempt;
import static io.github.email2fa.signin.SignInFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.Challenge;
import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.limit.AccountLock;
import io.github.email2fa.limit.FailureLimiter.FailureCount;
import io.github.email2fa.mail.OutgoingEmail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Covers {@link SignInService#verify} with the per-account failure count: wrong codes in several
 * sessions of one account add up, lock it, and end all its codes.
 */
class SignInServiceLockoutTest {

    private final SignInFixture fixture = new SignInFixture();
    private final SignInService service = fixture.service;
    /** The lockout notice, taken from the mailbox by {@link #lockAcrossThreeFlows()}. */
    private OutgoingEmail notice;

    @AfterEach
    void close() {
        fixture.close();
    }

    /**
     * Sends a code in three sessions and enters wrong ones, 5 + 4 + 1, until the tenth locks the
     * account; takes the lockout notice from the mailbox and returns the code of the third
     * session, which was never used.
     */
    private String lockAcrossThreeFlows() {
        String first = fixture.sendCode("flow-1");
        String second = fixture.sendCode("flow-2");
        String third = fixture.sendCode("flow-3");
        List<VerifyOutcome.Status> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(service.verify(attempt("flow-1"), wrong(first)).status());
        }
        for (int i = 0; i < 4; i++) {
            outcomes.add(service.verify(attempt("flow-2"), wrong(second)).status());
        }
        VerifyOutcome tenth = service.verify(attempt("flow-3"), wrong(third));
        assertEquals(List.of(VerifyOutcome.Status.REJECTED, VerifyOutcome.Status.REJECTED, VerifyOutcome.Status.REJECTED,
                VerifyOutcome.Status.REJECTED, VerifyOutcome.Status.EXHAUSTED, VerifyOutcome.Status.REJECTED,
                VerifyOutcome.Status.REJECTED, VerifyOutcome.Status.REJECTED, VerifyOutcome.Status.REJECTED), outcomes);
        assertEquals(new VerifyOutcome(VerifyOutcome.Status.LOCKED, new AccountLock(true, Duration.ofMinutes(1))), tenth);
        notice = fixture.nextEmail();
        return third;
    }

    @Test
    void verifyWhenRightCodeThenVerifiedAndFailuresCleared() {
        String code = fixture.sendCode("flow-1");
        service.verify(attempt("flow-1"), wrong(code));

        VerifyOutcome outcome = service.verify(attempt("flow-1"), code);

        assertEquals(new VerifyOutcome(VerifyOutcome.Status.VERIFIED, null), outcome);
        assertEquals(new FailureCount(0, 0, 0), fixture.failures.count(SUBJECT));
    }

    @Test
    void verifyWhenRightCodeThenVerifiedEventWithTimeSinceSent() {
        String code = fixture.sendCode("flow-1");

        service.verify(attempt("flow-1"), code);

        AuditEvent verified = fixture.awaitEvent(Type.VERIFIED);
        assertEquals(Duration.ZERO, verified.sinceSent());
        assertEquals(MASKED, verified.maskedEmail());
    }

    @Test
    void verifyWhenFailuresInThreeFlowsReachThresholdThenLocked() {
        lockAcrossThreeFlows();

        assertEquals(new AccountLock(true, Duration.ofMinutes(1)), service.lockOf(SUBJECT));
    }

    @Test
    void verifyWhenThresholdReachedThenLockedOutEventOnce() {
        lockAcrossThreeFlows();

        List<AuditEvent> lockouts = fixture.eventsOf(Type.LOCKED_OUT);
        assertEquals(1, lockouts.size());
        assertEquals("failure_threshold", lockouts.get(0).reason());
        assertEquals(MASKED, lockouts.get(0).maskedEmail());
    }

    @Test
    void verifyWhenThresholdReachedThenNoticeMailedWithoutAnyCode() {
        lockAcrossThreeFlows();

        assertEquals(EMAIL, notice.to());
        assertEquals("Wrong codes were entered for your Shop account", notice.subject());
        assertTrue(notice.text().contains(SignInFixture.IP), notice.text());
        assertEquals(3, fixture.codes.size());
        for (String code : fixture.codes) {
            assertFalse(notice.text().contains(code), "code in the notice text");
            assertFalse(notice.html().contains(code), "code in the notice HTML");
        }
    }

    @Test
    void verifyWhenThresholdReachedThenEveryPendingChallengeOfTheAccountVoidedAndKeptToSaySo() {
        fixture.service.send(attempt("flow-bob", "bob", "bob@example.com"));
        fixture.nextEmail();

        lockAcrossThreeFlows();

        assertEquals(0, fixture.challenges.pendingFor(SUBJECT));
        assertEquals(Challenge.State.VOIDED, fixture.challenges.find("flow-2").orElseThrow().state());
        assertEquals(Challenge.State.VOIDED, fixture.challenges.find("flow-3").orElseThrow().state());
        assertEquals(1, fixture.challenges.pendingFor("bob"));
        assertEquals(Challenge.State.LIVE, fixture.challenges.find("flow-bob").orElseThrow().state());
    }

    @Test
    void verifyWhenLockedThenRightCodeRefused() {
        String unused = lockAcrossThreeFlows();

        VerifyOutcome outcome = service.verify(attempt("flow-3"), unused);

        assertEquals(VerifyOutcome.Status.LOCKED, outcome.status());
        AuditEvent last = fixture.events.get(fixture.events.size() - 1);
        assertEquals(Type.VERIFY_FAILED, last.type());
        assertEquals("locked", last.reason());
    }

    @Test
    void verifyWhenLockedThenFailuresNotCounted() {
        lockAcrossThreeFlows();
        FailureCount atLock = fixture.failures.count(SUBJECT);

        for (int i = 0; i < 5; i++) {
            service.verify(attempt("flow-4"), "000000");
        }

        assertEquals(atLock, fixture.failures.count(SUBJECT));
        assertEquals(new AccountLock(true, Duration.ofMinutes(1)), service.lockOf(SUBJECT));
    }

    @Test
    void sendWhenLockedThenLockedAndNothingIssued() {
        lockAcrossThreeFlows();
        fixture.ticker.advance(Duration.ofSeconds(40));

        SendResult result = service.send(attempt("flow-4"));

        assertEquals(new SendResult(SendResult.Status.LOCKED, Duration.ofSeconds(20), new AccountLock(true, Duration.ofSeconds(20))),
                result);
        assertEquals("locked", fixture.eventsOf(Type.RATE_LIMITED).get(0).reason());
        assertEquals(3, fixture.eventsOf(Type.CHALLENGE_ISSUED).size());
    }

    @Test
    void verifyWhenLockExpiredThenFreshCodeWorks() {
        lockAcrossThreeFlows();
        fixture.ticker.advance(Duration.ofMinutes(1));
        String fresh = fixture.sendCode("flow-4");

        VerifyOutcome outcome = service.verify(attempt("flow-4"), fresh);

        assertEquals(VerifyOutcome.Status.VERIFIED, outcome.status());
        assertEquals(AccountLock.OPEN, service.lockOf(SUBJECT));
    }

    @Test
    void verifyWhenOldCodeUsedAfterLockExpiredThenVoidedNotVerified() {
        String voided = lockAcrossThreeFlows();
        fixture.ticker.advance(Duration.ofMinutes(1));

        assertEquals(VerifyOutcome.Status.VOIDED, service.verify(attempt("flow-3"), voided).status());
        assertEquals("voided_by_lockout", fixture.events.get(fixture.events.size() - 1).reason());
    }

    @Test
    void verifyWhenLockedOutAndBackThenNoEventOrLogLineHoldsACodeOrTheFullAddress() {
        String unused = lockAcrossThreeFlows();
        service.verify(attempt("flow-3"), unused);
        service.send(attempt("flow-4"));
        fixture.ticker.advance(Duration.ofMinutes(1));
        String fresh = fixture.sendCode("flow-4");
        service.verify(attempt("flow-4"), fresh);
        fixture.awaitEvent(Type.CODE_SENT);

        assertEquals(4, fixture.codes.size());
        SimpleFormatter formatter = new SimpleFormatter();
        List<String> lines = new ArrayList<>();
        fixture.events.forEach(event -> lines.add(event.toLogLine()));
        for (LogRecord record : fixture.logs) {
            lines.add(formatter.format(record));
        }
        assertTrue(lines.size() > 20, "too few lines to mean anything: " + lines);
        for (String line : lines) {
            assertFalse(line.contains(EMAIL), line);
            for (String code : fixture.codes) {
                assertFalse(line.contains(code), () -> "a code in: " + line);
            }
        }
        for (AuditEvent event : fixture.events) {
            assertEquals(MASKED, event.maskedEmail(), event.toLogLine());
        }
    }
}
