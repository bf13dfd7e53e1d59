package io.github.email2fa.challenge;

import static io.github.email2fa.challenge.ServiceFixture.COOLDOWN;
import static io.github.email2fa.challenge.ServiceFixture.FLOW;
import static io.github.email2fa.challenge.ServiceFixture.SUBJECT;
import static io.github.email2fa.challenge.ServiceFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.challenge.ChallengeService.Issued;
import io.github.email2fa.challenge.Verification.Reason;
import io.github.email2fa.store.CaffeineSharedStore;
import io.github.email2fa.store.SharedStore;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Covers the codes the service voids while the user may still hold them: the one a resend
 * replaced, and those a lockout voided. Each is told apart for the page, and none ever verifies.
 */
class ChallengeServiceVoidedCodeTest {

    private final ServiceFixture fixture = new ServiceFixture(5);
    private final ChallengeService service = fixture.service;

    @Test
    void checkWhenCodeWasReplacedByAResendThenReplacedCodeCountedAndNewCodeStillWorks() {
        Issued first = fixture.issue();
        fixture.ticker.advance(COOLDOWN);
        Issued second = fixture.issue();

        assertTrue(second.challenge().replacedAnother());
        assertEquals(Verification.refused(Reason.REPLACED_CODE), service.check(FLOW, SUBJECT, first.code()));
        assertEquals(1, fixture.store.get(FLOW).failures(), "the replaced code is a wrong guess");
        assertEquals(Verification.Result.VERIFIED, fixture.verify(second.code()));
    }

    @Test
    void checkWhenReplacedCodeTypedInOtherDigitsThenStillKnownAsReplaced() {
        Issued first = fixture.issue();
        fixture.ticker.advance(COOLDOWN);
        fixture.issue();
        StringBuilder arabic = new StringBuilder();
        first.code().chars().forEach(c -> arabic.append((char) ('\u0660' + c - '0')));

        assertEquals(Reason.REPLACED_CODE, service.check(FLOW, SUBJECT, arabic.toString()).reason());
    }

    @Test
    void checkWhenCodeTwoResendsOldThenOnlyAWrongCode() {
        Issued first = fixture.issue();
        fixture.ticker.advance(COOLDOWN);
        Issued second = fixture.issue();
        fixture.ticker.advance(COOLDOWN);
        fixture.issue();

        // Only the latest replaced code is kept: the page after every resend says older codes stopped working.
        String oldest = first.code().equals(second.code()) ? wrong(first.code()) : first.code();
        assertEquals(Reason.WRONG_CODE, service.check(FLOW, SUBJECT, oldest).reason());
        assertEquals(Reason.REPLACED_CODE, service.check(FLOW, SUBJECT, second.code()).reason());
    }

    @Test
    void checkWhenReplacedCodeIsWrongForItToo() {
        Issued first = fixture.issue();
        fixture.ticker.advance(COOLDOWN);
        Issued second = fixture.issue();
        String neither = wrong(first.code()).equals(second.code()) ? wrong(wrong(first.code())) : wrong(first.code());

        assertEquals(Reason.WRONG_CODE, service.check(FLOW, SUBJECT, neither).reason());
    }

    @Test
    void issueWhenEarlierCodeAlreadyDeadThenNotRememberedAsReplaced() {
        String code = fixture.issue().code();
        for (int guess = 0; guess < 5; guess++) {
            fixture.verify(wrong(code));
        }
        fixture.ticker.advance(COOLDOWN);

        assertFalse(fixture.issue().challenge().replacedAnother(), "an exhausted code was no longer held as a working one");
    }

    @Test
    void issueWhenFlowStartsThenNothingReplaced() {
        assertFalse(fixture.issue().challenge().replacedAnother());
    }

    @Test
    void voidAllWhenLockoutThenEveryLiveCodeOfTheUserVoidedKeptAndRefusedEvenWhenRight() {
        String mine = fixture.issue().code();
        String other = service.issue("flow-B", SUBJECT).orElseThrow().code();
        String bobs = service.issue("flow-bob", "bob").orElseThrow().code();

        assertEquals(2, service.voidAll(SUBJECT));

        assertEquals(Challenge.State.VOIDED, service.find(FLOW).orElseThrow().state());
        assertEquals(Verification.refused(Reason.VOIDED_BY_LOCKOUT), service.check(FLOW, SUBJECT, mine));
        assertEquals(Verification.refused(Reason.VOIDED_BY_LOCKOUT), service.check("flow-B", SUBJECT, other));
        assertEquals(0, service.pendingFor(SUBJECT));
        assertEquals(Verification.Result.VERIFIED, service.verify("flow-bob", "bob", bobs));
    }

    @Test
    void voidAllWhenVoidedThenExpiryUnmovedAndNewCodeAfterCooldownWorks() {
        fixture.issue();
        long expiresAt = fixture.store.get(FLOW).sentAtMillis();

        service.voidAll(SUBJECT);

        assertEquals(expiresAt, fixture.store.get(FLOW).sentAtMillis());
        fixture.ticker.advance(COOLDOWN);
        Issued fresh = fixture.issue();
        assertFalse(fresh.challenge().replacedAnother(), "a voided code was no longer held as a working one");
        assertEquals(Verification.Result.VERIFIED, fixture.verify(fresh.code()));
    }

    @Test
    void checkWhenVoidedCodeOutlivesItsLifetimeThenGone() {
        fixture.issue();
        service.voidAll(SUBJECT);

        fixture.ticker.advance(ServiceFixture.TTL);

        assertTrue(service.find(FLOW).isEmpty());
    }

    @Test
    void verifyWhenKeyRotatesThenCodesOfTheOldKeyStillWorkOnANodeWithTheNewOne() {
        byte[] oldKey = new byte[32];
        byte[] newKey = new byte[32];
        newKey[0] = 1;
        SharedStore shared = new CaffeineSharedStore(100, fixture.ticker);
        SecureRandom random = new SecureRandom();
        ChallengeService oldNode = new ChallengeService(shared, new CodeGenerator(random, 6), new CodeHasher(oldKey), random,
                fixture.ticker.clock(), ServiceFixture.TTL, 5, COOLDOWN);
        ChallengeService rotatedNode = new ChallengeService(shared, new CodeGenerator(random, 6), new CodeHasher(newKey, oldKey), random,
                fixture.ticker.clock(), ServiceFixture.TTL, 5, COOLDOWN);
        ChallengeService newOnlyNode = new ChallengeService(shared, new CodeGenerator(random, 6), new CodeHasher(newKey), random,
                fixture.ticker.clock(), ServiceFixture.TTL, 5, COOLDOWN);

        String oldCode = oldNode.issue("flow-old", SUBJECT).orElseThrow().code();
        String newCode = rotatedNode.issue("flow-new", SUBJECT).orElseThrow().code();
        String another = oldNode.issue("flow-other", SUBJECT).orElseThrow().code();

        assertEquals(Verification.Result.VERIFIED, rotatedNode.verify("flow-old", SUBJECT, oldCode), "old key, still accepted");
        assertEquals(Verification.Result.VERIFIED, newOnlyNode.verify("flow-new", SUBJECT, newCode));
        assertEquals(Reason.OTHER_SUBJECT, newOnlyNode.check("flow-other", SUBJECT, another).reason(),
                "once the rotation is over, the old key's codes are gone");
    }
}
