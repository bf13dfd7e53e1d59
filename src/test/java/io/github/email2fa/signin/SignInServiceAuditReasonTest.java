package io.github.email2fa.signin;

import static io.github.email2fa.signin.SignInFixture.attempt;
import static io.github.email2fa.signin.SignInFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvent.Type;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Covers the reasons {@link SignInService#verify} writes into the audit log for refused codes. */
class SignInServiceAuditReasonTest {

    private final SignInFixture fixture = new SignInFixture();
    private final SignInService service = fixture.service;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void verifyWhenWrongCodeThenVerifyFailedWithWrongCode() {
        String code = fixture.sendCode("flow-1");

        service.verify(attempt("flow-1"), wrong(code));

        assertEquals(List.of("wrong_code"), reasons(Type.VERIFY_FAILED));
    }

    @Test
    void verifyWhenNotACodeThenVerifyFailedWithMalformed() {
        fixture.sendCode("flow-1");

        service.verify(attempt("flow-1"), "not a code");

        assertEquals(List.of("malformed"), reasons(Type.VERIFY_FAILED));
    }

    @Test
    void verifyWhenNoCodeWasSentThenVerifyFailedWithNoChallenge() {
        service.verify(attempt("flow-1"), "123456");

        assertEquals(List.of("no_challenge"), reasons(Type.VERIFY_FAILED));
    }

    @Test
    void verifyWhenLastAttemptWrongThenAttemptLimitAndChallengeExhausted() {
        String code = fixture.sendCode("flow-1");
        for (int i = 0; i < 5; i++) {
            service.verify(attempt("flow-1"), wrong(code));
        }

        service.verify(attempt("flow-1"), code);

        assertEquals(List.of("wrong_code", "wrong_code", "wrong_code", "wrong_code", "attempt_limit", "challenge_exhausted"),
                reasons(Type.VERIFY_FAILED));
        assertEquals(List.of("attempt_limit"), reasons(Type.CHALLENGE_EXHAUSTED));
    }

    @Test
    void verifyWhenCodeDroppedAfterExpiryThenNoChallengeAndNoExpiredEvent() {
        String code = fixture.sendCode("flow-1");
        fixture.ticker.advance(Duration.ofMinutes(5));

        service.verify(attempt("flow-1"), code);

        assertEquals(List.of("no_challenge"), reasons(Type.VERIFY_FAILED));
        assertEquals(List.of(), fixture.eventsOf(Type.CHALLENGE_EXPIRED));
    }

    private List<String> reasons(Type type) {
        return fixture.eventsOf(type).stream().map(AuditEvent::reason).toList();
    }
}
