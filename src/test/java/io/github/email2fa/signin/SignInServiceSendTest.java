package io.github.email2fa.signin;

import static io.github.email2fa.signin.SignInFixture.EMAIL;
import static io.github.email2fa.signin.SignInFixture.MASKED;
import static io.github.email2fa.signin.SignInFixture.SUBJECT;
import static io.github.email2fa.signin.SignInFixture.attempt;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.limit.SendLimiter.SendCount;
import io.github.email2fa.mail.OutgoingEmail;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Covers {@link SignInService#send}: a code is issued and mailed unless the cooldown or a quota stands in the way. */
class SignInServiceSendTest {

    private final SignInFixture fixture = new SignInFixture();
    private final SignInService service = fixture.service;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void sendWhenOpenThenCodeMailedToUser() {
        SendResult result = service.send(attempt("flow-1"));
        OutgoingEmail email = fixture.nextEmail();

        assertEquals(new SendResult(SendResult.Status.QUEUED, null, null), result);
        assertEquals(EMAIL, email.to());
        assertEquals(1, fixture.codes.size());
        assertTrue(email.html().contains(fixture.codes.iterator().next()));
        assertEquals(1, fixture.challenges.pendingFor(SUBJECT));
    }

    @Test
    void sendWhenQueuedThenChallengeIssuedThenCodeSent() {
        fixture.sendCode("flow-1");
        fixture.awaitEvent(Type.CODE_SENT);

        assertEquals(List.of(Type.CHALLENGE_ISSUED, Type.CODE_SENT), fixture.events.stream().map(AuditEvent::type).toList());
    }

    @Test
    void sendWhenQueuedThenEventsCarryAttemptDetails() {
        fixture.sendCode("flow-1");
        AuditEvent sent = fixture.awaitEvent(Type.CODE_SENT);

        assertEquals(new AuditEvent(Type.CODE_SENT, SUBJECT, MASKED, SignInFixture.IP, "session-flow-1", null, null,
                fixture.clock.instant()), sent);
    }

    @Test
    void sendWhenInsideCooldownThenCooldownWithTimeLeft() {
        fixture.sendCode("flow-1");
        fixture.ticker.advance(Duration.ofSeconds(10));

        SendResult second = service.send(attempt("flow-1"));

        assertEquals(new SendResult(SendResult.Status.COOLDOWN, Duration.ofSeconds(20), null), second);
    }

    @Test
    void sendWhenInsideCooldownThenRateLimitedEventWithReasonCooldown() {
        fixture.sendCode("flow-1");

        service.send(attempt("flow-1"));

        AuditEvent limited = fixture.awaitEvent(Type.RATE_LIMITED);
        assertEquals("cooldown", limited.reason());
    }

    @Test
    void sendWhenInsideCooldownThenNothingIssuedOrCounted() {
        fixture.sendCode("flow-1");

        service.send(attempt("flow-1"));

        assertEquals(1, fixture.eventsOf(Type.CHALLENGE_ISSUED).size());
        assertEquals(new SendCount(1, 1), fixture.sends.sendsOf(SUBJECT));
    }

    @Test
    void sendWhenCooldownOverThenNewCodeReplacesOld() {
        String first = fixture.sendCode("flow-1");
        fixture.ticker.advance(SignInFixture.COOLDOWN);
        String second = fixture.sendCode("flow-1");

        assertEquals(first.equals(second) ? VerifyOutcome.Status.REJECTED : VerifyOutcome.Status.REPLACED,
                service.verify(attempt("flow-1"), first.equals(second) ? SignInFixture.wrong(first) : first).status());
        assertEquals(VerifyOutcome.Status.VERIFIED, service.verify(attempt("flow-1"), second).status());
    }

    @Test
    void sendWhenAccountQuotaUsedThenRateLimitedUntilOldestSendLeavesWindow() {
        for (int flow = 1; flow <= 5; flow++) {
            fixture.sendCode("flow-" + flow);
            fixture.ticker.advance(Duration.ofMinutes(1));
        }

        SendResult sixth = service.send(attempt("flow-6"));

        assertEquals(new SendResult(SendResult.Status.RATE_LIMITED, Duration.ofMinutes(10), null), sixth);
    }

    @Test
    void sendWhenAccountQuotaUsedThenRateLimitedEventWithQuotaReasonAndNoChallenge() {
        for (int flow = 1; flow <= 5; flow++) {
            fixture.sendCode("flow-" + flow);
        }

        service.send(attempt("flow-6"));

        assertEquals("account_quota", fixture.awaitEvent(Type.RATE_LIMITED).reason());
        assertTrue(fixture.challenges.find("flow-6").isEmpty());
    }

    @Test
    void sendWhenMailerFailsThenSendFailedEventAndCooldownLifted() {
        fixture.mailerFailure = "connect to smtp.example.com failed for " + EMAIL;

        assertEquals(SendResult.Status.QUEUED, service.send(attempt("flow-1")).status());

        AuditEvent failed = fixture.awaitEvent(Type.SEND_FAILED);
        assertEquals("smtp_error", failed.reason());
        assertEquals(Duration.ZERO, fixture.challenges.resendWait("flow-1"));
    }

    @Test
    void sendWhenAnyOutcomeThenEventsCarryMaskedAddressOnly() {
        fixture.sendCode("flow-1");
        service.send(attempt("flow-1"));
        fixture.awaitEvent(Type.CODE_SENT);

        assertFalse(fixture.events.isEmpty());
        for (AuditEvent event : fixture.events) {
            assertAll(event.type().key(),
                    () -> assertEquals(MASKED, event.maskedEmail()),
                    () -> assertFalse(event.toLogLine().contains(EMAIL), event.toLogLine()),
                    () -> assertNull(event.sinceSent()));
        }
    }
}
