package io.github.email2fa.passkey;

import static io.github.email2fa.passkey.FakeAuthenticator.flipByte;
import static io.github.email2fa.passkey.FakeAuthenticator.withResponseMember;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.account.StoredPasskey;
import io.github.email2fa.passkey.PasskeyVerifier.Refused;
import io.github.email2fa.passkey.PasskeyVerifier.Refused.Reason;
import io.github.email2fa.testing.FirstReleaseAccountStore;
import io.github.email2fa.testing.ForwardingAccountStore;
import io.github.email2fa.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Covers {@link Passkeys} on an account store: registration from an answer to its creation options,
 * sign-in with the counter stored by compare-and-set, and renaming and removal that leave other
 * users' passkeys alone. The checks of each response are {@link PasskeyVerifierTest}'s; this is what
 * the service adds around them.
 */
class PasskeysTest {

    private static final String RP_ID = "shop.example";
    private static final String ORIGIN = "https://shop.example";
    private static final Instant NOW = Instant.parse("2025-06-02T09:00:00Z");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final MutableClock clock = new MutableClock(NOW);
    private final PasskeyVerifier verifier = new RelyingParty("Shop", RP_ID, null, false, Duration.ofMinutes(5), new SecureRandom(), clock)
            .verifierFor(RP_ID, ORIGIN).orElseThrow();
    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final Passkeys passkeys = new Passkeys(store, true, clock);
    private final FakeAuthenticator alicesLaptop = FakeAuthenticator.es256(RP_ID, ORIGIN);
    private final FakeAuthenticator bobsPhone = FakeAuthenticator.es256(RP_ID, ORIGIN);
    private byte[] aliceHandle;
    private StoredPasskey alices;
    private StoredPasskey bobs;

    @BeforeEach
    void registerOnePasskeyEach() throws Refused {
        alicesLaptop.signCount = 10;
        alices = register("alice", alicesLaptop, "Work laptop");
        bobs = register("bob", bobsPhone, "Phone");
        aliceHandle = FakeAuthenticator.userHandleIn(passkeys.creationOptions(verifier, verifier.newChallenge(), "alice", "alice@example.com"));
        clock.advance(Duration.ofHours(1));
    }

    @Test
    void registerWhenAnswerToTheCreationOptionsThenStoredAsAnsweredAndNeverUsed() {
        assertEquals(List.of(alices), store.passkeys("alice"));
        assertEquals(new StoredPasskey("alice", BASE64URL.encodeToString(alicesLaptop.credentialId()), alices.credential(), 10,
                Set.of("internal", "hybrid"), "Work laptop", NOW, null), alices);
        assertEquals(List.of(bobs), store.passkeys("bob"));
    }

    @Test
    void creationOptionsWhenAskedAgainThenSameUserHandleAndTheUsersPasskeyExcluded() {
        String options = passkeys.creationOptions(verifier, verifier.newChallenge(), "alice", "alice@example.com");

        assertEquals(BASE64URL.encodeToString(aliceHandle), BASE64URL.encodeToString(FakeAuthenticator.userHandleIn(options)),
                "one handle per user, drawn once");
        assertTrue(options.contains(alices.credentialId()), "an authenticator that holds it is told so: " + options);
        assertFalse(options.contains(bobs.credentialId()), "no other user's passkey is named: " + options);
        assertNotEquals(BASE64URL.encodeToString(aliceHandle), BASE64URL.encodeToString(FakeAuthenticator.userHandleIn(
                passkeys.creationOptions(verifier, verifier.newChallenge(), "bob", "bob@example.com"))));
    }

    @Test
    void requestOptionsWhenUserHasPasskeysThenOnlyTheirsAreAskedFor() {
        String options = passkeys.requestOptions(verifier, verifier.newChallenge(), "alice");

        assertTrue(options.contains(alices.credentialId()), options);
        assertFalse(options.contains(bobs.credentialId()), options);
    }

    @Test
    void requestOptionsWhenUserHasNoPasskeyThenIllegalState() {
        assertThrows(IllegalStateException.class, () -> passkeys.requestOptions(verifier, verifier.newChallenge(), "carol"));
    }

    @Test
    void registerWhenCredentialIdRegisteredToAnotherUserThenAlreadyRegisteredAndNothingStoredForTheSecondUser() {
        Refused refused = assertThrows(Refused.class, () -> register("carol", alicesLaptop, "Borrowed laptop"));

        assertEquals(Reason.ALREADY_REGISTERED, refused.reason());
        assertEquals(List.of(), store.passkeys("carol"));
        assertFalse(passkeys.hasPasskey("carol"));
        assertEquals(List.of(alices), store.passkeys("alice"), "the first user's passkey is untouched");
    }

