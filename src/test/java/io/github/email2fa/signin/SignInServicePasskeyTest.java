package io.github.email2fa.signin;

import static io.github.email2fa.passkey.FakeAuthenticator.flipByte;
import static io.github.email2fa.passkey.FakeAuthenticator.withResponseMember;
import static io.github.email2fa.signin.SignInFixture.attempt;
import static io.github.email2fa.signin.SignInFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.account.StoredPasskey;
import io.github.email2fa.event.AuditEvent;
import io.github.email2fa.event.AuditEvent.Type;
import io.github.email2fa.limit.FailureLimiter.FailureCount;
import io.github.email2fa.mail.OutgoingEmail;
import io.github.email2fa.passkey.FakeAuthenticator;
import io.github.email2fa.passkey.PasskeyChallenge;
import io.github.email2fa.passkey.PasskeyVerifier;
import io.github.email2fa.passkey.Passkeys;
import io.github.email2fa.passkey.RelyingParty;
import io.github.email2fa.testing.ForwardingAccountStore;
import io.github.email2fa.testing.MutableClock;
import io.github.email2fa.testing.Race;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Passkeys at sign-in ({@link SignInService#verifyPasskey}): behind the same lock and failure count
 * as codes, every refused answer counted with its reason, the counter stored once however often an
 * answer comes, a counter that went back reported to the operator and the user, and no email sent
 * for a sign-in that worked. Alice's passkey is registered through {@link Passkeys#register} from an
 * authenticator's answer to the creation options, with the counter at 10; each answer after that
 * carries 11 unless a test says otherwise.
 */
class SignInServicePasskeyTest {

    private static final String RP_ID = "shop.example";
    private static final String ORIGIN = "https://shop.example";
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final SignInFixture fixture = new SignInFixture();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final PasskeyVerifier verifier = new RelyingParty("Shop", RP_ID, null, false, LIFETIME, new SecureRandom(), clock)
            .verifierFor(RP_ID, ORIGIN).orElseThrow();
    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final Passkeys passkeys = new Passkeys(store, true, clock);
    private final FakeAuthenticator laptop = FakeAuthenticator.es256(RP_ID, ORIGIN);
    private byte[] aliceHandle;
    private StoredPasskey registered;
    /** The sign-in challenge the session holds, as the request options gave it to the browser. */
    private PasskeyChallenge pending;

    @BeforeEach
    void registerAlicesPasskey() throws PasskeyVerifier.Refused {
        laptop.signCount = 10;
        registered = register(SignInFixture.SUBJECT, laptop, "Work laptop");
        laptop.signCount = 11;
        clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void verifyPasskeyWhenRightAnswerThenVerifiedWithItsEventsAndNoEmail() throws InterruptedException {
        VerifyOutcome outcome = verify(answer());

        assertEquals(VerifyOutcome.Status.VERIFIED, outcome.status());
        assertEquals(SignInService.PASSKEY, only(Type.VERIFIED).reason());
        assertNull(only(Type.VERIFIED).sinceSent(), "no code was sent");
        assertEquals(new AuditEvent(Type.PASSKEY_USED, "alice", SignInFixture.MASKED, SignInFixture.IP, "session-flow-1", null, null,
                fixture.clock.instant()), only(Type.PASSKEY_USED));
        assertEquals(List.of(), fixture.eventsOf(Type.VERIFY_FAILED));
        assertEquals(List.of(), fixture.eventsOf(Type.CHALLENGE_ISSUED), "no code was issued");
        assertNull(fixture.outbox.poll(200, TimeUnit.MILLISECONDS), "no email was sent");
    }

    @Test
    void verifyPasskeyWhenRightAnswerThenCounterAndLastUseStored() {
        verify(answer());

        assertEquals(List.of(new StoredPasskey("alice", registered.credentialId(), registered.credential(), 11, registered.transports(),
                "Work laptop", registered.createdAt(), clock.instant())), store.passkeys("alice"));
    }

    @Test
    void verifyPasskeyWhenRs256KeyThenVerified() throws PasskeyVerifier.Refused {
        FakeAuthenticator windowsHello = FakeAuthenticator.rs256(RP_ID, ORIGIN);
        register("alice", windowsHello, "Windows Hello");
        windowsHello.signCount = 1;

        assertEquals(VerifyOutcome.Status.VERIFIED, verify(windowsHello.get(newChallenge("alice"), aliceHandle)).status());
        assertEquals(registered, store.passkeys("alice").get(0), "the other passkey is untouched");
    }

    @Test
    void verifyPasskeyWhenVerifiedAfterFailuresThenTheFailureCountIsCleared() {
        for (int i = 0; i < 3; i++) {
            verify(withResponseMember(answer(), "signature", flipByte(8)));
        }
        assertEquals(3, fixture.failures.count("alice").inWindow());

        assertEquals(VerifyOutcome.Status.VERIFIED, verify(answer()).status());

        assertEquals(new FailureCount(0, 0, 0), fixture.failures.count("alice"));
    }

    @Test
    void verifyPasskeyWhenOriginOfAnotherSiteThenRefusedCountedAndNothingStored() {
        laptop.origin = "https://shop-example.evil";

        assertRefusedCountedAndNothingStored("wrong_origin", verify(answer()));
    }

    @Test
    void verifyPasskeyWhenSignedForAnotherRpIdThenRefusedCountedAndNothingStored() {
        laptop.rpId = "evil.example";

        assertRefusedCountedAndNothingStored("wrong_rp_id", verify(answer()));
    }

    @Test
    void verifyPasskeyWhenSignatureTamperedThenRefusedCountedAndNothingStored() {
        assertRefusedCountedAndNothingStored("bad_signature", verify(withResponseMember(answer(), "signature", flipByte(8))));
    }

    @Test
    void verifyPasskeyWhenUserNotPresentThenRefusedCountedAndNothingStored() {
        laptop.userPresent = false;

        assertRefusedCountedAndNothingStored("user_not_present", verify(answer()));
    }

    @Test
    void verifyPasskeyWhenAlicesAnswerPresentedForBobThenRefusedCountedAndNothingStored() throws PasskeyVerifier.Refused {
        FakeAuthenticator bobsPhone = FakeAuthenticator.es256(RP_ID, ORIGIN);
        register("bob", bobsPhone, "Phone");
        Attempt bob = attempt("flow-2", "bob", "bob@example.com");
        PasskeyChallenge bobsChallenge = newChallenge("bob");

        VerifyOutcome outcome = fixture.service.verifyPasskey(bob, verifier, laptop.get(bobsChallenge, aliceHandle), bobsChallenge, passkeys);

        assertEquals(VerifyOutcome.Status.PASSKEY_REFUSED, outcome.status());
        assertEquals("passkey_unknown_credential", only(Type.VERIFY_FAILED).reason());
        assertEquals("bob", only(Type.PASSKEY_FAILED).subject());
        assertEquals(1, fixture.failures.count("bob").inWindow(), "counted against bob");
        assertEquals(0, fixture.failures.count("alice").inWindow());
        assertTrue(store.passkeys("bob").stream().noneMatch(p -> p.credentialId().equals(registered.credentialId())),
                "alice's credential is not among bob's");
        assertEquals(List.of(registered), store.passkeys("alice"));
        assertEquals(List.of(), fixture.eventsOf(Type.VERIFIED));
    }

    @Test
    void verifyPasskeyWhenSameAnswerCheckedTwiceWithTheSameChallengeThenSecondRefusedAsCounterRegression() {
        String answer = answer();
        assertEquals(VerifyOutcome.Status.VERIFIED, verify(answer).status());
        StoredPasskey afterFirst = store.passkeys("alice").get(0);
        clock.advance(Duration.ofSeconds(10));

        VerifyOutcome second = verify(answer);

        // The counter stored by the first check equals the answer's, so the second meets "did not go up" (WebAuthn 6.1.1).
        assertEquals(VerifyOutcome.Status.PASSKEY_REFUSED, second.status());
        assertEquals("passkey_counter_regression", only(Type.VERIFY_FAILED).reason());
        assertEquals(1, fixture.eventsOf(Type.VERIFIED).size());
        assertEquals(List.of(afterFirst), store.passkeys("alice"), "the counter and last use are the first check's");
        assertEquals(11, afterFirst.signCount());
    }

    @Test
    void verifyPasskeyWhenUsedAnswerSentAgainUnderANewChallengeThenExpiredAndCounted() {
        String answer = answer();
        assertEquals(VerifyOutcome.Status.VERIFIED, verify(answer).status());
        StoredPasskey afterFirst = store.passkeys("alice").get(0);
        newChallenge("alice");

        VerifyOutcome replay = verify(answer);

        assertEquals(VerifyOutcome.Status.PASSKEY_EXPIRED, replay.status());
        assertEquals("passkey_wrong_challenge", only(Type.VERIFY_FAILED).reason());
        assertEquals(1, fixture.failures.count("alice").inWindow());
        assertEquals(List.of(afterFirst), store.passkeys("alice"));
    }

    @Test
    void verifyPasskeyWhenNoChallengePendingThenExpiredAndCounted() {
        String answer = answer();

        VerifyOutcome outcome = fixture.service.verifyPasskey(attempt("flow-1"), verifier, answer, null, passkeys);

        assertEquals(VerifyOutcome.Status.PASSKEY_EXPIRED, outcome.status());
        assertEquals("passkey_wrong_challenge", only(Type.VERIFY_FAILED).reason());
        assertEquals("wrong_challenge", only(Type.PASSKEY_FAILED).reason());
        assertEquals(1, fixture.failures.count("alice").inWindow());
        assertEquals(List.of(registered), store.passkeys("alice"));
    }

    @Test
    void verifyPasskeyWhenChallengeOutlivedItsLifetimeThenExpiredAndCounted() {
        String answer = answer();
        clock.advance(LIFETIME);

        VerifyOutcome outcome = verify(answer);

        assertEquals(VerifyOutcome.Status.PASSKEY_EXPIRED, outcome.status());
        assertEquals("passkey_challenge_expired", only(Type.VERIFY_FAILED).reason());
        assertEquals("challenge_expired", only(Type.PASSKEY_FAILED).reason());
        assertEquals(1, fixture.failures.count("alice").inWindow());
        assertEquals(List.of(registered), store.passkeys("alice"));
    }

    @Test
    void verifyPasskeyWhenAnsweredInTheLastMillisecondOfTheLifetimeThenVerified() {
        String answer = answer();
        clock.advance(LIFETIME.minusMillis(1));

        assertEquals(VerifyOutcome.Status.VERIFIED, verify(answer).status());
    }

    @Test
    void verifyPasskeyWhenCounterWentBackwardsThenRefusedWithWarningEventAndNoticeNamingThePasskey() throws InterruptedException {
        laptop.signCount = 3;

        VerifyOutcome outcome = verify(answer());

        assertEquals(VerifyOutcome.Status.PASSKEY_REFUSED, outcome.status());
        assertEquals("passkey_counter_regression", only(Type.VERIFY_FAILED).reason());
        assertEquals("counter_regression", only(Type.PASSKEY_FAILED).reason());
        AuditEvent regression = only(Type.PASSKEY_COUNTER_REGRESSION);
        assertEquals("alice", regression.subject());
        assertEquals(SignInFixture.MASKED, regression.maskedEmail());
        List<LogRecord> warnings = fixture.logs.stream()
                .filter(r -> r.getLevel() == Level.WARNING && SignInService.class.getName().equals(r.getLoggerName())).toList();
        assertEquals(1, warnings.size(), "one WARNING: " + warnings);
        String warning = warnings.get(0).getMessage();
        assertTrue(warning.contains("alice") && warning.contains("went backwards"), warning);
        assertFalse(warning.contains(registered.credentialId()), "no credential id in the log: " + warning);
        OutgoingEmail notice = fixture.nextEmail();
        assertEquals(SignInFixture.EMAIL, notice.to());
        assertEquals("A sign-in with your Shop passkey was stopped", notice.subject());
        assertTrue(notice.text().contains("\"Work laptop\""), notice.text());
        assertEquals(List.of(registered), store.passkeys("alice"), "the counter stays where it was");
        assertEquals(1, fixture.failures.count("alice").inWindow());
    }

    @Test
    void verifyPasskeyWhenCounterWentBackwardsForAUserWithoutAddressThenEventButNoNotice() throws InterruptedException {
        laptop.signCount = 3;

        VerifyOutcome outcome = fixture.service.verifyPasskey(attempt("flow-1", "alice", null), verifier, answer(), pending, passkeys);

        assertEquals(VerifyOutcome.Status.PASSKEY_REFUSED, outcome.status());
        only(Type.PASSKEY_COUNTER_REGRESSION);
        assertNull(fixture.outbox.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void verifyPasskeyWhenWrongAnswersAndWrongCodesReachTheThresholdTogetherThenLockedOnceAndNothingCheckedAfter() {
        String emailed = fixture.sendCode("flow-1");
        for (int i = 0; i < 4; i++) {
            assertEquals(VerifyOutcome.Status.REJECTED, fixture.service.verify(attempt("flow-1"), wrong(emailed)).status(), "code " + i);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(VerifyOutcome.Status.PASSKEY_REFUSED, verify(withResponseMember(answer(), "signature", flipByte(8))).status(),
                    "passkey " + i);
        }

        VerifyOutcome tenth = verify(withResponseMember(answer(), "signature", flipByte(8)));

        assertEquals(VerifyOutcome.Status.LOCKED, tenth.status(), "the tenth failure, codes and passkeys together, locks");
        assertEquals(1, fixture.eventsOf(Type.LOCKED_OUT).size());
        assertEquals(6, fixture.eventsOf(Type.PASSKEY_FAILED).size());
        int failedBefore = fixture.eventsOf(Type.VERIFY_FAILED).size();

        VerifyOutcome right = verify(answer());

        assertEquals(VerifyOutcome.Status.LOCKED, right.status(), "the right answer is refused while locked");
        assertEquals(List.of(registered), store.passkeys("alice"), "nothing was checked or stored");
        assertEquals(6, fixture.eventsOf(Type.PASSKEY_FAILED).size());
        assertEquals(List.of(), fixture.eventsOf(Type.PASSKEY_USED));
        assertEquals(List.of(), fixture.eventsOf(Type.VERIFIED));
        List<AuditEvent> failed = fixture.eventsOf(Type.VERIFY_FAILED);
        assertEquals(failedBefore + 1, failed.size());
        assertEquals("locked", failed.get(failed.size() - 1).reason());
        assertEquals(1, fixture.eventsOf(Type.LOCKED_OUT).size(), "locked out once");
        assertEquals(VerifyOutcome.Status.LOCKED, fixture.service.verify(attempt("flow-1"), emailed).status());
    }

    @Test
    void verifyPasskeyWhenTwentyParallelSubmissionsOfTheRightAnswerThenExactlyOneVerified() throws Exception {
        laptop.signCount = 42;
        String answer = answer();
        PasskeyChallenge challenge = pending;

        List<VerifyOutcome.Status> outcomes = Race.of(20,
                t -> fixture.service.verifyPasskey(attempt("flow-" + t), verifier, answer, challenge, passkeys).status());

        assertEquals(1, outcomes.stream().filter(s -> s == VerifyOutcome.Status.VERIFIED).count(), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(s -> Set.of(VerifyOutcome.Status.VERIFIED, VerifyOutcome.Status.PASSKEY_EXPIRED,
                VerifyOutcome.Status.PASSKEY_REFUSED, VerifyOutcome.Status.LOCKED).contains(s)), outcomes.toString());
        assertEquals(1, fixture.eventsOf(Type.PASSKEY_USED).size());
        assertEquals(42, store.passkeys("alice").get(0).signCount());
    }

    @Test
    void verifyPasskeyWhenUserHasNoPasskeyThenUnavailableAndNothingCounted() {
        Attempt bob = attempt("flow-2", "bob", "bob@example.com");
        PasskeyChallenge challenge = verifier.newChallenge();

        for (int i = 0; i < 15; i++) {
            assertEquals(VerifyOutcome.Status.PASSKEY_UNAVAILABLE,
                    fixture.service.verifyPasskey(bob, verifier, laptop.get(challenge, aliceHandle), challenge, passkeys).status());
        }

        assertEquals(new FailureCount(0, 0, 0), fixture.failures.count("bob"));
        assertEquals(SignInService.NO_PASSKEY, fixture.eventsOf(Type.VERIFY_FAILED).get(0).reason());
        assertEquals(List.of(), fixture.eventsOf(Type.PASSKEY_FAILED));
        assertEquals(List.of(), fixture.eventsOf(Type.LOCKED_OUT));
    }

    @Test
    void verifyPasskeyWhenPasskeysTurnedOffThenUnavailableAndNothingCountedOrStored() {
        Passkeys off = new Passkeys(store, false, clock);
        String answer = answer();

        VerifyOutcome outcome = fixture.service.verifyPasskey(attempt("flow-1"), verifier, answer, pending, off);

        assertEquals(VerifyOutcome.Status.PASSKEY_UNAVAILABLE, outcome.status());
        assertEquals(new FailureCount(0, 0, 0), fixture.failures.count("alice"));
        assertEquals(List.of(registered), store.passkeys("alice"));
    }

    @Test
    void verifyPasskeyWhenLockedThenLockedBeforeAskingWhetherTheUserHasAPasskey() {
        Attempt bob = attempt("flow-2", "bob", "bob@example.com");
        for (int i = 0; i < 10; i++) {
            fixture.failures.recordFailure("bob");
        }

        VerifyOutcome outcome = fixture.service.verifyPasskey(bob, verifier, answer(), pending, passkeys);

        assertEquals(VerifyOutcome.Status.LOCKED, outcome.status());
        assertEquals("locked", only(Type.VERIFY_FAILED).reason());
    }

    @Test
    void verifyPasskeyWhenAParallelRequestLocksTheAccountAfterTheLockCheckThenLockedAndNothingChecked() {
        InterleavingStore interleaving = new InterleavingStore(store);
        Passkeys racing = new Passkeys(interleaving, true, clock);
        String answer = answer();
        // Between this request's lock check and its count, other requests' ten failures lock the account.
        interleaving.onNextLookup = () -> {
            for (int i = 0; i < 10; i++) {
                fixture.failures.recordFailure("alice");
            }
        };

        VerifyOutcome outcome = fixture.service.verifyPasskey(attempt("flow-1"), verifier, answer, pending, racing);

        assertEquals(VerifyOutcome.Status.LOCKED, outcome.status());
        assertEquals("locked", only(Type.VERIFY_FAILED).reason());
        assertEquals(List.of(registered), store.passkeys("alice"), "the answer was not checked");
        assertEquals(List.of(), fixture.eventsOf(Type.PASSKEY_USED));
        assertEquals(List.of(), fixture.eventsOf(Type.LOCKED_OUT), "this request did not lock the account");
    }

    @Test
    void verifyPasskeyWhenRefusedThenNoEventHoldsTheAnswer() {
        String forged = withResponseMember(answer(), "signature", flipByte(8));
        verify(forged);

        String signature = forged.replaceAll(".*\"signature\":\"([^\"]+)\".*", "$1");
        for (AuditEvent event : fixture.events) {
            assertFalse(event.toLogLine().contains(signature) || event.toLogLine().contains(registered.credentialId()), event.toLogLine());
        }
    }

    /** A new sign-in challenge for Alice, as the page asks for it, and her authenticator's answer to it. */
    private String answer() {
        return laptop.get(newChallenge("alice"), aliceHandle);
    }

    /** A new sign-in challenge, now pending in the session, with the request options made for it. */
    private PasskeyChallenge newChallenge(String subject) {
        pending = verifier.newChallenge();
        passkeys.requestOptions(verifier, pending, subject);
        return pending;
    }

    /** Alice's sign-in in flow-1 with the answer, against the pending challenge. */
    private VerifyOutcome verify(String answer) {
        return fixture.service.verifyPasskey(attempt("flow-1"), verifier, answer, pending, passkeys);
    }

    /** Registers through {@link Passkeys}, answering the creation options' challenge; keeps Alice's handle. */
    private StoredPasskey register(String subject, FakeAuthenticator authenticator, String name) throws PasskeyVerifier.Refused {
        PasskeyChallenge challenge = verifier.newChallenge();
        String options = passkeys.creationOptions(verifier, challenge, subject, subject + "@example.com");
        if (subject.equals(SignInFixture.SUBJECT)) {
            aliceHandle = FakeAuthenticator.userHandleIn(options);
        }
        return passkeys.register(verifier, subject, authenticator.create(challenge), challenge, name);
    }

    private void assertRefusedCountedAndNothingStored(String reason, VerifyOutcome outcome) {
        assertEquals(VerifyOutcome.Status.PASSKEY_REFUSED, outcome.status());
        assertEquals(SignInService.PASSKEY + "_" + reason, only(Type.VERIFY_FAILED).reason());
        assertEquals(reason, only(Type.PASSKEY_FAILED).reason());
        assertEquals(1, fixture.failures.count("alice").inWindow(), "counted");
        assertEquals(List.of(registered), store.passkeys("alice"), "nothing stored");
        assertEquals(List.of(), fixture.eventsOf(Type.VERIFIED));
        assertEquals(List.of(), fixture.eventsOf(Type.PASSKEY_USED));
    }

    /** Keeps passkeys in another store, and runs a test's step just before the next lookup of a user's passkeys. */
    private static final class InterleavingStore extends ForwardingAccountStore {
        private final AccountStore state;
        Runnable onNextLookup;

        InterleavingStore(AccountStore state) {
            this.state = state;
        }

        @Override
        protected AccountStore delegate() {
            return state;
        }

        @Override
        public List<StoredPasskey> passkeys(String subject) {
            Runnable step = onNextLookup;
            onNextLookup = null;
            if (step != null) {
                step.run();
            }
            return state.passkeys(subject);
        }
    }

    private AuditEvent only(Type type) {
        List<AuditEvent> matching = fixture.eventsOf(type);
        assertEquals(1, matching.size(), "events: " + fixture.events);
        return matching.get(0);
    }
}
