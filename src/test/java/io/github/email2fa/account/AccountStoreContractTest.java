package io.github.email2fa.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.email2fa.testing.Race;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link AccountStore} must meet; each implementation's test extends this class,
 * the module's own and third parties' alike (it ships in the {@code tests} jar):
 *
 * <pre>{@code
 * class UserTableAccountStoreTest extends io.github.email2fa.account.AccountStoreContractTest {
 *     @Override
 *     protected AccountStore newStore() {
 *         return new UserTableAccountStore(freshDatabase());
 *     }
 * }
 * }</pre>
 */
public abstract class AccountStoreContractTest {

    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");
    /** Rounds of each single-winner race. */
    static final int ROUNDS = 5;
    static final byte[] SALT = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    /** Sealed secrets as a caller stores them; the store only keeps the text. */
    static final String SEALED_1 = "v1.0a1b2c3d.c2VhbGVkLXNlY3JldC1vbmU";
    static final String SEALED_2 = "v1.0a1b2c3d.c2VhbGVkLXNlY3JldC10d28";

    AccountStore store;

    /** A fresh, empty store of the implementation under test. */
    protected abstract AccountStore newStore() throws Exception;

    /**
     * Whether the store tells apart subjects that differ only in trailing spaces ({@code "alice"}
     * and {@code "alice "}); {@code true} unless its database compares text with PAD SPACE, as Derby does.
     */
    protected boolean keepsTrailingSpacesApart() {
        return true;
    }

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    // --- accounts and the epoch

    @Test
    void findWhenUnknownSubjectThenNull() {
        assertNull(store.find(ALICE));
    }

    @Test
    void setEnrolledWhenFirstWriteThenAccountCreatedAtEpochZero() {
        store.setEnrolled(ALICE, true);

        assertEquals(new AccountRecord(ALICE, true, 0), store.find(ALICE));
    }

    @Test
    void setEnrolledWhenDisabledAfterEnrolThenNotEnrolledAndEpochKept() {
        store.setEnrolled(ALICE, true);
        store.bumpEpoch(ALICE);

        store.setEnrolled(ALICE, false);

        assertEquals(new AccountRecord(ALICE, false, 1), store.find(ALICE));
    }

    @Test
    void setEnrolledWhenEightThreadsCreateSameAccountThenAllSucceed() throws Exception {
        Race.of(8, t -> {
            store.setEnrolled(ALICE, true);
            return null;
        });

        assertEquals(new AccountRecord(ALICE, true, 0), store.find(ALICE));
    }

    @Test
    void bumpEpochWhenUnknownSubjectThenOneAndAccountNotEnrolled() {
        assertEquals(1, store.bumpEpoch(ALICE));

        assertEquals(new AccountRecord(ALICE, false, 1), store.find(ALICE));
    }

    @Test
    void bumpEpochWhenCalledTwiceThenEachAddsExactlyOne() {
        store.setEnrolled(ALICE, true);

        assertEquals(1, store.bumpEpoch(ALICE));
        assertEquals(2, store.bumpEpoch(ALICE));
        assertEquals(new AccountRecord(ALICE, true, 2), store.find(ALICE));
    }

    @Test
    void bumpEpochWhenEightThreadsBumpTwentyFiveTimesThenTwoHundredAndEachValueReturnedOnce() throws Exception {
        List<List<Long>> perThread = Race.of(8, t -> {
            List<Long> epochs = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                epochs.add(store.bumpEpoch(ALICE));
            }
            return epochs;
        });