    @Test
    void registerWhenSameCredentialRegisteredAgainBySameUserThenAlreadyRegistered() {
        Refused refused = assertThrows(Refused.class, () -> register("alice", alicesLaptop, "Laptop again"));

        assertEquals(Reason.ALREADY_REGISTERED, refused.reason());
        assertEquals(List.of(alices), store.passkeys("alice"));
    }

    @Test
    void registerWhenNameHasControlCharacterThenIllegalArgumentAndNothingStored() {
        FakeAuthenticator key = FakeAuthenticator.es256(RP_ID, ORIGIN);

        assertThrows(IllegalArgumentException.class, () -> register("carol", key, "Work\nlaptop"));

        assertEquals(List.of(), store.passkeys("carol"));
    }

    @Test
    void registerWhenResponseRefusedThenNothingStored() {
        FakeAuthenticator phishing = FakeAuthenticator.es256(RP_ID, "https://shop-example.evil");

        assertEquals(Reason.WRONG_ORIGIN, assertThrows(Refused.class, () -> register("carol", phishing, "Key")).reason());

        assertEquals(List.of(), store.passkeys("carol"));
    }

    @Test
    void authenticateWhenRightAnswerThenCounterAndTimeStoredAndThePasskeyBeforeUseReturned() throws Refused {
        PasskeyChallenge challenge = verifier.newChallenge();
        alicesLaptop.signCount = 11;

        StoredPasskey before = passkeys.authenticate(verifier, "alice", alicesLaptop.get(challenge, aliceHandle), challenge);

        assertEquals(alices, before);
        assertEquals(List.of(new StoredPasskey("alice", alices.credentialId(), alices.credential(), 11, alices.transports(), "Work laptop",
                NOW, clock.instant())), store.passkeys("alice"));
        assertEquals(List.of(bobs), store.passkeys("bob"));
    }

    @Test
    void authenticateWhenAnotherRequestStoredTheSameCounterFirstThenReplayedAndStoredOnce() throws Refused {
        RacingStore racing = new RacingStore(store);
        Passkeys racingPasskeys = new Passkeys(racing, true, clock);
        PasskeyChallenge challenge = verifier.newChallenge();
        alicesLaptop.signCount = 11;
        Instant checkedAt = clock.instant();
        racing.beforeNextUse = () -> store.usePasskey("alice", alices.credentialId(), 10, null, 11, checkedAt.minusSeconds(1));

        Refused refused = assertThrows(Refused.class,
                () -> racingPasskeys.authenticate(verifier, "alice", alicesLaptop.get(challenge, aliceHandle), challenge));

        assertEquals(Reason.REPLAYED, refused.reason());
        assertEquals(checkedAt.minusSeconds(1), store.passkeys("alice").get(0).lastUsedAt(), "only the first use is recorded");
    }

    @Test
    void authenticateWhenCounterlessAnswerUsedByAnotherRequestBeforeTheCompareAndSetThenReplayed() throws Refused {
        // Many authenticators, synced passkeys among them, keep no counter: every answer carries 0 (WebAuthn 6.1.1).
        RacingStore racing = new RacingStore(store);
        Passkeys racingPasskeys = new Passkeys(racing, true, clock);
        byte[] bobHandle = FakeAuthenticator.userHandleIn(passkeys.creationOptions(verifier, verifier.newChallenge(), "bob", "bob@example.com"));
        PasskeyChallenge challenge = verifier.newChallenge();
        String answer = bobsPhone.get(challenge, bobHandle);
        racing.beforeNextUse = () -> {
            try {
                passkeys.authenticate(verifier, "bob", answer, challenge);
            } catch (Refused refused) {
                throw new AssertionError("the first of the two requests signs in", refused);
            }
        };

        Refused refused = assertThrows(Refused.class, () -> racingPasskeys.authenticate(verifier, "bob", answer, challenge),
                "one assertion sent twice at once signs in once");

        assertEquals(Reason.REPLAYED, refused.reason());
    }

