package io.github.email2fa.challenge;

import static io.github.email2fa.challenge.ServiceFixture.FLOW;
import static io.github.email2fa.challenge.ServiceFixture.SUBJECT;
import static io.github.email2fa.challenge.ServiceFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.ChallengeService.Issued;
import org.junit.jupiter.api.Test;

/** Covers {@link ChallengeService#verify}: single use, attempt limit, binding to subject and flow, safe toString. */
class ChallengeServiceTest {

    private final ServiceFixture fixture = new ServiceFixture(5);
    private final ChallengeService service = fixture.service;

    @Test
    void verifyWhenCorrectCodeThenVerified() {
        Issued issued = fixture.issue();

        assertEquals(Verification.Result.VERIFIED, fixture.verify(issued.code()));
    }

    @Test
    void verifyWhenCorrectCodeTypedWithSeparatorsThenVerified() {
        String code = fixture.issue().code();

        assertEquals(Verification.Result.VERIFIED, fixture.verify(code.substring(0, 3) + " " + code.substring(3)));
    }

    @Test
    void verifyWhenSameCodeSubmittedTwiceThenSecondRejected() {
        Issued issued = fixture.issue();
        fixture.verify(issued.code());

        assertEquals(Verification.Result.REJECTED, fixture.verify(issued.code()));
    }

    @Test
    void verifyWhenFifthWrongGuessThenExhaustedAfterFourRejected() {
        String code = fixture.issue().code();

        for (int guess = 1; guess <= 4; guess++) {
            assertEquals(Verification.Result.REJECTED, fixture.verify(wrong(code)), "guess " + guess);
        }
        assertEquals(Verification.Result.EXHAUSTED, fixture.verify(wrong(code)));
    }

    @Test
    void verifyWhenExhaustedThenCorrectCodeRejected() {
        String code = fixture.issue().code();
        for (int guess = 1; guess <= 5; guess++) {
            fixture.verify(wrong(code));
        }

        assertEquals(Verification.Result.REJECTED, fixture.verify(code));
    }

    @Test
    void verifyWhenMalformedInputThenNoAttemptUsed() {
        String code = fixture.issue().code();
        for (int i = 0; i < 20; i++) {
            assertEquals(Verification.Result.REJECTED, fixture.verify(i % 2 == 0 ? "12345" : "not a code"));
        }
        assertEquals(0, fixture.store.get(FLOW).failures(), "malformed input uses no attempt");

        for (int guess = 1; guess <= 4; guess++) {
            assertEquals(Verification.Result.REJECTED, fixture.verify(wrong(code)));
        }
        assertEquals(Verification.Result.EXHAUSTED, fixture.verify(wrong(code)));
    }

    @Test
    void verifyWhenRightCodeTypedInArabicIndicDigitsThenVerified() {
        String code = fixture.issue().code();
        StringBuilder arabic = new StringBuilder();
        code.chars().forEach(c -> arabic.append((char) ('\u0660' + c - '0')));

        assertEquals(Verification.Result.VERIFIED, fixture.verify(arabic.toString()));
    }

    @Test
    void isWellFormedWhenDigitsOfAnyScriptAndRightLengthThenTrue() {
        assertTrue(service.isWellFormed("٤٨٢ ٩١٠"));
        assertTrue(service.isWellFormed("482-910"));
        assertFalse(service.isWellFormed("48291"));
        assertFalse(service.isWellFormed(null));
    }

    @Test
    void verifyWhenSubmittedBySomeoneElseThenRejected() {
        String code = fixture.issue().code();

        assertEquals(Verification.Result.REJECTED, service.verify(FLOW, "mallory", code));
    }

    @Test
    void verifyWhenSubmittedOnAnotherFlowThenRejected() {
        String code = fixture.issue().code();

        assertEquals(Verification.Result.REJECTED, service.verify("flow-B", SUBJECT, code));
    }

    @Test
    void verifyWhenCancelledThenRejected() {
        String code = fixture.issue().code();
        service.cancel(FLOW);

        assertEquals(Verification.Result.REJECTED, fixture.verify(code));
    }

    @Test
    void toStringWhenIssuedThenNeverContainsCode() {
        Issued issued = fixture.issue();

        assertFalse(issued.toString().contains(issued.code()), issued.toString());
        assertFalse(issued.challenge().toString().contains(issued.code()), issued.challenge().toString());
    }
}
