package io.github.email2fa.signin;

import static io.github.email2fa.signin.SignInFixture.SUBJECT;
import static io.github.email2fa.signin.SignInFixture.attempt;
import static io.github.email2fa.signin.SignInFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.backup.BackupCodes;
import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.limit.FailureLimiter.FailureCount;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Covers input that can never be a code: it is answered as such, counted neither against the code's
 * attempts nor against the account, and still refused by a lock; while the right code typed in
 * another script's digits verifies.
 */
class SignInServiceMalformedInputTest {

    private static final FailureCount NONE = new FailureCount(0, 0, 0);

    private final SignInFixture fixture = new SignInFixture();
    private final SignInService service = fixture.service;

    @AfterEach
    void close() {
        fixture.close();
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"12345", "1234567", "12a456", "123.456", "not a code", "٤٨٢٩١"})
    void verifyWhenInputCannotBeACodeThenMalformedAndNothingCounted(String input) {
        fixture.sendCode("flow-1");

        VerifyOutcome outcome = service.verify(attempt("flow-1"), input);

        assertEquals(new VerifyOutcome(VerifyOutcome.Status.MALFORMED, null), outcome);
        assertEquals(NONE, fixture.failures.count(SUBJECT));
        assertEquals(0, fixture.challenges.find("flow-1").orElseThrow().failures());
    }

    @Test
    void verifyWhenTwelveMalformedThenNotLockedAndTheCodeStillWorks() {
        String code = fixture.sendCode("flow-1");
        for (int i = 0; i < 12; i++) {
            assertEquals(VerifyOutcome.Status.MALFORMED, service.verify(attempt("flow-1"), code.substring(1)).status());
        }

        assertEquals(NONE, fixture.failures.count(SUBJECT));
        assertEquals(VerifyOutcome.Status.VERIFIED, service.verify(attempt("flow-1"), code).status());
    }

    @Test
    void verifyWhenMalformedThenVerifyFailedEventWithReasonMalformedAndNoLockout() {
        fixture.sendCode("flow-1");
        for (int i = 0; i < 12; i++) {
            service.verify(attempt("flow-1"), "12345");
        }

        List<String> reasons = fixture.eventsOf(Type.VERIFY_FAILED).stream().map(AuditEvent::reason).distinct().toList();
        assertEquals(List.of("malformed"), reasons);
        assertTrue(fixture.eventsOf(Type.LOCKED_OUT).isEmpty());
        assertTrue(fixture.eventsOf(Type.CHALLENGE_EXHAUSTED).isEmpty());
    }

    @Test
    void verifyWhenRightCodeTypedInArabicIndicDigitsThenVerified() {
        String code = fixture.sendCode("flow-1");

        assertEquals(VerifyOutcome.Status.VERIFIED, service.verify(attempt("flow-1"), arabicIndic(code)).status());
    }

    @Test
    void verifyWhenWrongCodeTypedInArabicIndicDigitsThenCountedLikeAnyWrongCode() {
        String code = fixture.sendCode("flow-1");

        assertEquals(VerifyOutcome.Status.REJECTED, service.verify(attempt("flow-1"), arabicIndic(wrong(code))).status());
        assertEquals(1, fixture.failures.count(SUBJECT).inWindow());
    }

    @Test
    void verifyWhenMalformedOnExpiredCodeThenExpiredAndNotCounted() {
        fixture.sendCode("flow-1");
        fixture.ticker.advance(Duration.ofMinutes(6));

        VerifyOutcome outcome = service.verify(attempt("flow-1"), "12345");

        assertEquals(VerifyOutcome.Status.EXPIRED, outcome.status());
        // The store has dropped the expired code by now: the answer is the one for a code that is gone.
        assertEquals("no_challenge", fixture.eventsOf(Type.VERIFY_FAILED).get(0).reason());
        assertEquals(NONE, fixture.failures.count(SUBJECT));
    }

    @Test
    void verifyWhenMalformedOnExhaustedCodeThenExhaustedAndNotCounted() {
        String code = fixture.sendCode("flow-1");
        for (int i = 0; i < 5; i++) {
            service.verify(attempt("flow-1"), wrong(code));
        }

        VerifyOutcome outcome = service.verify(attempt("flow-1"), "12345");

        assertEquals(VerifyOutcome.Status.EXHAUSTED, outcome.status());
        assertEquals(5, fixture.failures.count(SUBJECT).inWindow());
    }

    @Test
    void verifyWhenAccountLockedThenMalformedInputRefusedAsLocked() {
        String code = fixture.sendCode("flow-1");
        for (int i = 0; i < 10; i++) {
            service.verify(attempt("flow-" + (i / 5 + 2)), wrong(code));
        }

        assertEquals(VerifyOutcome.Status.LOCKED, service.verify(attempt("flow-1"), "12345").status());
        assertEquals(VerifyOutcome.Status.LOCKED, service.verify(attempt("flow-1"), arabicIndic(code)).status());
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"k7m2q-9xw4", "u7m2q-9xw4t", "k7m2q_9xw4t", "\u212a7m2q-9xw4t"})
    void verifyBackupWhenInputCannotBeABackupCodeThenMalformedAndNotCounted(String input) {
        BackupCodes backupCodes = new BackupCodes(new InMemoryAccountStore(), new SecureRandom(), fixture.clock);
        backupCodes.regenerate(SUBJECT);

        VerifyOutcome outcome = service.verifyBackup(attempt("flow-1"), input, backupCodes);

        assertEquals(new VerifyOutcome(VerifyOutcome.Status.MALFORMED, null), outcome);
        assertEquals(NONE, fixture.failures.count(SUBJECT));
        assertEquals(List.of(SignInService.MALFORMED_BACKUP_CODE),
                fixture.eventsOf(Type.VERIFY_FAILED).stream().map(AuditEvent::reason).toList());
        assertEquals(10, backupCodes.remaining(SUBJECT));
    }

    @Test
    void verifyBackupWhenWrongButWellFormedThenCounted() {
        BackupCodes backupCodes = new BackupCodes(new InMemoryAccountStore(), new SecureRandom(), fixture.clock);
        backupCodes.regenerate(SUBJECT);

        assertEquals(VerifyOutcome.Status.MALFORMED, service.verifyBackup(attempt("flow-1"), "uuuuu", backupCodes).status());
        assertEquals(VerifyOutcome.Status.REJECTED, service.verifyBackup(attempt("flow-1"), "00000-00000", backupCodes).status());
        assertEquals(1, fixture.failures.count(SUBJECT).inWindow());
    }

    private static String arabicIndic(String ascii) {
        StringBuilder typed = new StringBuilder();
        ascii.chars().forEach(c -> typed.append((char) ('\u0660' + c - '0')));
        return typed.toString();
    }
}
