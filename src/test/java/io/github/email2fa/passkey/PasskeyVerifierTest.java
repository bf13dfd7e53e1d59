package io.github.email2fa.passkey;

import static io.github.email2fa.passkey.FakeAuthenticator.flipByte;
import static io.github.email2fa.passkey.FakeAuthenticator.withResponseMember;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.webauthn4j.data.client.ClientDataType;
import io.github.email2fa.passkey.PasskeyVerifier.Refused;
import io.github.email2fa.passkey.PasskeyVerifier.Refused.Reason;
import io.github.email2fa.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Covers {@link PasskeyVerifier#register} and {@link PasskeyVerifier#authenticate} with responses
 * made by {@link FakeAuthenticator}: one accepted ceremony of each kind, then one refusal per check.
 */
class PasskeyVerifierTest {

    private static final String RP_ID = "shop.example";
    private static final String ORIGIN = "https://shop.example";
    private static final Instant NOW = Instant.parse("2025-06-02T09:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final PasskeyVerifier verifier = verifier(false);
    private final byte[] alice = verifier.newUserHandle();
    private final byte[] bob = verifier.newUserHandle();
    private final FakeAuthenticator authenticator = FakeAuthenticator.es256(RP_ID, ORIGIN);
    /** The sign-in challenge the HTTP session holds. */
    private PasskeyChallenge session;

    @Test
    void registerThenAuthenticateWhenEverythingMatchesThenCredentialStoredAndCounterAdvanced() throws Refused {
        authenticator.signCount = 3;
        PasskeyCredential registered = register(authenticator, alice);

        clock.advance(Duration.ofDays(1));
        authenticator.signCount = 4;
        PasskeyCredential used = authenticate(authenticator.get(challenge(), alice), alice, registered);

        assertAll(
                () -> assertArrayEquals(authenticator.credentialId(), registered.credentialId()),
                () -> assertArrayEquals(alice, registered.userHandle()),
                () -> assertEquals(3, registered.signCount()),
                () -> assertEquals(Set.of("internal", "hybrid"), registered.transports()),
                () -> assertEquals("Laptop", registered.name()),
                () -> assertEquals(NOW, registered.createdAt()),
                () -> assertNull(registered.lastUsedAt()),
                () -> assertEquals(4, used.signCount()),
                () -> assertEquals(NOW.plus(Duration.ofDays(1)), used.lastUsedAt()),
                () -> assertEquals(registered.used(4, used.lastUsedAt()), used));
    }

    @Test
    void authenticateWhenNoUserHandleSentThenAccepted() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);

        assertEquals(0, authenticate(authenticator.get(challenge(), null), alice, registered).signCount());
    }

    @Test
    void registerThenAuthenticateWhenRs256KeyThenAccepted() throws Refused {
        FakeAuthenticator windowsHello = FakeAuthenticator.rs256(RP_ID, ORIGIN);
        PasskeyCredential registered = register(windowsHello, alice);

        windowsHello.signCount = 1;
        assertEquals(1, authenticate(windowsHello.get(challenge(), alice), alice, registered).signCount());
    }

    @Test
    void registerWhenPackedSelfAttestationThenAccepted() throws Refused {
        authenticator.attestationFormat = "packed";

        assertArrayEquals(authenticator.credentialId(), register(authenticator, alice).credentialId());
    }

    @Test
    void registerWhenSecondAllowedOriginThenAccepted() throws Refused {
        authenticator.origin = "https://www.shop.example";

        assertArrayEquals(authenticator.credentialId(), register(authenticator, alice).credentialId());
    }

    @Test
    void registerWhenAlgorithmNotOfferedThenUnsupportedAlgorithm() {
        assertRefused(Reason.UNSUPPORTED_ALGORITHM, () -> register(FakeAuthenticator.es384(RP_ID, ORIGIN), alice));
    }

    @Test
    void registerWhenOriginOfAnotherSiteThenWrongOrigin() {
        authenticator.origin = "https://shop-example.evil";

        assertRefused(Reason.WRONG_ORIGIN, () -> register(authenticator, alice));
    }

    @Test
    void authenticateWhenOriginOfAnotherSiteThenWrongOrigin() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        authenticator.origin = "https://evil.example";

        assertRefused(Reason.WRONG_ORIGIN, () -> authenticate(authenticator.get(challenge(), alice), alice, registered));
    }

    @Test
    void registerWhenSignedForAnotherRpIdThenWrongRpId() {
        authenticator.rpId = "evil.example";

        assertRefused(Reason.WRONG_RP_ID, () -> register(authenticator, alice));
    }

    @Test
    void authenticateWhenSignedForAnotherRpIdThenWrongRpId() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        authenticator.rpId = "evil.example";

        assertRefused(Reason.WRONG_RP_ID, () -> authenticate(authenticator.get(challenge(), alice), alice, registered));
    }

    @Test
    void registerWhenResponseToAnotherChallengeThenWrongChallenge() {
        String response = authenticator.create(challenge());

        assertRefused(Reason.WRONG_CHALLENGE, () -> verifier.register(response, challenge(), alice, "Laptop"));
    }

    @Test
    void authenticateWhenResponseReplayedUnderNewChallengeThenWrongChallenge() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        PasskeyChallenge first = challenge();
        String response = authenticator.get(first, alice);
        PasskeyCredential used = verifier.authenticate(response, first, alice, List.of(registered));

        assertRefused(Reason.WRONG_CHALLENGE, () -> verifier.authenticate(response, challenge(), alice, List.of(used)));
    }

    @Test
    void authenticateWhenNoChallengePendingThenWrongChallenge() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        String response = authenticator.get(challenge(), alice);

        assertRefused(Reason.WRONG_CHALLENGE, () -> verifier.authenticate(response, null, alice, List.of(registered)));
    }

    @Test
    void authenticateWhenChallengeOutlivedItsLifetimeThenChallengeExpired() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        PasskeyChallenge challenge = challenge();
        String response = authenticator.get(challenge, alice);

        clock.advance(PasskeySettings.DEFAULT_CHALLENGE_LIFETIME.minusMillis(1));
        assertEquals(0, verifier.authenticate(response, challenge, alice, List.of(registered)).signCount());

        clock.advance(Duration.ofMillis(1));
        assertRefused(Reason.CHALLENGE_EXPIRED, () -> verifier.authenticate(response, challenge, alice, List.of(registered)));
    }

    @Test
    void authenticateWhenCounterGoesBackwardsThenCounterRegression() throws Refused {
        authenticator.signCount = 10;
        PasskeyCredential registered = register(authenticator, alice);
        authenticator.signCount = 9;

        assertRefused(Reason.COUNTER_REGRESSION, () -> authenticate(authenticator.get(challenge(), alice), alice, registered));
    }

    @Test
    void authenticateWhenCounterRepeatsThenCounterRegression() throws Refused {
        authenticator.signCount = 10;
        PasskeyCredential registered = register(authenticator, alice);

        assertRefused(Reason.COUNTER_REGRESSION, () -> authenticate(authenticator.get(challenge(), alice), alice, registered));
    }

    @Test
    void authenticateWhenCounterDropsToZeroThenCounterRegression() throws Refused {
        authenticator.signCount = 10;
        PasskeyCredential registered = register(authenticator, alice);
        authenticator.signCount = 0;

        assertRefused(Reason.COUNTER_REGRESSION, () -> authenticate(authenticator.get(challenge(), alice), alice, registered));
    }

    @Test
    void authenticateWhenCounterStaysZeroThenAcceptedEveryTime() throws Refused {
        PasskeyCredential credential = register(authenticator, alice);

        for (int i = 0; i < 3; i++) {
            credential = authenticate(authenticator.get(challenge(), alice), alice, credential);
        }

        assertEquals(0, credential.signCount());
    }

    @Test
    void authenticateWhenSignatureByteFlippedThenBadSignature() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        String tampered = withResponseMember(authenticator.get(challenge(), alice), "signature", flipByte(-1));

        assertRefused(Reason.BAD_SIGNATURE, () -> authenticate(tampered, alice, registered));
    }

    @Test
    void authenticateWhenCounterInAuthenticatorDataRaisedAfterSigningThenBadSignature() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        // The last of the 37 bytes is the counter's lowest byte: 0 becomes 255, a plausible counter.
        String tampered = withResponseMember(authenticator.get(challenge(), alice), "authenticatorData", flipByte(-1));

        assertRefused(Reason.BAD_SIGNATURE, () -> authenticate(tampered, alice, registered));
    }

    @Test
    void authenticateWhenClientDataChangedAfterSigningThenBadSignature() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        // A space after the closing brace: the JSON still parses, its hash changes.
        String tampered = withResponseMember(authenticator.get(challenge(), alice), "clientDataJSON", bytes -> {
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            longer[bytes.length] = ' ';
            return longer;
        });

        assertRefused(Reason.BAD_SIGNATURE, () -> authenticate(tampered, alice, registered));
    }

    @Test
    void authenticateWhenAliceCredentialPresentedForBobThenUnknownCredential() throws Refused {
        PasskeyCredential alicePasskey = register(authenticator, alice);
        FakeAuthenticator bobAuthenticator = FakeAuthenticator.es256(RP_ID, ORIGIN);
        PasskeyCredential bobPasskey = register(bobAuthenticator, bob);

        assertRefused(Reason.UNKNOWN_CREDENTIAL, () -> authenticate(authenticator.get(challenge(), alice), bob, bobPasskey));
        assertRefused(Reason.UNKNOWN_CREDENTIAL, () -> authenticate(authenticator.get(challenge(), null), bob, bobPasskey));
        // Even when the caller hands over every user's credentials, only Bob's count for Bob.
        assertRefused(Reason.UNKNOWN_CREDENTIAL, () -> authenticate(authenticator.get(challenge(), null), bob, bobPasskey, alicePasskey));
    }

    @Test
    void authenticateWhenAuthenticatorNamesAnotherUserThenUnknownCredential() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);

        assertRefused(Reason.UNKNOWN_CREDENTIAL, () -> authenticate(authenticator.get(challenge(), bob), alice, registered));
    }

    @Test
    void registerWhenUserVerificationRequiredButNotDoneThenUserNotVerified() {
        PasskeyVerifier strict = verifier(true);
        PasskeyChallenge challenge = strict.newChallenge();

        assertRefused(Reason.USER_NOT_VERIFIED, () -> strict.register(authenticator.create(challenge), challenge, alice, "Laptop"));
    }

    @Test
    void authenticateWhenUserVerificationRequiredButNotDoneThenUserNotVerified() throws Refused {
        PasskeyVerifier strict = verifier(true);
        authenticator.userVerified = true;
        PasskeyChallenge registration = strict.newChallenge();
        PasskeyCredential registered = strict.register(authenticator.create(registration), registration, alice, "Laptop");
        authenticator.userVerified = false;
        PasskeyChallenge signIn = strict.newChallenge();

        assertRefused(Reason.USER_NOT_VERIFIED, () -> strict.authenticate(authenticator.get(signIn, alice), signIn, alice,
                List.of(registered)));
    }

    @Test
    void authenticateWhenUserVerificationPreferredAndNotDoneThenAccepted() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);

        assertEquals(registered.credentialIdBase64Url(), authenticate(authenticator.get(challenge(), alice), alice, registered)
                .credentialIdBase64Url());
    }

    @Test
    void authenticateWhenUserNotPresentThenUserNotPresent() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        authenticator.userPresent = false;

        assertRefused(Reason.USER_NOT_PRESENT, () -> authenticate(authenticator.get(challenge(), alice), alice, registered));
    }

    @Test
    void authenticateWhenStoredKeyUnreadableThenIllegalState() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        PasskeyCredential damaged = new PasskeyCredential(registered.credentialId(), new byte[] {1, 2, 3}, 0, alice, Set.of(), "Laptop",
                NOW, null);
        String response = authenticator.get(challenge(), alice);

        assertThrows(IllegalStateException.class, () -> authenticate(response, alice, damaged));
    }

    @Test
    void registerWhenClientDataOfSignInThenMalformed() {
        authenticator.createType = ClientDataType.WEBAUTHN_GET;

        assertRefused(Reason.MALFORMED, () -> register(authenticator, alice));
    }

    @Test
    void refusedWhenAnyReasonThenMessageHoldsNoKeyOrSignature() throws Refused {
        PasskeyCredential registered = register(authenticator, alice);
        String response = withResponseMember(authenticator.get(challenge(), alice), "signature", flipByte(0));

        Refused refused = assertThrows(Refused.class, () -> authenticate(response, alice, registered));

        String message = refused.getMessage();
        Base64.Encoder base64Url = Base64.getUrlEncoder().withoutPadding();
        assertAll(
                () -> assertEquals("BAD_SIGNATURE: webauthn4j BadSignatureException", message),
                () -> assertNull(refused.getCause()),
                () -> assertFalse(message.contains(base64Url.encodeToString(registered.attestedCredentialData()).substring(0, 12))));
    }

    private PasskeyVerifier verifier(boolean userVerificationRequired) {
        PasskeySettings settings = new PasskeySettings(RP_ID, "Shop", Set.of(ORIGIN, "https://www.shop.example"),
                userVerificationRequired, PasskeySettings.DEFAULT_CHALLENGE_LIFETIME, PasskeySettings.Attestation.NONE);
        return new PasskeyVerifier(settings, new SecureRandom(), clock);
    }

    /** A new sign-in challenge, which the session now holds: {@link #authenticate} checks against it. */
    private PasskeyChallenge challenge() {
        session = verifier.newChallenge();
        return session;
    }

    private PasskeyCredential register(FakeAuthenticator fake, byte[] user) throws Refused {
        PasskeyChallenge challenge = verifier.newChallenge();
        return verifier.register(fake.create(challenge), challenge, user, "Laptop");
    }

    /** Checks a sign-in against the challenge the session holds and the given credentials. */
    private PasskeyCredential authenticate(String response, byte[] user, PasskeyCredential... credentials) throws Refused {
        return verifier.authenticate(response, session, user, List.of(credentials));
    }

    private static void assertRefused(Reason expected, Executable ceremony) {
        assertEquals(expected, assertThrows(Refused.class, ceremony).reason());
    }
}
