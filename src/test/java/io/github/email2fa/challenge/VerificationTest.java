package io.github.email2fa.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.email2fa.challenge.Verification.Reason;
import io.github.email2fa.challenge.Verification.Result;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Covers {@link Verification}: the audit key of every reason, and what each reason means for the user. */
class VerificationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("reasons")
    void keyWhenReasonThenAuditLogString(Reason reason, String key, Result result) {
        assertEquals(key, reason.key());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("reasons")
    void resultWhenRefusedThenExhaustedOnlyForAttemptLimit(Reason reason, String key, Result result) {
        assertEquals(result, Verification.refused(reason).result());
    }

    @Test
    void reasonsWhenListedThenTableCoversEveryOne() {
        assertEquals(Arrays.asList(Reason.values()), reasons().map(arguments -> arguments.get()[0]).toList());
    }

    @Test
    void resultWhenVerifiedThenVerifiedWithoutReason() {
        Verification verified = Verification.verified(Instant.EPOCH);

        assertEquals(Result.VERIFIED, verified.result());
        assertNull(verified.reason());
        assertEquals(Instant.EPOCH, verified.sentAt());
    }

    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of(Reason.NO_CHALLENGE, "no_challenge", Result.REJECTED),
                Arguments.of(Reason.EXPIRED, "expired", Result.REJECTED),
                Arguments.of(Reason.CHALLENGE_EXHAUSTED, "challenge_exhausted", Result.REJECTED),
                Arguments.of(Reason.OTHER_SUBJECT, "other_subject", Result.REJECTED),
                Arguments.of(Reason.MALFORMED, "malformed", Result.REJECTED),
                Arguments.of(Reason.WRONG_CODE, "wrong_code", Result.REJECTED),
                Arguments.of(Reason.REPLACED_CODE, "replaced_code", Result.REJECTED),
                Arguments.of(Reason.VOIDED_BY_LOCKOUT, "voided_by_lockout", Result.REJECTED),
                Arguments.of(Reason.ATTEMPT_LIMIT, "attempt_limit", Result.EXHAUSTED));
    }
}
