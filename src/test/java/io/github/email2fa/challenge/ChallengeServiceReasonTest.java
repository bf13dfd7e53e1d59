package io.github.email2fa.challenge;

import static io.github.email2fa.challenge.ServiceFixture.FLOW;
import static io.github.email2fa.challenge.ServiceFixture.SUBJECT;
import static io.github.email2fa.challenge.ServiceFixture.TTL;
import static io.github.email2fa.challenge.ServiceFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.email2fa.challenge.Verification.Reason;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.support.FakeTicker;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Covers the reason {@link ChallengeService#check} gives the audit log for each way a submission ends. */
class ChallengeServiceReasonTest {

    private final ServiceFixture fixture = new ServiceFixture(2);
    private final ChallengeService service = fixture.service;

    @Test
    void checkWhenCodeMatchesThenNoReasonAndSendTime() {
        String code = fixture.issue().code();

        Verification verification = service.check(FLOW, SUBJECT, code);

        assertNull(verification.reason());
        assertEquals(Instant.parse("2025-03-01T09:00:00Z"), verification.sentAt());
    }

    @Test
    void checkWhenNoChallengeThenNoChallenge() {
        assertEquals(Verification.refused(Reason.NO_CHALLENGE), service.check(FLOW, SUBJECT, "123456"));
    }

    @Test
    void checkWhenExpiredWhileCooldownKeepsItStoredThenExpired() {
        FakeTicker ticker = new FakeTicker();
        SecureRandom random = new SecureRandom();
        ChallengeService shortLived = new ChallengeService(new CaffeineSharedStore(100, ticker), new CodeGenerator(random, 6),
                CodeHasher.withRandomKey(random), random, ticker.clock(), Duration.ofMinutes(1), 5,
                Duration.ofMinutes(2));
        String code = shortLived.issue(FLOW, SUBJECT).orElseThrow().code();
        ticker.advance(Duration.ofMinutes(1));

        assertEquals(Verification.refused(Reason.EXPIRED), shortLived.check(FLOW, SUBJECT, code));
    }

    @Test
    void checkWhenExpiredAndDroppedByStoreThenNoChallenge() {
        String code = fixture.issue().code();
        fixture.ticker.setTo(TTL);

        assertEquals(Verification.refused(Reason.NO_CHALLENGE), service.check(FLOW, SUBJECT, code));
    }

    @Test
    void checkWhenAttemptsUsedUpThenChallengeExhausted() {
        String code = fixture.issue().code();
        service.check(FLOW, SUBJECT, wrong(code));
        service.check(FLOW, SUBJECT, wrong(code));

        assertEquals(Verification.refused(Reason.CHALLENGE_EXHAUSTED), service.check(FLOW, SUBJECT, code));
    }

    @Test
    void checkWhenOtherSubjectThenOtherSubject() {
        String code = fixture.issue().code();

        assertEquals(Verification.refused(Reason.OTHER_SUBJECT), service.check(FLOW, "mallory", code));
    }

    @Test
    void checkWhenNotACodeThenMalformed() {
        fixture.issue();

        assertEquals(Verification.refused(Reason.MALFORMED), service.check(FLOW, SUBJECT, "not a code"));
    }

    @Test
    void checkWhenMalformedOnExhaustedChallengeThenChallengeExhausted() {
        String code = fixture.issue().code();
        service.check(FLOW, SUBJECT, wrong(code));
        service.check(FLOW, SUBJECT, wrong(code));

        assertEquals(Verification.refused(Reason.CHALLENGE_EXHAUSTED), service.check(FLOW, SUBJECT, "12345"));
    }

    @Test
    void checkWhenMalformedFromSomeoneElseThenOtherSubjectAndNoAttemptUsed() {
        fixture.issue();

        assertEquals(Verification.refused(Reason.OTHER_SUBJECT), service.check(FLOW, "mallory", "12345"));
        assertEquals(0, fixture.store.get(FLOW).failures());
    }

    @Test
    void checkWhenWrongCodeThenWrongCode() {
        String code = fixture.issue().code();

        assertEquals(Verification.refused(Reason.WRONG_CODE), service.check(FLOW, SUBJECT, wrong(code)));
    }

    @Test
    void checkWhenLastAttemptWrongThenAttemptLimit() {
        String code = fixture.issue().code();
        service.check(FLOW, SUBJECT, wrong(code));

        assertEquals(Verification.refused(Reason.ATTEMPT_LIMIT), service.check(FLOW, SUBJECT, wrong(code)));
    }
}