    @Test
    void authenticateWhenRefusedThenNothingStored() {
        PasskeyChallenge challenge = verifier.newChallenge();
        alicesLaptop.signCount = 11;
        String forged = withResponseMember(alicesLaptop.get(challenge, aliceHandle), "signature", flipByte(8));

        assertEquals(Reason.BAD_SIGNATURE,
                assertThrows(Refused.class, () -> passkeys.authenticate(verifier, "alice", forged, challenge)).reason());

        assertEquals(List.of(alices), store.passkeys("alice"));
    }

    @Test
    void authenticateWhenUserHasNoPasskeyThenUnknownCredential() {
        PasskeyChallenge challenge = verifier.newChallenge();

        assertEquals(Reason.UNKNOWN_CREDENTIAL, assertThrows(Refused.class,
                () -> passkeys.authenticate(verifier, "carol", alicesLaptop.get(challenge, aliceHandle), challenge)).reason());
    }

    @Test
    void renameWhenOwnPasskeyThenRenamedAndNothingElseChanges() {
        assertTrue(passkeys.rename("alice", alices.credentialId(), "Home laptop"));

        assertEquals(List.of(new StoredPasskey("alice", alices.credentialId(), alices.credential(), 10, alices.transports(), "Home laptop",
                NOW, null)), store.passkeys("alice"));
    }

