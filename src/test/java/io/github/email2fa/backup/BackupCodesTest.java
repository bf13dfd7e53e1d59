package io.github.email2fa.backup;

import static io.github.email2fa.backup.BackupFixture.CLOCK;
import static io.github.email2fa.backup.BackupFixture.NOW;
import static io.github.email2fa.backup.BackupFixture.seeded;
import static io.github.email2fa.backup.BackupFixture.wrong;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.backup.BackupCodes.Result;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link BackupCodes} on the in-memory store: issuing, spending once, counting, and what the store sees. */
class BackupCodesTest {

    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final Pattern SHOWN = Pattern.compile("[" + BackupCodeFormat.ALPHABET + "]{5}-["
            + BackupCodeFormat.ALPHABET + "]{5}");

    private final InMemoryAccountStore memory = new InMemoryAccountStore();
    private final RecordingStore recording = new RecordingStore(memory);
    private final BackupCodes codes = new BackupCodes(recording.store(), seeded(), CLOCK);

    @Test
    void regenerateWhenCalledThenTenCodes() {
        assertEquals(10, codes.regenerate(ALICE).size());
    }

    @Test
    void regenerateWhenCalledThenEachCodeIsTwoGroupsOfFiveJoinedByDash() {
        for (String shown : codes.regenerate(ALICE)) {
            assertEquals(11, shown.length(), shown);
            assertEquals('-', shown.charAt(5), shown);
            assertTrue(SHOWN.matcher(shown).matches(), shown);
        }
    }

    @Test
    void regenerateWhenCalledThenCodesDistinct() {
        assertEquals(10, new HashSet<>(codes.regenerate(ALICE)).size());
    }

    @Test
    void regenerateWhenCalledThenOnlyAlphabetSymbols() {
        for (String shown : codes.regenerate(ALICE)) {
            shown.replace("-", "").chars().forEach(c -> assertTrue(BackupCodeFormat.ALPHABET.indexOf(c) >= 0, shown));
        }
    }

    @Test
    void regenerateWhenRandomRepeatsACodeThenDrawsUntilTenDistinct() {
        // The first 20 symbols drawn are all '0': two identical codes in a row.
        BackupCodes repeating = new BackupCodes(memory, BackupFixture.zerosFirst(20), CLOCK);

        List<String> shown = repeating.regenerate(ALICE);

        assertEquals(10, new HashSet<>(shown).size(), shown.size() + " codes");
        assertEquals(1, Collections.frequency(shown, "00000-00000"));
    }

    @Test
    void regenerateWhenCalledThenStoreCountsTenUnused() {
        codes.regenerate(ALICE);

        assertEquals(10, memory.remainingBackupCodes(ALICE));
        assertEquals(10, codes.remaining(ALICE));
    }

    @Test
    void regenerateWhenCalledThenStoreGetsSixteenByteSaltAndHashesNeverCodes() {
        List<String> shown = codes.regenerate(ALICE);

        RecordingStore.Call call = recording.calls("replaceBackupCodes").get(0);
        byte[] salt = (byte[]) call.args().get(1);
        @SuppressWarnings("unchecked")
        List<String> hashes = (List<String>) call.args().get(2);
        assertEquals(16, salt.length);
        assertArrayEquals(salt, memory.backupSalt(ALICE));
        assertEquals(10, hashes.size());
        for (String hash : hashes) {
            assertTrue(hash.matches("[0-9a-f]{64}"), "not 64 lowercase hex digits");
            for (String code : shown) {
                assertFalse(hash.contains(code) || hash.contains(code.replace("-", "")), "a code reached the store");
            }
        }
    }

    @Test
    void regenerateWhenCalledThenEachStoredHashIsTheKdfOfItsCode() {
        List<String> shown = codes.regenerate(ALICE);

        byte[] salt = memory.backupSalt(ALICE);
        BackupCodeHasher hasher = new BackupCodeHasher(new SecureRandom());
        for (String code : shown) {
            String hash = hasher.hash(salt, code.replace("-", ""));
            assertNotEquals(code, hash);
            assertTrue(memory.useBackupCode(ALICE, hash, NOW), "stored hash of " + code);
        }
        assertEquals(0, memory.remainingBackupCodes(ALICE));
    }

    @Test
    void regenerateWhenCalledTwiceThenFreshSaltAndCodes() {
        List<String> first = codes.regenerate(ALICE);
        byte[] firstSalt = memory.backupSalt(ALICE);

        List<String> second = codes.regenerate(ALICE);

        assertFalse(Arrays.equals(firstSalt, memory.backupSalt(ALICE)));
        assertTrue(Collections.disjoint(first, second));
    }