        Set<Long> returned = new TreeSet<>();
        perThread.forEach(returned::addAll);
        assertEquals(200, store.find(ALICE).epoch());
        assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(), List.copyOf(returned));
    }

    @Test
    void bumpEpochWhenOtherSubjectBumpedThenUnchanged() {
        store.bumpEpoch(ALICE);

        store.bumpEpoch(BOB);

        assertEquals(1, store.find(ALICE).epoch());
    }

    // --- backup codes

    @Test
    void backupCodesWhenUnknownSubjectThenNoSaltNoneRemainingNoneUsable() {
        assertNull(store.backupSalt(ALICE));
        assertEquals(0, store.remainingBackupCodes(ALICE));
        assertFalse(store.useBackupCode(ALICE, hash("code-1"), T0));
        assertNull(store.find(ALICE));
    }

    @Test
    void replaceBackupCodesWhenFirstSetThenSaltAndCountStoredAndAccountNotEnrolled() {
        store.replaceBackupCodes(ALICE, SALT, codes("a", 10));

        assertArrayEquals(SALT, store.backupSalt(ALICE));
        assertEquals(10, store.remainingBackupCodes(ALICE));
        assertEquals(new AccountRecord(ALICE, false, 0), store.find(ALICE));
    }

    @Test
    void replaceBackupCodesWhenReplacedThenNoOldCodeUsableAndNewSaltStored() {
        store.replaceBackupCodes(ALICE, SALT, codes("old", 10));
        store.useBackupCode(ALICE, hash("old-0"), T0);
        byte[] newSalt = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");

        store.replaceBackupCodes(ALICE, newSalt, codes("new", 3));

        for (String old : codes("old", 10)) {
            assertFalse(store.useBackupCode(ALICE, old, T0));
        }
        assertEquals(3, store.remainingBackupCodes(ALICE));
        assertArrayEquals(newSalt, store.backupSalt(ALICE));
        assertTrue(store.useBackupCode(ALICE, hash("new-0"), T0));
    }

    @Test
    void backupCodeUsedAtWhenSpentThenItsMomentOnlyForThatSubjectsOwnCode() {
        store.replaceBackupCodes(ALICE, SALT, codes("a", 3));
        store.replaceBackupCodes(BOB, SALT, codes("b", 3));
        Instant spent = T0.plusSeconds(90);

        assertNull(store.backupCodeUsedAt(ALICE, hash("a-0")), "unused");
        store.useBackupCode(ALICE, hash("a-0"), spent);

        assertEquals(spent, store.backupCodeUsedAt(ALICE, hash("a-0")));
        assertNull(store.backupCodeUsedAt(BOB, hash("a-0")), "another subject's code");
        assertNull(store.backupCodeUsedAt(ALICE, hash("a-1")), "still unused");
        assertNull(store.backupCodeUsedAt(ALICE, hash("nothing")), "never stored");
        assertNull(store.backupCodeUsedAt("carol", hash("a-0")), "unknown subject");
    }

    @Test
    void backupCodeUsedAtWhenListReplacedThenOldUseForgotten() {
        store.replaceBackupCodes(ALICE, SALT, codes("a", 3));
        store.useBackupCode(ALICE, hash("a-0"), T0);

        store.replaceBackupCodes(ALICE, SALT, codes("n", 3));

        assertNull(store.backupCodeUsedAt(ALICE, hash("a-0")));
    }

    @Test
    void replaceBackupCodesWhenEmptyWithoutSaltThenNoneLeftAndNoSalt() {
        store.replaceBackupCodes(ALICE, SALT, codes("a", 10));

        store.replaceBackupCodes(ALICE, null, List.of());

        assertEquals(0, store.remainingBackupCodes(ALICE));
        assertNull(store.backupSalt(ALICE));
        assertFalse(store.useBackupCode(ALICE, hash("a-0"), T0));
    }

    @Test
    void replaceBackupCodesWhenHashRepeatedThenIllegalArgumentAndOldCodesKept() {
        store.replaceBackupCodes(ALICE, SALT, codes("a", 2));

        assertThrows(IllegalArgumentException.class,
                () -> store.replaceBackupCodes(ALICE, SALT, List.of(hash("x"), hash("x"))));
        assertEquals(2, store.remainingBackupCodes(ALICE));
    }

    @Test
    void replaceBackupCodesWhenCodesWithoutSaltThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> store.replaceBackupCodes(ALICE, null, codes("a", 1)));
    }

    @Test
    void replaceBackupCodesWhenCallerChangesSaltArraysThenStoredSaltUnchanged() {
        byte[] salt = SALT.clone();
        store.replaceBackupCodes(ALICE, salt, codes("a", 1));

        salt[0] = 9;
        store.backupSalt(ALICE)[1] = 9;

        assertArrayEquals(SALT, store.backupSalt(ALICE));
    }

    @Test
    void useBackupCodeWhenUsedThenTrueOnceThenFalse() {
        store.replaceBackupCodes(ALICE, SALT, codes("a", 10));

        assertTrue(store.useBackupCode(ALICE, hash("a-3"), T0));
        assertFalse(store.useBackupCode(ALICE, hash("a-3"), T0.plusSeconds(1)));
    }

    @Test
    void useBackupCodeWhenTwentyCallersRaceForOneCodeThenExactlyOneTrue() throws Exception {
        store.replaceBackupCodes(ALICE, SALT, codes("a", 10));

        // Several rounds, since one race may happen to run its callers one after the other.
        for (int round = 0; round < ROUNDS; round++) {
            String code = hash("a-" + round);
            List<Boolean> results = Race.of(20, t -> store.useBackupCode(ALICE, code, T0));

            assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), "round " + round);
        }
        assertEquals(10 - ROUNDS, store.remainingBackupCodes(ALICE));
    }

    @Test
    void remainingBackupCodesWhenOneUsedThenNotCounted() {
        store.replaceBackupCodes(ALICE, SALT, codes("a", 10));

        store.useBackupCode(ALICE, hash("a-0"), T0);

        assertEquals(9, store.remainingBackupCodes(ALICE));
    }

    @Test
    void useBackupCodeWhenHashIsAnotherSubjectsCodeThenFalseAndTheirsStillUsable() {
        store.replaceBackupCodes(ALICE, SALT, codes("a", 10));
        store.replaceBackupCodes(BOB, SALT, codes("b", 10));

        assertFalse(store.useBackupCode(BOB, hash("a-0"), T0));
        assertEquals(10, store.remainingBackupCodes(ALICE));
        assertTrue(store.useBackupCode(ALICE, hash("a-0"), T0));
    }

    @Test
    void useBackupCodeWhenHashNotInSetThenFalse() {
        store.replaceBackupCodes(ALICE, SALT, codes("a", 10));

        assertFalse(store.useBackupCode(ALICE, hash("not-a-code"), T0));
        assertEquals(10, store.remainingBackupCodes(ALICE));
    }

    // --- remembered devices

    @Test
    void findDeviceWhenSavedThenEveryFieldReadBack() {
        RememberedDevice saved = new RememberedDevice("dev_1-A", ALICE, hash("token-1"), "Firefox on Linux – Zoë",
                T0, T0.plusSeconds(60), T0.plus(Duration.ofDays(30)), 7);

        store.saveDevice(saved);

        assertEquals(saved, store.findDevice(hash("token-1")));
    }

    @Test
    void findDeviceWhenUserAgentNullThenReadBackNull() {
        RememberedDevice saved = device("dev-1", ALICE, "token-1", T0);
        saved = new RememberedDevice(saved.id(), ALICE, saved.tokenHash(), null, T0, T0, saved.expiresAt(), 0);

        store.saveDevice(saved);

        assertEquals(saved, store.findDevice(hash("token-1")));
    }

    @Test
    void findDeviceWhenUnknownHashThenNull() {
        store.saveDevice(device("dev-1", ALICE, "token-1", T0));

        assertNull(store.findDevice(hash("token-2")));
    }

    @Test
    void saveDeviceWhenIdTakenThenAccountStoreExceptionAndFirstKept() {
        store.saveDevice(device("dev-1", ALICE, "token-1", T0));

        assertThrows(AccountStoreException.class, () -> store.saveDevice(device("dev-1", BOB, "token-2", T0)));
        assertEquals(ALICE, store.findDevice(hash("token-1")).subject());
        assertNull(store.findDevice(hash("token-2")));
    }

    @Test
    void saveDeviceWhenTokenHashTakenThenAccountStoreExceptionThatNeverShowsTheHash() {
        store.saveDevice(device("dev-1", ALICE, "token-1", T0));

        AccountStoreException e = assertThrows(AccountStoreException.class,
                () -> store.saveDevice(device("dev-2", BOB, "token-1", T0)));

        assertFalse(printed(e).contains(hash("token-1")), printed(e));
        assertEquals(List.of(), store.devices(BOB));
    }

    @Test
    void rotateDeviceWhenCurrentHashThenTrueAndOnlyNewHashFindsIt() {
        RememberedDevice saved = device("dev-1", ALICE, "token-1", T0);
        store.saveDevice(saved);

        assertTrue(store.rotateDevice(hash("token-1"), hash("token-2"), T0.plusSeconds(90)));

        assertNull(store.findDevice(hash("token-1")));
        assertEquals(saved.withToken(hash("token-2"), T0.plusSeconds(90)), store.findDevice(hash("token-2")));
    }

    @Test
    void rotateDeviceWhenOldHashUsedTwiceThenSecondFalse() {
        store.saveDevice(device("dev-1", ALICE, "token-1", T0));
        store.rotateDevice(hash("token-1"), hash("token-2"), T0);

        assertFalse(store.rotateDevice(hash("token-1"), hash("token-3"), T0));
        assertNull(store.findDevice(hash("token-3")));
    }

    @Test
    void rotateDeviceWhenUnknownHashThenFalse() {
        assertFalse(store.rotateDevice(hash("token-1"), hash("token-2"), T0));
    }

    @Test
    void rotateDeviceWhenTwentyCallersRaceWithSameOldHashThenExactlyOneWinsAndItsHashIsStored() throws Exception {
        store.saveDevice(device("dev-1", ALICE, "token-1", T0));
        String current = hash("token-1");

        for (int round = 0; round < ROUNDS; round++) {
            String old = current;
            String prefix = "round-" + round + "-";
            List<Boolean> results = Race.of(20, t -> store.rotateDevice(old, hash(prefix + t), T0));

            assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), "round " + round);
            current = hash(prefix + results.indexOf(Boolean.TRUE));
            assertNotNull(store.findDevice(current));
            assertNull(store.findDevice(old));
        }
        assertEquals(1, store.devices(ALICE).size());
    }

    @Test
    void rotateDeviceWhenNewHashBelongsToAnotherDeviceThenAccountStoreExceptionAndNothingChanged() {
        store.saveDevice(device("dev-1", ALICE, "token-1", T0));
        store.saveDevice(device("dev-2", ALICE, "token-2", T0));

        assertThrows(AccountStoreException.class, () -> store.rotateDevice(hash("token-1"), hash("token-2"), T0));
        assertEquals("dev-1", store.findDevice(hash("token-1")).id());
        assertEquals("dev-2", store.findDevice(hash("token-2")).id());
    }

    @Test
    void devicesWhenSeveralSubjectsThenOnlyOwnOldestFirst() {
        store.saveDevice(device("dev-b", ALICE, "token-b", T0.plusSeconds(2)));
        store.saveDevice(device("dev-a", ALICE, "token-a", T0.plusSeconds(1)));
        store.saveDevice(device("dev-x", BOB, "token-x", T0));

        assertEquals(List.of(device("dev-a", ALICE, "token-a", T0.plusSeconds(1)),
                device("dev-b", ALICE, "token-b", T0.plusSeconds(2))), store.devices(ALICE));
    }

    @Test
    void devicesWhenNoneThenEmpty() {
        assertEquals(List.of(), store.devices(ALICE));
    }

    @Test
    void forgetDeviceWhenOwnThenTrueAndGone() {
        store.saveDevice(device("dev-1", ALICE, "token-1", T0));

        assertTrue(store.forgetDevice(ALICE, "dev-1"));

        assertNull(store.findDevice(hash("token-1")));
        assertFalse(store.forgetDevice(ALICE, "dev-1"));
    }

    @Test
    void forgetDeviceWhenAnotherSubjectsThenFalseAndKept() {
        store.saveDevice(device("dev-1", ALICE, "token-1", T0));

        assertFalse(store.forgetDevice(BOB, "dev-1"));

        assertNotNull(store.findDevice(hash("token-1")));
    }

    @ParameterizedTest
    @MethodSource("notDeviceIds")
    void forgetDeviceWhenNotADeviceIdThenFalseAndNothingForgotten(String id) {
        store.saveDevice(device("dev-1", ALICE, "token-1", T0));

        assertFalse(store.forgetDevice(ALICE, id));

        assertEquals(1, store.devices(ALICE).size());
    }

    static Stream<String> notDeviceIds() {
        return Stream.of("", "dev-1' OR '1'='1", "dev 1", "x".repeat(65), null);
    }

    @Test
    void forgetAllDevicesWhenThreeThenThreeAndOtherSubjectsKept() {
        for (int i = 0; i < 3; i++) {
            store.saveDevice(device("dev-" + i, ALICE, "token-" + i, T0));
        }
        store.saveDevice(device("dev-bob", BOB, "token-bob", T0));

        assertEquals(3, store.forgetAllDevices(ALICE));

        assertEquals(List.of(), store.devices(ALICE));
        assertEquals(1, store.devices(BOB).size());
        assertEquals(0, store.forgetAllDevices(ALICE));
    }

    @Test
    void forgetExpiredDevicesWhenSomeReachedExpiryThenOnlyThoseForgotten() {
        store.saveDevice(expiring("dev-1", "token-1", T0.minusMillis(1)));
        store.saveDevice(expiring("dev-2", "token-2", T0));
        store.saveDevice(expiring("dev-3", "token-3", T0.plusMillis(1)));

        assertEquals(2, store.forgetExpiredDevices(T0));

        assertEquals(List.of("dev-3"), store.devices(ALICE).stream().map(RememberedDevice::id).toList());
    }

    // --- the preferred way in

    @Test
    void setPreferredFactorWhenSetAndClearedThenFindReturnsItAndKeepsTheRest() {
        store.setEnrolled(ALICE, true);

        store.setPreferredFactor(ALICE, "app");
        assertEquals(new AccountRecord(ALICE, true, 0, "app"), store.find(ALICE));

        store.setPreferredFactor(ALICE, null);
        assertEquals(new AccountRecord(ALICE, true, 0, null), store.find(ALICE));
    }

    @Test
    void setPreferredFactorWhenFirstWriteThenAccountCreatedNotEnrolled() {
        store.setPreferredFactor(BOB, "email");

        assertEquals(new AccountRecord(BOB, false, 0, "email"), store.find(BOB));
    }

    @Test
    void setPreferredFactorWhenNotLowercaseLettersThenIllegalArgument() {
        for (String bad : List.of("", "APP", "app1", "a".repeat(17), "e-mail")) {
            assertThrows(IllegalArgumentException.class, () -> store.setPreferredFactor(ALICE, bad), bad);
        }
    }

    // --- authenticator apps

    /**
     * The tests of apps and the preferred way in run for a store that keeps them; one written
     * before them (the default methods) is checked by {@code AccountStoreDefaultsTest} instead.
     */
    @BeforeEach
    void skipAppTestsUnlessKept(TestInfo test) {
        String name = test.getTestMethod().map(Method::getName).orElse("");
        if (name.contains("uthenticator") || name.contains("PreferredFactor") || name.contains("confirmedApp")) {
            assumeTrue(store.keepsAuthenticatorApps(), "this store does not keep authenticator apps");
        }
        if (name.contains("asskey")) {
            assumeTrue(store.keepsPasskeys(), "this store does not keep passkeys");
        }
    }

    @Test
    void authenticatorWhenNoneThenNull() {
        assertNull(store.authenticator(ALICE));
    }

    @Test
    void startAuthenticatorWhenNoneThenUnconfirmedAppStored() {
        assertTrue(store.startAuthenticator(ALICE, SEALED_1, T0));

        assertEquals(new AuthenticatorApp(ALICE, SEALED_1, T0, null, AuthenticatorApp.NO_STEP, null), store.authenticator(ALICE));
        assertFalse(store.authenticator(ALICE).confirmed());
    }

    @Test
    void startAuthenticatorWhenUnconfirmedOneThenReplaced() {
        store.startAuthenticator(ALICE, SEALED_1, T0);

        assertTrue(store.startAuthenticator(ALICE, SEALED_2, T0.plusSeconds(60)));

        assertEquals(new AuthenticatorApp(ALICE, SEALED_2, T0.plusSeconds(60), null, AuthenticatorApp.NO_STEP, null),
                store.authenticator(ALICE));
    }

    @Test
    void startAuthenticatorWhenConfirmedOneThenFalseAndKept() {
        store.startAuthenticator(ALICE, SEALED_1, T0);
        store.confirmAuthenticator(ALICE, SEALED_1, 100, T0);

        assertFalse(store.startAuthenticator(ALICE, SEALED_2, T0.plusSeconds(60)));

        assertEquals(SEALED_1, store.authenticator(ALICE).sealedSecret());
        assertTrue(store.authenticator(ALICE).confirmed());
    }

    @Test
    void confirmAuthenticatorWhenSameSecretThenConfirmedWithItsStepUsed() {
        store.startAuthenticator(ALICE, SEALED_1, T0);

        assertTrue(store.confirmAuthenticator(ALICE, SEALED_1, 100, T0.plusSeconds(30)));

        assertEquals(new AuthenticatorApp(ALICE, SEALED_1, T0, T0.plusSeconds(30), 100, T0.plusSeconds(30)), store.authenticator(ALICE));
        assertFalse(store.useAuthenticatorStep(ALICE, 100, T0), "the confirming code's step is used");
    }

    @Test
    void confirmAuthenticatorWhenEnrolmentRestartedWithAnotherSecretThenFalse() {
        store.startAuthenticator(ALICE, SEALED_1, T0);
        store.startAuthenticator(ALICE, SEALED_2, T0);

        assertFalse(store.confirmAuthenticator(ALICE, SEALED_1, 100, T0));

        assertFalse(store.authenticator(ALICE).confirmed());
    }

    @Test
    void confirmAuthenticatorWhenTwentyCallersRaceThenExactlyOneTrue() throws Exception {
        store.startAuthenticator(ALICE, SEALED_1, T0);

        List<Boolean> results = Race.of(20, t -> store.confirmAuthenticator(ALICE, SEALED_1, 100 + t, T0));

        assertEquals(1, results.stream().filter(Boolean::booleanValue).count());
    }

    @Test
    void useAuthenticatorStepWhenLaterStepsThenEachTrueOnceAndRecorded() {
        confirmedApp(ALICE, 100);

        assertTrue(store.useAuthenticatorStep(ALICE, 101, T0.plusSeconds(30)));
        assertFalse(store.useAuthenticatorStep(ALICE, 101, T0.plusSeconds(31)), "the same step again (RFC 6238 section 5.2)");
        assertTrue(store.useAuthenticatorStep(ALICE, 103, T0.plusSeconds(90)));

        AuthenticatorApp app = store.authenticator(ALICE);
        assertEquals(103, app.lastStep());
        assertEquals(T0.plusSeconds(90), app.lastUsedAt());
    }

    @Test
    void useAuthenticatorStepWhenEarlierThanOneUsedThenFalse() {
        confirmedApp(ALICE, 100);
        store.useAuthenticatorStep(ALICE, 102, T0);

        assertFalse(store.useAuthenticatorStep(ALICE, 101, T0), "a code of an earlier step, within the skew window, after a later one");
        assertEquals(102, store.authenticator(ALICE).lastStep());
    }

    @Test
    void useAuthenticatorStepWhenTwentyCallersRaceForOneStepThenExactlyOneTrue() throws Exception {
        confirmedApp(ALICE, 100);

        // Several rounds, since one race may happen to run its callers one after the other.
        for (int round = 1; round <= ROUNDS; round++) {
            long step = 100 + round;
            List<Boolean> results = Race.of(20, t -> store.useAuthenticatorStep(ALICE, step, T0));

            assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), "round " + round);
        }
        assertEquals(100 + ROUNDS, store.authenticator(ALICE).lastStep());
    }

    @Test
    void useAuthenticatorStepWhenUnconfirmedOrNoneThenFalse() {
        store.startAuthenticator(ALICE, SEALED_1, T0);

        assertFalse(store.useAuthenticatorStep(ALICE, 100, T0));
        assertFalse(store.useAuthenticatorStep(BOB, 100, T0));
    }

    @Test
    void useAuthenticatorStepWhenAnotherSubjectsAppThenOnlyOwnStepsCount() {
        confirmedApp(ALICE, 100);
        confirmedApp(BOB, 100);

        assertTrue(store.useAuthenticatorStep(ALICE, 101, T0));
        assertTrue(store.useAuthenticatorStep(BOB, 101, T0), "Alice's use of a step is not Bob's");
    }

    @Test
    void resealAuthenticatorWhenStillTheOldSecretThenReplacedAndStateKept() {
        confirmedApp(ALICE, 100);

        assertTrue(store.resealAuthenticator(ALICE, SEALED_1, SEALED_2));
        assertFalse(store.resealAuthenticator(ALICE, SEALED_1, "v1.other.value"), "compare-and-set: the old secret is gone");

        AuthenticatorApp app = store.authenticator(ALICE);
        assertEquals(SEALED_2, app.sealedSecret());
        assertEquals(100, app.lastStep());
        assertTrue(app.confirmed());
    }

    @Test
    void removeAuthenticatorWhenConfirmedThenGoneAndEnrolmentCanStartAgain() {
        confirmedApp(ALICE, 100);

        assertTrue(store.removeAuthenticator(ALICE));
        assertFalse(store.removeAuthenticator(ALICE));

        assertNull(store.authenticator(ALICE));
        assertFalse(store.useAuthenticatorStep(ALICE, 200, T0));
        assertTrue(store.startAuthenticator(ALICE, SEALED_2, T0));
    }

    @Test
    void authenticatorWhenBadArgumentsThenIllegalArgumentWithoutTheValue() {
        String tooLong = "a".repeat(513);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.startAuthenticator(ALICE, tooLong, T0));
        assertFalse(e.getMessage().contains(tooLong));
        assertThrows(IllegalArgumentException.class, () -> store.startAuthenticator(ALICE, "has space", T0));
        assertThrows(IllegalArgumentException.class, () -> store.startAuthenticator(ALICE, "", T0));
        assertThrows(IllegalArgumentException.class, () -> store.useAuthenticatorStep(ALICE, -1, T0));
        assertThrows(NullPointerException.class, () -> store.startAuthenticator(ALICE, null, T0));
        assertThrows(IllegalArgumentException.class, () -> store.authenticator(" "));
    }

    /** Gives the subject a confirmed app whose confirming code was of {@code step}. */
    void confirmedApp(String subject, long step) {
        assertTrue(store.startAuthenticator(subject, SEALED_1, T0));
        assertTrue(store.confirmAuthenticator(subject, SEALED_1, step, T0));
    }

    // --- passkeys

    @Test
    void passkeyUserHandleWhenFirstAskedThenProposalStoredAndKeptForever() {
        assertEquals("handle-a", store.passkeyUserHandle(ALICE, "handle-a"));

        assertEquals("handle-a", store.passkeyUserHandle(ALICE, "handle-b"), "a user's handle never changes");
        assertEquals("handle-c", store.passkeyUserHandle(BOB, "handle-c"));
    }

    @Test
    void passkeyUserHandleWhenEightCallersRaceWithTheirOwnProposalsThenAllGetTheSameOne() throws Exception {
        List<String> handles = Race.of(8, t -> store.passkeyUserHandle(ALICE, "handle-" + t));

        assertEquals(1, new java.util.HashSet<>(handles).size(), handles.toString());
    }

    @Test
    void savePasskeyWhenSavedThenListedWithEveryFieldOldestFirst() {
        StoredPasskey older = passkey(ALICE, "Y3JlZC0x", "Laptop", T0);
        StoredPasskey newer = new StoredPasskey(ALICE, "Y3JlZC0y", "cHVibGljLWtleS0y", 7, Set.of("usb", "nfc"), "YubiKey",
                T0.plusSeconds(60), T0.plusSeconds(90));
        store.savePasskey(newer);
        store.savePasskey(older);
        store.savePasskey(passkey(BOB, "Y3JlZC0z", "Phone", T0));

        assertEquals(List.of(older, newer), store.passkeys(ALICE));
        assertEquals(List.of(), store.passkeys("carol"));
    }

    @Test
    void savePasskeyWhenCredentialIdTakenByAnotherUserThenRefusedAndTheirsKept() {
        assertTrue(store.savePasskey(passkey(ALICE, "Y3JlZC0x", "Laptop", T0)));

        assertFalse(store.savePasskey(passkey(BOB, "Y3JlZC0x", "Stolen", T0)), "the credential id is Alice's");

        assertEquals("Laptop", store.passkeys(ALICE).get(0).name());
        assertEquals(List.of(), store.passkeys(BOB));
    }

    @Test
    void usePasskeyWhenCounterAsExpectedThenRecordedOnceAndRacesGiveOneWinner() throws Exception {
        store.savePasskey(passkey(ALICE, "Y3JlZC0x", "Laptop", T0));

        assertTrue(store.usePasskey(ALICE, "Y3JlZC0x", 0, null, 5, T0.plusSeconds(10)));
        assertFalse(store.usePasskey(ALICE, "Y3JlZC0x", 0, null, 6, T0.plusSeconds(11)), "compare-and-set: the counter is 5 now");
        List<Boolean> raced = Race.of(20, t -> store.usePasskey(ALICE, "Y3JlZC0x", 5, T0.plusSeconds(10), 6 + t, T0.plusSeconds(20)));

        assertEquals(1, raced.stream().filter(Boolean::booleanValue).count());
        StoredPasskey used = store.passkeys(ALICE).get(0);
        assertTrue(used.signCount() >= 6);
        assertEquals(T0.plusSeconds(20), used.lastUsedAt());
    }

    @Test
    void usePasskeyWhenCounterStaysZeroThenTheLastUseTellsParallelSignInsApart() throws Exception {
        store.savePasskey(passkey(ALICE, "Y3JlZC0x", "Laptop", T0));

        List<Boolean> raced = Race.of(20, t -> store.usePasskey(ALICE, "Y3JlZC0x", 0, null, 0, T0.plusSeconds(10)));
        boolean stale = store.usePasskey(ALICE, "Y3JlZC0x", 0, null, 0, T0.plusSeconds(11));
        boolean next = store.usePasskey(ALICE, "Y3JlZC0x", 0, T0.plusSeconds(10), 0, T0.plusSeconds(12));

        assertEquals(1, raced.stream().filter(Boolean::booleanValue).count(), "one of 20 sign-ins with a counter of 0 wins");
        assertFalse(stale, "a sign-in that read the passkey before the winner's use loses");
        assertTrue(next, "one that read it after wins");
        assertEquals(T0.plusSeconds(12), store.passkeys(ALICE).get(0).lastUsedAt());
    }

    @Test
    void usePasskeyRenamePasskeyAndRemovePasskeyWhenAnotherUsersPasskeyThenNothingChanges() {
        store.savePasskey(passkey(ALICE, "Y3JlZC0x", "Laptop", T0));

        assertFalse(store.usePasskey(BOB, "Y3JlZC0x", 0, null, 1, T0));
        assertFalse(store.renamePasskey(BOB, "Y3JlZC0x", "Mine now"));
        assertFalse(store.removePasskey(BOB, "Y3JlZC0x"));

        assertEquals(List.of(passkey(ALICE, "Y3JlZC0x", "Laptop", T0)), store.passkeys(ALICE));
    }

    @Test
    void renamePasskeyAndRemovePasskeyWhenOwnThenDone() {
        store.savePasskey(passkey(ALICE, "Y3JlZC0x", "Laptop", T0));

        assertTrue(store.renamePasskey(ALICE, "Y3JlZC0x", "Work laptop ✓"));
        assertEquals("Work laptop ✓", store.passkeys(ALICE).get(0).name());
        assertTrue(store.removePasskey(ALICE, "Y3JlZC0x"));
        assertFalse(store.removePasskey(ALICE, "Y3JlZC0x"));
        assertEquals(List.of(), store.passkeys(ALICE));
    }

    @Test
    void passkeyWhenBadArgumentsThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> store.savePasskey(passkey(ALICE, "not base64url!", "Laptop", T0)));
        assertThrows(IllegalArgumentException.class, () -> store.savePasskey(passkey(ALICE, "Y3JlZC0x", " ", T0)));
        assertThrows(IllegalArgumentException.class, () -> store.savePasskey(passkey(ALICE, "Y3JlZC0x", "a".repeat(65), T0)));
        assertThrows(IllegalArgumentException.class, () -> store.savePasskey(passkey(ALICE, "Y3JlZC0x", "tab\there", T0)));
        assertThrows(IllegalArgumentException.class, () -> store.savePasskey(new StoredPasskey(ALICE, "Y3JlZC0x", "a2V5", -1, Set.of(),
                "Laptop", T0, null)));
        assertThrows(IllegalArgumentException.class, () -> store.savePasskey(new StoredPasskey(ALICE, "Y3JlZC0x", "a2V5", 0,
                Set.of("USB"), "Laptop", T0, null)));
        assertThrows(IllegalArgumentException.class, () -> store.passkeyUserHandle(ALICE, "has space"));
        assertThrows(IllegalArgumentException.class, () -> store.removePasskey(ALICE, "x".repeat(1401)));
        assertEquals(List.of(), store.passkeys(ALICE));
    }

    static StoredPasskey passkey(String subject, String credentialId, String name, Instant created) {
        return new StoredPasskey(subject, credentialId, "cHVibGljLWtleQ", 0, Set.of("internal", "hybrid"), name, created, null);
    }

    // --- subjects and arguments

    @ParameterizedTest
    @MethodSource("oddSubjects")
    void subjectWhenOddCharactersThenEveryOperationKeepsItApart(String subject) {
        assumeTrue(!subject.endsWith(" ") || keepsTrailingSpacesApart(), "this database ignores trailing spaces when it compares text");
        store.setEnrolled(ALICE, true);
        store.replaceBackupCodes(ALICE, SALT, codes("alice", 2));
        store.saveDevice(device("dev-alice", ALICE, "token-alice", T0));

        store.setEnrolled(subject, true);
        store.bumpEpoch(subject);
        store.replaceBackupCodes(subject, SALT, codes("odd", 3));
        store.saveDevice(device("dev-odd", subject, "token-odd", T0));

        assertEquals(new AccountRecord(subject, true, 1), store.find(subject));
        assertTrue(store.useBackupCode(subject, hash("odd-0"), T0));
        assertEquals(2, store.remainingBackupCodes(subject));
        assertEquals(subject, store.findDevice(hash("token-odd")).subject());
        assertEquals(List.of("dev-odd"), store.devices(subject).stream().map(RememberedDevice::id).toList());
        assertEquals(1, store.forgetAllDevices(subject));
        assertEquals(new AccountRecord(ALICE, true, 0), store.find(ALICE));
        assertEquals(2, store.remainingBackupCodes(ALICE));
        assertEquals(1, store.devices(ALICE).size());
    }

    static Stream<String> oddSubjects() {
        return Stream.of("o'brien", "x'); DROP TABLE email2fa_account; --", "\"quoted\" \\ 100%_like",
                "Zoë 日本語 😀", "ALICE", "alice ", " alice", "ü".repeat(255), "😀".repeat(127) + "x",
                "tab\tand\nnewline");
    }

    @ParameterizedTest
    @MethodSource("badSubjects")
    void subjectWhenBlankTooLongOrWithNulThenIllegalArgument(String subject) {
        assertThrows(IllegalArgumentException.class, () -> store.find(subject));
        assertThrows(IllegalArgumentException.class, () -> store.setEnrolled(subject, true));
        assertThrows(IllegalArgumentException.class, () -> store.bumpEpoch(subject));
    }

    static Stream<String> badSubjects() {
        return Stream.of("", "   ", "a".repeat(256), "ü".repeat(256), "nul\0byte");
    }

    @Test
    void subjectWhenNullThenNullPointer() {
        assertThrows(NullPointerException.class, () -> store.find(null));
        assertThrows(NullPointerException.class, () -> store.setEnrolled(null, true));
    }

    @ParameterizedTest
    @MethodSource("notLowercaseHex")
    void hashWhenNotLowercaseHexThenIllegalArgumentThatNeverShowsIt(String bad) {
        List<Executable> calls = List.of(
                () -> store.useBackupCode(ALICE, bad, T0),
                () -> store.replaceBackupCodes(ALICE, SALT, List.of(bad)),
                () -> store.findDevice(bad),
                () -> store.rotateDevice(bad, hash("x"), T0),
                () -> store.rotateDevice(hash("x"), bad, T0));
        for (Executable call : calls) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertTrue(bad.isEmpty() || !e.getMessage().contains(bad), e.getMessage());
        }
    }

    static Stream<String> notLowercaseHex() {
        return Stream.of("ABCDEF0123", "not-hex", "", " 0a", "0a".repeat(65));
    }

    // --- fixtures

    /** A lowercase hex SHA-256 of the text, standing in for a code's or token's hash. */
    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The hashes of {@code prefix-0} to {@code prefix-(count-1)}. */
    static List<String> codes(String prefix, int count) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(hash(prefix + "-" + i));
        }
        return hashes;
    }

    /** A device remembered at {@code created}, valid for 30 days, at epoch 0. */
    static RememberedDevice device(String id, String subject, String token, Instant created) {
        return new RememberedDevice(id, subject, hash(token), "Chrome on Windows", created, created,
                created.plus(Duration.ofDays(30)), 0);
    }

    /** Alice's device that expires at {@code expiresAt}. */
    static RememberedDevice expiring(String id, String token, Instant expiresAt) {
        return new RememberedDevice(id, ALICE, hash(token), null, T0.minusSeconds(60), T0.minusSeconds(60), expiresAt, 0);
    }

    /** The exception's full stack trace, causes included, as a log would print it. */
    static String printed(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

}