    @Test
    void renameWhenAnotherUsersPasskeyThenFalseAndTheirNameKept() {
        assertFalse(passkeys.rename("alice", bobs.credentialId(), "Mine now"));

        assertEquals(List.of(bobs), store.passkeys("bob"));
        assertEquals(List.of(alices), store.passkeys("alice"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "Work\nlaptop", "Tab\there", "Bell\u0007", "Nul\u0000", "Del\u007f", "C1\u0085",
            "12345678901234567890123456789012345678901234567890123456789012345"})
    void renameWhenNameBlankTooLongOrWithControlCharacterThenIllegalArgumentAndNameKept(String name) {
        assertThrows(IllegalArgumentException.class, () -> passkeys.rename("alice", alices.credentialId(), name), "name " + name);

        assertEquals("Work laptop", store.passkeys("alice").get(0).name());
    }

    @Test
    void renameWhenNameOfSixtyFourCharactersThenAccepted() {
        String longest = "x".repeat(PasskeyCredential.MAX_NAME_LENGTH);

        assertTrue(passkeys.rename("alice", alices.credentialId(), longest));

        assertEquals(longest, store.passkeys("alice").get(0).name());
    }

    @Test
    void removeWhenOwnPasskeyThenReturnedAndGoneAndOthersKept() {
        assertEquals(alices, passkeys.remove("alice", alices.credentialId()));

        assertEquals(List.of(), store.passkeys("alice"));
        assertFalse(passkeys.hasPasskey("alice"));
        assertEquals(List.of(bobs), store.passkeys("bob"));
        assertNull(passkeys.remove("alice", alices.credentialId()), "gone already");
    }

    @Test
    void removeWhenAnotherUsersPasskeyThenNullAndKept() {
        assertNull(passkeys.remove("alice", bobs.credentialId()));

        assertEquals(List.of(bobs), store.passkeys("bob"));
        assertEquals(List.of(alices), store.passkeys("alice"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"AAAAAAAAAAAAAAAAAAAAAA", "a", "not base64!", "a+b/c=", "%41%41", "' OR 1=1 --"})
    void removeWhenUnknownOrMalformedIdThenNullAndNothingRemoved(String credentialId) {
        assertNull(passkeys.remove("alice", credentialId));
        assertFalse(passkeys.rename("alice", credentialId, "Renamed"));

        assertEquals(List.of(alices), store.passkeys("alice"));
        assertEquals(List.of(bobs), store.passkeys("bob"));
    }

    @Test
    void removeWhenIdLongerThanAnyCredentialIdThenNull() {
        assertNull(passkeys.remove("alice", "A".repeat(1368)));
    }

    @Test
    void removeAllWhenTwoPasskeysThenBothGoneAndOtherUsersKept() throws Refused {
        register("alice", FakeAuthenticator.rs256(RP_ID, ORIGIN), "Windows Hello");

        assertEquals(2, passkeys.removeAll("alice"));

        assertEquals(List.of(), store.passkeys("alice"));
        assertEquals(List.of(bobs), store.passkeys("bob"));
        assertEquals(0, passkeys.removeAll("alice"));
    }

    @Test
    void nameOfPostedWhenAnswerOfOwnPasskeyThenItsName() {
        assertEquals("Work laptop", passkeys.nameOfPosted("alice", alicesLaptop.get(verifier.newChallenge(), aliceHandle)));
    }

    @Test
    void nameOfPostedWhenAnotherUsersPasskeyOrNotJsonThenNull() {
        assertNull(passkeys.nameOfPosted("alice", bobsPhone.get(verifier.newChallenge(), null)));
        assertNull(passkeys.nameOfPosted("alice", "not json"));
        assertNull(passkeys.nameOfPosted("alice", null));
    }

    @Test
    void availabilityWhenEnabledOnAStoreThatKeepsPasskeysThenAvailable() {
        assertEquals(Passkeys.Availability.AVAILABLE, passkeys.availability());
        assertTrue(passkeys.hasPasskey("alice"));
        assertFalse(passkeys.hasPasskey("carol"));
    }

    @Test
    void availabilityWhenDisabledThenOffAndStoredPasskeysUnusedButKept() {
        Passkeys off = new Passkeys(store, false, clock);
        PasskeyChallenge challenge = verifier.newChallenge();
        alicesLaptop.signCount = 11;

        assertEquals(Passkeys.Availability.OFF, off.availability());
        assertFalse(off.hasPasskey("alice"));
        assertEquals(List.of(), off.list("alice"));
        assertThrows(IllegalStateException.class, () -> off.requestOptions(verifier, challenge, "alice"));
        assertThrows(IllegalStateException.class, () -> off.creationOptions(verifier, challenge, "alice", "alice@example.com"));
        assertThrows(IllegalStateException.class, () -> off.authenticate(verifier, "alice", alicesLaptop.get(challenge, aliceHandle), challenge));
        assertFalse(off.rename("alice", alices.credentialId(), "Renamed"));
        assertNull(off.remove("alice", alices.credentialId()));
        assertNull(off.nameOfPosted("alice", alicesLaptop.get(challenge, aliceHandle)));
        assertEquals(List.of(alices), store.passkeys("alice"), "turned off, not deleted");
    }

    @Test
    void availabilityWhenStoreDoesNotKeepPasskeysThenStoreLacksPasskeysAndNoneFound() {
        Passkeys lacking = new Passkeys(new FirstReleaseAccountStore(), true, clock);
        PasskeyChallenge challenge = verifier.newChallenge();

        assertEquals(Passkeys.Availability.STORE_LACKS_PASSKEYS, lacking.availability());
        assertFalse(lacking.hasPasskey("alice"));
        assertEquals(List.of(), lacking.list("alice"));
        assertThrows(IllegalStateException.class, () -> lacking.creationOptions(verifier, challenge, "alice", "alice@example.com"));
        assertThrows(IllegalStateException.class, () -> lacking.register(verifier, "alice", alicesLaptop.create(challenge), challenge, "Key"));
        assertFalse(lacking.rename("alice", alices.credentialId(), "Renamed"));
        assertNull(lacking.remove("alice", alices.credentialId()));
        assertEquals(0, lacking.removeAll("alice"));
    }

    @Test
    void availabilityWhenDisabledOnAStoreWithoutPasskeysThenOff() {
        Passkeys off = new Passkeys(new FirstReleaseAccountStore(), false, clock);

        assertEquals(Passkeys.Availability.OFF, off.availability());
        assertFalse(off.hasPasskey("alice"));
    }

    /** Registers through {@link Passkeys}: creation options for a new challenge, and the authenticator's answer to them. */
    private StoredPasskey register(String subject, FakeAuthenticator authenticator, String name) throws Refused {
        PasskeyChallenge challenge = verifier.newChallenge();
        passkeys.creationOptions(verifier, challenge, subject, subject + "@example.com");
        return passkeys.register(verifier, subject, authenticator.create(challenge), challenge, name);
    }

    /** Keeps passkeys in another store, and lets a test run a competing sign-in just before the next compare-and-set. */
    private static final class RacingStore extends ForwardingAccountStore {
        private final AccountStore state;
        Runnable beforeNextUse;

        RacingStore(AccountStore state) {
            this.state = state;
        }

        @Override
        protected AccountStore delegate() {
            return state;
        }

        @Override
        public boolean usePasskey(String subject, String credentialId, long expectedCount, Instant expectedLastUsedAt, long newCount,
                Instant at) {
            Runnable competitor = beforeNextUse;
            beforeNextUse = null;
            if (competitor != null) {
                competitor.run();
            }
            return state.usePasskey(subject, credentialId, expectedCount, expectedLastUsedAt, newCount, at);
        }
    }
}