    @Test
    void useWhenEachCodeOnceThenAcceptedAndRemainingCountsDown() {
        List<String> shown = codes.regenerate(ALICE);

        for (int i = 0; i < shown.size(); i++) {
            assertEquals(10 - i, codes.remaining(ALICE));
            assertEquals(new Result(true, 9 - i), codes.use(ALICE, shown.get(i)), "code " + i);
        }
        assertEquals(0, codes.remaining(ALICE));
    }

    @Test
    void useWhenSameCodeTwiceThenSecondRejectedWithWhenItWasUsed() {
        String code = codes.regenerate(ALICE).get(0);
        codes.use(ALICE, code);

        assertEquals(new Result(false, 9, CLOCK.instant()), codes.use(ALICE, code));
    }

    @Test
    void useWhenCodeOfAnotherSubjectOrUnknownThenRefusedWithoutAUse() {
        String code = codes.regenerate(ALICE).get(0);
        codes.regenerate(BOB);
        codes.use(ALICE, code);

        assertEquals(new Result(false, 10), codes.use(BOB, code));
        assertEquals(new Result(false, 9), codes.use(ALICE, "aaaaa-aaaaa"));
    }

    @Test
    void useWhenTypedInUpperCaseWithSpacesAndNoDashThenAccepted() {
        String code = codes.regenerate(ALICE).get(3);

        String typed = " " + code.replace("-", "").toUpperCase(Locale.ROOT).replaceAll("(...)", "$1 ");

        assertEquals(new Result(true, 9), codes.use(ALICE, typed));
    }

    @Test
    void useWhenRegeneratedThenOldCodeRejectedAndNewAccepted() {
        String old = codes.regenerate(ALICE).get(0);
        String fresh = codes.regenerate(ALICE).get(0);

        assertEquals(new Result(false, 10), codes.use(ALICE, old));
        assertEquals(new Result(true, 9), codes.use(ALICE, fresh));
    }

    @Test
    void useWhenAnotherUsersCodeThenRejected() {
        codes.regenerate(ALICE);
        String bobs = codes.regenerate(BOB).get(0);

        assertEquals(new Result(false, 10), codes.use(ALICE, bobs));
        assertEquals(10, codes.remaining(BOB));
    }

    @Test
    void useWhenSubjectHasNoCodesThenRejectedWithNoneLeft() {
        assertEquals(new Result(false, 0), codes.use(ALICE, "k7m2q-9xw4t"));
        assertTrue(recording.calls("useBackupCode").isEmpty());
    }

    @Test
    void useWhenWrongCodeThenRejectedAndNothingSpent() {
        String code = codes.regenerate(ALICE).get(0);

        assertEquals(new Result(false, 10), codes.use(ALICE, wrong(code)));
        assertEquals(new Result(true, 9), codes.use(ALICE, code));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"k7m2q-9xw4", "u7m2q-9xw4t", "k7m2q_9xw4t", "\u212a7m2q-9xw4t"})
    void useWhenMalformedThenRejectedWithoutHashingOrSpending(String input) {
        codes.regenerate(ALICE);

        assertEquals(new Result(false, 10), codes.use(ALICE, input));
        assertTrue(recording.calls("useBackupCode").isEmpty());
        assertTrue(recording.calls("backupSalt").isEmpty(), "no salt read, so no KDF run");
    }

    @Test
    void useWhenAcceptedThenStoreRecordsClockInstant() {
        String code = codes.regenerate(ALICE).get(0);

        codes.use(ALICE, code);

        assertEquals(NOW, recording.calls("useBackupCode").get(0).args().get(2));
    }

    @Test
    void useWhenSubjectNullThenNullPointer() {
        assertThrows(NullPointerException.class, () -> codes.use(null, "k7m2q-9xw4t"));
    }

    @Test
    void remainingWhenUnknownSubjectThenZero() {
        assertEquals(0, codes.remaining(BOB));
    }

    @Test
    void resultToStringWhenPrintedThenOnlyOutcomeAndCount() {
        String code = codes.regenerate(ALICE).get(0);

        Result result = codes.use(ALICE, code);

        assertEquals("Result[accepted=true, remaining=9, usedBefore=null]", result.toString());
        assertFalse(codes.toString().contains(code.substring(0, 5)));
    }

    @Test
    void resultWhenRemainingNegativeThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> new Result(false, -1));
    }
}
