package io.github.email2fa.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.Race;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Covers {@link HmacSha256}: the RFC 4231 test vectors, the same bytes as the JDK's
 * {@code HmacSHA256} for every key and message length around SHA-256's 64-byte block, the fallback
 * for a digest that cannot be copied, and one instance shared by threads.
 */
class HmacSha256Test {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 4231 section 4: key, data, HMAC-SHA-256 (test case 5 gives only the first 128 bits). */
    static Stream<Arguments> rfc4231() {
        return Stream.of(
                Arguments.of("1: 20-byte key", repeat(0x0b, 20), ascii("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of("2: key shorter than the output", ascii("Jefe"), ascii("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of("3: 50 bytes of 0xdd", repeat(0xaa, 20), repeat(0xdd, 50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of("4: 25-byte key", HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeat(0xcd, 50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                Arguments.of("5: truncated to 128 bits", repeat(0x0c, 20), ascii("Test With Truncation"),
                        "a3b6167473100ee06e0c796c2955552b"),
                Arguments.of("6: 131-byte key, hashed first", repeat(0xaa, 131),
                        ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of("7: 131-byte key and 152-byte data", repeat(0xaa, 131),
                        ascii("This is a test using a larger than block-size key and a larger than block-size data."
                                + " The key needs to be hashed before being used by the HMAC algorithm."),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    @ParameterizedTest(name = "RFC 4231 test case {0}")
    @MethodSource("rfc4231")
    void macWhenRfc4231TestCaseThenItsHmac(String name, byte[] key, byte[] data, String expected) {
        byte[] output = new byte[HmacSha256.LENGTH];

        new HmacSha256(key).mac(data, 0, data.length, output, 0);

        assertEquals(expected, HEX.formatHex(output, 0, expected.length() / 2));
    }

    @ParameterizedTest(name = "{0}-byte keys")
    @MethodSource("keyLengths")
    void macWhenAnyMessageLengthThenSameBytesAsTheJdkMac(int keyLength) throws Exception {
        SplittableRandom random = new SplittableRandom(keyLength);
        byte[] key = bytes(random, keyLength);
        HmacSha256 hmac = new HmacSha256(key);
        // 0 to 200 bytes crosses the inner hash's one-block limit (55) and the block (64) three times.
        for (int length = 0; length <= 200; length++) {
            byte[] message = bytes(random, length);
            byte[] output = new byte[HmacSha256.LENGTH];

            hmac.mac(message, 0, length, output, 0);

            assertArrayEquals(jdkMac(key, message), output, "message of " + length + " bytes");
        }
    }

    static Stream<Integer> keyLengths() {
        return Stream.of(1, 20, 32, 55, 63, 64, 65, 100, 131, 200);
    }

    @Test
    void macWhenInputAndOutputShareAnArrayThenTheMacOfTheInputRange() throws Exception {
        byte[] key = repeat(0x42, 32);
        byte[] buffer = new byte[14 + HmacSha256.LENGTH];
        Arrays.fill(buffer, 0, 14, (byte) '7');
        byte[] message = Arrays.copyOf(buffer, 14);

        new HmacSha256(key).mac(buffer, 0, 14, buffer, 14);

        assertArrayEquals(jdkMac(key, message), Arrays.copyOfRange(buffer, 14, buffer.length));
        assertArrayEquals(message, Arrays.copyOf(buffer, 14), "the input range is left as it was");
    }

    @Test
    void macWhenCalledAgainThenSameResultSinceEachMacStartsFromItsOwnCopies() {
        HmacSha256 hmac = new HmacSha256(repeat(0x01, 32));
        byte[] message = ascii("123456");
        byte[] first = new byte[HmacSha256.LENGTH];
        byte[] second = new byte[HmacSha256.LENGTH];

        hmac.mac(message, 0, message.length, first, 0);
        hmac.mac(ascii("other"), 0, 5, new byte[HmacSha256.LENGTH], 0);
        hmac.mac(message, 0, message.length, second, 0);

        assertArrayEquals(first, second);
    }

    @Test
    void macWhenOffsetsInsideLargerArraysThenOnlyThoseRangesCount() throws Exception {
        byte[] key = repeat(0x07, 32);
        byte[] input = ascii("xxhelloyy");
        byte[] output = new byte[40];

        new HmacSha256(key).mac(input, 2, 5, output, 8);

        assertArrayEquals(jdkMac(key, ascii("hello")), Arrays.copyOfRange(output, 8, 40));
        assertArrayEquals(new byte[8], Arrays.copyOf(output, 8), "nothing is written before the output offset");
    }

    @Test
    void macWhenARangeIsOutsideItsArrayThenIndexOutOfBounds() {
        HmacSha256 hmac = new HmacSha256(repeat(0x07, 32));

        assertThrows(IndexOutOfBoundsException.class, () -> hmac.mac(new byte[4], 2, 3, new byte[32], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> hmac.mac(new byte[4], -1, 2, new byte[32], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> hmac.mac(new byte[4], 0, 4, new byte[40], 9));
    }

    @Test
    void constructorWhenKeyIsEmptyThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HmacSha256(new byte[0]));
    }

    @Test
    void constructorWhenTheJdkDigestThenMacsStartFromPrecomputedStates() {
        assertTrue(new HmacSha256(repeat(0x07, 32)).precomputed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherProviders")
    void macWhenTheDigestIsNotTheJdksOwnThenTheJdkMacGivesTheSameBytes(String label, MessageDigestFactory otherProvider)
            throws Exception {
        for (int keyLength : new int[] {1, 32, 64, 65, 131}) {
            SplittableRandom random = new SplittableRandom(keyLength);
            byte[] key = bytes(random, keyLength);
            HmacSha256 hmac = new HmacSha256(key, otherProvider.create());

            assertFalse(hmac.precomputed(), "a digest of another provider is not copied");
            for (int length : new int[] {0, 14, 55, 56, 64, 65, 130}) {
                byte[] message = bytes(random, length);
                byte[] output = new byte[HmacSha256.LENGTH];
                hmac.mac(message, 0, length, output, 0);
                assertArrayEquals(jdkMac(key, message), output, keyLength + "-byte key, message of " + length + " bytes");
            }
        }
    }

    /** Digests of a provider other than the JDK's own, each refusing to be copied at some point. */
    static Stream<Arguments> otherProviders() {
        return Stream.of(
                Arguments.of("never copied", (MessageDigestFactory) () -> new OtherProviderSha256(false)),
                // As a PKCS#11 digest may be: a fresh one is copied, one that took data is not.
                Arguments.of("copied only while nothing went in", (MessageDigestFactory) () -> new OtherProviderSha256(true)));
    }

    /** Makes a digest for one test case. */
    @FunctionalInterface
    interface MessageDigestFactory {
        MessageDigest create() throws NoSuchAlgorithmException;
    }

    @Test
    void macWhenEightThreadsShareOneInstanceThenEveryResultIsRight() throws Exception {
        byte[] key = repeat(0x5a, 32);
        HmacSha256 hmac = new HmacSha256(key);
        List<Boolean> allRight = Race.of(8, thread -> {
            for (int i = 0; i < 2_000; i++) {
                byte[] message = ascii(thread + ":" + i);
                byte[] output = new byte[HmacSha256.LENGTH];
                hmac.mac(message, 0, message.length, output, 0);
                if (!Arrays.equals(jdkMac(key, message), output)) {
                    return false;
                }
            }
            return true;
        });

        assertEquals(Collections.nCopies(8, true), allRight);
    }

    /**
     * SHA-256 as a provider other than the JDK's own might offer it: it refuses {@code clone}
     * always, or once data went in.
     */
    private static final class OtherProviderSha256 extends MessageDigest {

        private final MessageDigest sha256;
        private final boolean copiedWhileBlank;
        private boolean written;

        OtherProviderSha256(boolean copiedWhileBlank) throws NoSuchAlgorithmException {
            super("SHA-256");
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.copiedWhileBlank = copiedWhileBlank;
        }

        @Override
        protected void engineUpdate(byte input) {
            written = true;
            sha256.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int length) {
            written = true;
            sha256.update(input, offset, length);
        }

        @Override
        protected byte[] engineDigest() {
            written = false;
            return sha256.digest();
        }

        @Override
        protected void engineReset() {
            written = false;
            sha256.reset();
        }

        @Override
        public Object clone() throws CloneNotSupportedException {
            if (!copiedWhileBlank || written) {
                throw new CloneNotSupportedException("this digest cannot be copied now");
            }
            try {
                return new OtherProviderSha256(true);
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static byte[] jdkMac(byte[] key, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    private static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] bytes(SplittableRandom random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
