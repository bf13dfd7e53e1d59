package io.github.email2fa.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.email2fa.totp.SecretBox.SealBroken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link SecretBox}: AES-256-GCM sealing bound to the user, tamper detection, key rotation, and no key in any text. */
class SecretBoxTest {

    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] OLD_KEY = HexFormat.of().parseHex("f0e0d0c0b0a090807060504030201000f1e1d1c1b1a191817161514131211101");
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final SecureRandom random = new SecureRandom();
    private final SecretBox box = new SecretBox(KEY, random);

    @Test
    void openWhenSealedThenTheSameSecret() {
        assertArrayEquals(SECRET, box.open("alice", box.seal("alice", SECRET)));
    }

    @Test
    void sealWhenSealedThenVersionKeyIdAndUnpaddedBase64url() throws Exception {
        String keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY)).substring(0, 8);

        String sealed = box.seal("alice", SECRET);

        assertTrue(sealed.matches("v1\\." + keyId + "\\.[A-Za-z0-9_-]+"), sealed);
        assertEquals(12 + 20 + 16, Base64.getUrlDecoder().decode(sealed.substring(12)).length);
    }

    @ParameterizedTest
    @CsvSource({"1, 51", "20, 76", "32, 92", "64, 135"})
    void sealWhenSecretOfNBytesThenTheDocumentedLength(int bytes, int characters) {
        assertEquals(characters, box.seal("alice", new byte[bytes]).length());
    }

    @Test
    void openWhenAnyByteOfTheSealedPartIsChangedThenSealBroken() {
        String sealed = box.seal("alice", SECRET);
        String header = sealed.substring(0, 12);
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(12));

        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = bytes.clone();
                changed[i] ^= (byte) (1 << bit);
                String tampered = header + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);

                assertThrows(SealBroken.class, () -> box.open("alice", tampered), "byte " + i + " bit " + bit);
            }
        }
    }

    @Test
    void openWhenAnyCharacterOfTheSealedTextIsChangedThenSealBroken() {
        // 20 + 28 bytes fill the Base64 exactly; 21 leave spare bits in the last character, which must not be ignored.
        for (byte[] secret : List.of(SECRET, Arrays.copyOf(SECRET, 21))) {
            String sealed = box.seal("alice", secret);
            for (int i = 0; i < sealed.length(); i++) {
                for (char replacement : (BASE64URL + ".=").toCharArray()) {
                    if (sealed.charAt(i) != replacement) {
                        String tampered = sealed.substring(0, i) + replacement + sealed.substring(i + 1);

                        assertThrows(SealBroken.class, () -> box.open("alice", tampered), "character " + i + " as " + replacement);
                    }
                }
            }
        }
    }

    @Test
    void openWhenSealedTextIsCutOrLengthenedThenSealBroken() {
        String sealed = box.seal("alice", SECRET);

        assertThrows(SealBroken.class, () -> box.open("alice", sealed.substring(0, sealed.length() - 1)));
        assertThrows(SealBroken.class, () -> box.open("alice", sealed + "A"));
        assertThrows(SealBroken.class, () -> box.open("alice", sealed + "="));
    }

    @Test
    void openWhenOtherSubjectThenSealBroken() {
        String sealed = box.seal("alice", SECRET);

        assertThrows(SealBroken.class, () -> box.open("bob", sealed));
        assertThrows(SealBroken.class, () -> box.open("Alice", sealed));
        assertThrows(SealBroken.class, () -> box.open("alice ", sealed));
    }

    @Test
    void openWhenSubjectIsNotAsciiThenBoundToItsUtf8() {
        String sealed = box.seal("zoë", SECRET);

        assertArrayEquals(SECRET, box.open("zoë", sealed));
        assertThrows(SealBroken.class, () -> box.open("zoe\u0308", sealed));
    }

    @Test
    void openWhenSealedWithThePreviousKeyThenOpensAndNeedsResealing() {
        String sealedBefore = new SecretBox(OLD_KEY, random).seal("alice", SECRET);
        SecretBox rotating = new SecretBox(KEY, OLD_KEY, random);

        assertArrayEquals(SECRET, rotating.open("alice", sealedBefore));
        assertTrue(rotating.needsResealing(sealedBefore));
    }

    @Test
    void needsResealingWhenSealedWithTheCurrentKeyThenFalse() {
        SecretBox rotating = new SecretBox(KEY, OLD_KEY, random);
        String resealed = rotating.seal("alice", rotating.open("alice", new SecretBox(OLD_KEY, random).seal("alice", SECRET)));

        assertFalse(rotating.needsResealing(resealed));
        assertArrayEquals(SECRET, box.open("alice", resealed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "not sealed", "v1.abcdef01.AAAA.AAAA"})
    void needsResealingWhenNotASealedSecretThenFalse(String text) {
        assertFalse(new SecretBox(KEY, OLD_KEY, random).needsResealing(text));
    }

    @Test
    void needsResealingWhenNoPreviousKeyThenFalse() {
        assertFalse(box.needsResealing(box.seal("alice", SECRET)));
    }

    @Test
    void openWhenSealedWithAKeyTheBoxDoesNotHaveThenSealBroken() {
        String sealed = new SecretBox(OLD_KEY, random).seal("alice", SECRET);

        String message = assertThrows(SealBroken.class, () -> box.open("alice", sealed)).getMessage();

        assertTrue(message.contains("unknown key (id " + sealed.substring(3, 11)), message);
    }

    @Test
    void openWhenOnlyTheCurrentKeyIsLeftThenSecretsOfThePreviousNoLongerOpen() {
        String sealedBefore = new SecretBox(OLD_KEY, random).seal("alice", SECRET);

        assertThrows(SealBroken.class, () -> new SecretBox(KEY, random).open("alice", sealedBefore));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "v1.", "v1..", "v2.00000000.AAAA", "v1.abc.AAAA", "v1.%s", "v1.%s.", "v1.%s.AAAA",
            "v1.%s.!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "v1.%s.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "V1.%s.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void openWhenNotASealedSecretThenSealBroken(String template) {
        String keyId = box.seal("alice", SECRET).substring(3, 11);

        assertThrows(SealBroken.class, () -> box.open("alice", template.replace("%s", keyId)));
    }

    @Test
    void openWhenNullThenSealBroken() {
        assertThrows(SealBroken.class, () -> box.open("alice", null));
    }

    @Test
    void sealWhenTheSameSecretIsSealedAgainThenTheNonceDiffers() {
        Set<String> nonces = new HashSet<>();
        Set<String> sealed = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String text = box.seal("alice", SECRET);
            sealed.add(text);
            nonces.add(HexFormat.of().formatHex(Base64.getUrlDecoder().decode(text.substring(12)), 0, 12));
        }

        assertEquals(100, nonces.size());
        assertEquals(100, sealed.size());
    }

    @Test
    void sealWhenSecretIsEmptyThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> box.seal("alice", new byte[0]));
    }

    @Test
    void openWhenItFailsForAnyReasonThenNoKeyOrSecretInTheMessageOrTrace() {
        String sealed = box.seal("alice", SECRET);
        String header = sealed.substring(0, 12);
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(12));
        bytes[bytes.length - 1] ^= 1;
        List<Runnable> failures = new ArrayList<>(List.of(
                () -> box.open("bob", sealed),
                () -> box.open("alice", header + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)),
                () -> box.open("alice", "v1.deadbeef" + sealed.substring(11)),
                () -> box.open("alice", sealed.substring(0, 20)),
                () -> new SecretBox(OLD_KEY, random).open("alice", sealed)));

        for (Runnable failure : failures) {
            try {
                failure.run();
                fail("opened");
            } catch (SealBroken broken) {
                assertHoldsNoneOf(trace(broken), KEY, OLD_KEY, SECRET);
            }
        }
    }

    @Test
    void constructorWhenKeyIsWrongThenMessageHoldsNoKey() {
        byte[] shortKey = Arrays.copyOf(KEY, 31);

        String message = assertThrows(IllegalArgumentException.class, () -> new SecretBox(shortKey, random)).getMessage();

        assertEquals("the key must be 32 bytes (AES-256), got 31", message);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33, 64})
    void constructorWhenAKeyIsNot32BytesThenIllegalArgument(int length) {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[length], random));
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(KEY, new byte[length], random));
    }

    @Test
    void constructorWhenPreviousKeyIsTheCurrentOneThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(KEY, KEY.clone(), random));
    }

    @Test
    void constructorWhenKeyArrayIsChangedAfterwardsThenTheBoxKeepsItsKey() {
        byte[] key = KEY.clone();
        SecretBox copied = new SecretBox(key, random);
        String sealed = copied.seal("alice", SECRET);

        Arrays.fill(key, (byte) 0);

        assertArrayEquals(SECRET, copied.open("alice", sealed));
    }

    @Test
    void toStringWhenCalledThenKeyIdsButNoKey() {
        String text = new SecretBox(KEY, OLD_KEY, random).toString();

        assertTrue(text.startsWith("SecretBox[key id "), text);
        assertHoldsNoneOf(text, KEY, OLD_KEY);
    }

    private static void assertHoldsNoneOf(String text, byte[]... values) {
        for (byte[] value : values) {
            for (String form : List.of(HexFormat.of().formatHex(value), HexFormat.of().withUpperCase().formatHex(value),
                    Base64.getEncoder().encodeToString(value), Base64.getUrlEncoder().withoutPadding().encodeToString(value),
                    Base32.encode(value), new String(value, StandardCharsets.ISO_8859_1), Arrays.toString(value))) {
                assertFalse(text.contains(form), () -> "found " + form + " in " + text);
            }
        }
    }

    private static String trace(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
