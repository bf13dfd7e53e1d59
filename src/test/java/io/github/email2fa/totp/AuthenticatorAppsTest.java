package io.github.email2fa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.AuthenticatorApp;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.testing.MutableClock;
import io.github.email2fa.testing.Race;
import io.github.email2fa.totp.AuthenticatorApps.Availability;
import io.github.email2fa.totp.AuthenticatorApps.Enrolment;
import io.github.email2fa.totp.AuthenticatorApps.Outcome;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticatorAppsTest {

    private static final byte[] KEY = filled(32, 7);
    private static final byte[] NEW_KEY = filled(32, 9);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final SecureRandom random = new SecureRandom();
    private final AccountStore store = new InMemoryAccountStore();
    private final TotpVerifier verifier = new TotpVerifier(TotpSettings.defaults("Example Shop"), clock);
    private final AuthenticatorApps apps = new AuthenticatorApps(store, new SecretBox(KEY, random), verifier, random, clock);

    @Test
    void startWhenAvailableThenSealedUnconfirmedAppAndTheSecretShownAsTextUriAndQrCode() {
        Enrolment shown = apps.start("alice", "alice@example.com").orElseThrow();

        AuthenticatorApp stored = store.authenticator("alice");
        assertFalse(stored.confirmed());
        byte[] secret = secretOf(shown);
        assertFalse(stored.sealedSecret().contains(Base32.encode(secret)), "the store holds the secret sealed");
        assertEquals(20, secret.length, "SHA-1's output size (RFC 4226 section 4)");
        assertTrue(shown.uri().startsWith("otpauth://totp/Example%20Shop:alice@example.com?secret=" + Base32.encode(secret)), shown.uri());
        assertEquals(shown, apps.pending("alice", "alice@example.com").orElseThrow(), "shown again from the store");
        assertFalse(apps.hasApp("alice"), "not a way in before the first code");
    }

    @Test
    void confirmWhenCurrentCodeThenAppIsAWayInAndThatCodeIsUsed() {
        byte[] secret = secretOf(apps.start("alice", "alice@example.com").orElseThrow());

        assertEquals(Outcome.ACCEPTED, apps.confirm("alice", verifier.currentCode(secret)));

        assertTrue(apps.hasApp("alice"));
        assertEquals(Outcome.ALREADY_USED, apps.check("alice", verifier.currentCode(secret)), "the confirming code's step is used");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Outcome.ACCEPTED, apps.check("alice", verifier.currentCode(secret)));
    }

    @Test
    void confirmWhenWrongMalformedOrNothingWaitingThenSaysWhyAndNothingConfirmed() {
        byte[] secret = secretOf(apps.start("alice", "alice@example.com").orElseThrow());
        String wrong = otherCode(verifier.currentCode(secret));

        assertEquals(Outcome.WRONG, apps.confirm("alice", wrong));
        assertEquals(Outcome.MALFORMED, apps.confirm("alice", "12345"));
        assertEquals(Outcome.NO_APP, apps.confirm("bob", "123456"));
        assertFalse(apps.hasApp("alice"));
    }

    @Test
    void confirmWhenEnrolmentStartedAgainThenOnlyTheNewSecretConfirms() {
        byte[] first = secretOf(apps.start("alice", "alice@example.com").orElseThrow());
        byte[] second = secretOf(apps.start("alice", "alice@example.com").orElseThrow());

        assertEquals(Outcome.WRONG, apps.confirm("alice", verifier.currentCode(first)));
        assertEquals(Outcome.ACCEPTED, apps.confirm("alice", verifier.currentCode(second)));
    }

    @Test
    void startWhenAppConfirmedThenEmptyAndTheAppKept() {
        byte[] secret = confirmedApp("alice");

        assertTrue(apps.start("alice", "alice@example.com").isEmpty());

        clock.advance(Duration.ofSeconds(30));
        assertEquals(Outcome.ACCEPTED, apps.check("alice", verifier.currentCode(secret)));
    }

    @Test
    void checkWhenCodeOfNeighbourStepThenAcceptedAndTwoStepsAwayWrong() {
        byte[] secret = confirmedApp("alice");
        clock.advance(Duration.ofMinutes(5));
        String now = verifier.currentCode(secret);
        clock.advance(Duration.ofSeconds(30));

        assertEquals(Outcome.ACCEPTED, apps.check("alice", now), "one step late (skew 1)");
        clock.advance(Duration.ofSeconds(60));
        String stale = verifier.currentCode(secret);
        clock.advance(Duration.ofSeconds(60));
        assertEquals(Outcome.WRONG, apps.check("alice", stale), "two steps late");
    }

    @Test
    void checkWhenSameCodeTwiceThenSecondAlreadyUsed() {
        byte[] secret = confirmedApp("alice");
        clock.advance(Duration.ofSeconds(30));
        String code = verifier.currentCode(secret);

        assertEquals(Outcome.ACCEPTED, apps.check("alice", code));
        assertEquals(Outcome.ALREADY_USED, apps.check("alice", code));
    }

    @Test
    void checkWhenTwentyParallelSubmissionsOfOneCodeThenExactlyOneAccepted() throws Exception {
        byte[] secret = confirmedApp("alice");

        for (int round = 1; round <= 5; round++) {
            clock.advance(Duration.ofSeconds(30));
            String code = verifier.currentCode(secret);

            List<Outcome> outcomes = Race.of(20, t -> apps.check("alice", code));

            assertEquals(1, outcomes.stream().filter(o -> o == Outcome.ACCEPTED).count(), "round " + round + ": " + outcomes);
            assertEquals(19, outcomes.stream().filter(o -> o == Outcome.ALREADY_USED).count(), "round " + round + ": " + outcomes);
        }
    }

    @Test
    void checkWhenAnotherUsersCodeThenWrong() {
        confirmedApp("alice");
        byte[] bobs = confirmedApp("bob");
        clock.advance(Duration.ofSeconds(30));

        assertEquals(Outcome.WRONG, apps.check("alice", verifier.currentCode(bobs)));
    }

    @Test
    void checkWhenDigitsOfAnotherScriptOrSpacedThenRead() {
        byte[] secret = confirmedApp("alice");
        clock.advance(Duration.ofSeconds(30));
        String code = verifier.currentCode(secret);
        StringBuilder arabicIndic = new StringBuilder();
        for (char c : code.toCharArray()) {
            arabicIndic.append((char) ('\u0660' + (c - '0')));
        }

        assertEquals(Outcome.ACCEPTED, apps.check("alice", arabicIndic.toString()));
        clock.advance(Duration.ofSeconds(30));
        String next = verifier.currentCode(secret);
        assertEquals(Outcome.ACCEPTED, apps.check("alice", next.substring(0, 3) + " " + next.substring(3)));
    }

    @Test
    void checkWhenMalformedOrNoAppThenSaysSo() {
        confirmedApp("alice");

        assertEquals(Outcome.MALFORMED, apps.check("alice", "12a456"));
        assertEquals(Outcome.MALFORMED, apps.check("alice", null));
        assertEquals(Outcome.NO_APP, apps.check("bob", "123456"));
        apps.start("carol", "carol@example.com");
        assertEquals(Outcome.NO_APP, apps.check("carol", "123456"), "an unconfirmed app is no way in");
    }

    @Test
    void checkWhenKeyRotatedThenOldSealOpensAndIsSealedAgainWithTheNewKey() {
        byte[] secret = confirmedApp("alice");
        String sealedWithOldKey = store.authenticator("alice").sealedSecret();
        AuthenticatorApps rotated = new AuthenticatorApps(store, new SecretBox(NEW_KEY, KEY, random), verifier, random, clock);
        clock.advance(Duration.ofSeconds(30));

        assertEquals(Outcome.ACCEPTED, rotated.check("alice", verifier.currentCode(secret)));

        String resealed = store.authenticator("alice").sealedSecret();
        assertNotEquals(sealedWithOldKey, resealed);
        AuthenticatorApps newKeyOnly = new AuthenticatorApps(store, new SecretBox(NEW_KEY, random), verifier, random, clock);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Outcome.ACCEPTED, newKeyOnly.check("alice", verifier.currentCode(secret)), "the old key is no longer needed");
    }

    @Test
    void checkWhenSealedWithAKeyNoLongerSetThenUnavailableAndNotCountedAsWrong() {
        byte[] secret = confirmedApp("alice");
        AuthenticatorApps otherKey = new AuthenticatorApps(store, new SecretBox(NEW_KEY, random), verifier, random, clock);
        AuthenticatorApps noKey = new AuthenticatorApps(store, null, verifier, random, clock);
        clock.advance(Duration.ofSeconds(30));

        assertEquals(Outcome.UNAVAILABLE, otherKey.check("alice", verifier.currentCode(secret)));
        assertEquals(Outcome.UNAVAILABLE, noKey.check("alice", verifier.currentCode(secret)));
        assertEquals(Outcome.ACCEPTED, apps.check("alice", verifier.currentCode(secret)), "the step was not used");
    }

    @Test
    void availabilityWhenNoKeyOrAStoreWithoutAppsThenSaysWhyAndStartRefused() {
        AuthenticatorApps noKey = new AuthenticatorApps(store, null, verifier, random, clock);
        AccountStore withoutApps = new AccountStore() {
            private final AccountStore state = new InMemoryAccountStore();
            @Override public io.github.email2fa.account.AccountRecord find(String s) { return state.find(s); }
            @Override public void setEnrolled(String s, boolean e) { state.setEnrolled(s, e); }
            @Override public long bumpEpoch(String s) { return state.bumpEpoch(s); }
            @Override public void replaceBackupCodes(String s, byte[] salt, List<String> h) { state.replaceBackupCodes(s, salt, h); }
            @Override public boolean useBackupCode(String s, String h, Instant at) { return state.useBackupCode(s, h, at); }
            @Override public int remainingBackupCodes(String s) { return state.remainingBackupCodes(s); }
            @Override public byte[] backupSalt(String s) { return state.backupSalt(s); }
            @Override public void saveDevice(io.github.email2fa.account.RememberedDevice d) { state.saveDevice(d); }
            @Override public io.github.email2fa.account.RememberedDevice findDevice(String h) { return state.findDevice(h); }
            @Override public boolean rotateDevice(String o, String n, Instant at) { return state.rotateDevice(o, n, at); }
            @Override public List<io.github.email2fa.account.RememberedDevice> devices(String s) { return state.devices(s); }
            @Override public boolean forgetDevice(String s, String id) { return state.forgetDevice(s, id); }
            @Override public int forgetAllDevices(String s) { return state.forgetAllDevices(s); }
            @Override public int forgetExpiredDevices(Instant now) { return state.forgetExpiredDevices(now); }
        };
        AuthenticatorApps lacking = new AuthenticatorApps(withoutApps, new SecretBox(KEY, random), verifier, random, clock);

        assertEquals(Availability.AVAILABLE, apps.availability());
        assertEquals(Availability.NO_KEY, noKey.availability());
        assertEquals(Availability.STORE_LACKS_APPS, lacking.availability());
        assertThrows(IllegalStateException.class, () -> noKey.start("alice", "alice@example.com"));
        assertNull(store.authenticator("alice"), "nothing stored, sealed or not");
        assertFalse(lacking.hasApp("alice"));
        assertFalse(lacking.remove("alice"));
    }

    @Test
    void removeWhenConfirmedThenNoWayInAndEnrolmentCanStartAgain() {
        byte[] secret = confirmedApp("alice");

        assertTrue(apps.remove("alice"));

        clock.advance(Duration.ofSeconds(30));
        assertEquals(Outcome.NO_APP, apps.check("alice", verifier.currentCode(secret)));
        assertTrue(apps.start("alice", "alice@example.com").isPresent());
        assertFalse(apps.remove("bob"));
    }

    @Test
    void enrolmentWhenPrintedThenNoSecret() {
        Enrolment shown = apps.start("alice", "alice@example.com").orElseThrow();

        assertFalse(shown.toString().contains(shown.groupedSecret().substring(0, 4)));
        assertFalse(store.authenticator("alice").toString().contains(store.authenticator("alice").sealedSecret()));
    }

    /** Enrols and confirms an app for the user; returns its secret. */
    private byte[] confirmedApp(String subject) {
        byte[] secret = secretOf(apps.start(subject, subject + "@example.com").orElseThrow());
        assertEquals(Outcome.ACCEPTED, apps.confirm(subject, verifier.currentCode(secret)));
        return secret;
    }

    private static byte[] secretOf(Enrolment shown) {
        return new org.apache.commons.codec.binary.Base32().decode(shown.groupedSecret().replace(" ", ""));
    }

    private static String otherCode(String code) {
        char first = code.charAt(0) == '9' ? '0' : (char) (code.charAt(0) + 1);
        return first + code.substring(1);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
