package io.github.email2fa.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link CodeGenerator}: exact length, ASCII digits only, uniform digits with leading zeros kept. */
class CodeGeneratorTest {

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {6, 7, 8, 9, 10})
    void nextWhenLengthInRangeThenExactlyThatManyAsciiDigits(int length) {
        CodeGenerator generator = new CodeGenerator(new SecureRandom(), length);

        for (int i = 0; i < 1_000; i++) {
            String code = generator.next();
            assertEquals(length, code.length(), code);
            assertTrue(code.chars().allMatch(c -> c >= '0' && c <= '9'), code);
        }
    }

    @Test
    void nextWhenRandomDrawsZerosThenLeadingZerosKept() {
        CodeGenerator generator = new CodeGenerator(new ZeroRandom(), 6);

        assertEquals("000000", generator.next());
    }

    @Test
    void nextWhenManyCodesDrawnThenDigitsRoughlyUniform() {
        CodeGenerator generator = new CodeGenerator(seeded(), 6);
        int[] counts = new int[10];

        for (int i = 0; i < 10_000; i++) {
            generator.next().chars().forEach(c -> counts[c - '0']++);
        }

        // 60,000 digits: 6,000 expected per digit, standard deviation about 73.
        assertTrue(Arrays.stream(counts).allMatch(n -> n > 5_600 && n < 6_400), Arrays.toString(counts));
    }

    @Test
    void nextWhenManyCodesDrawnThenAboutOneInTenStartsWithZero() {
        CodeGenerator generator = new CodeGenerator(seeded(), 6);
        int leadingZero = 0;

        for (int i = 0; i < 10_000; i++) {
            if (generator.next().charAt(0) == '0') {
                leadingZero++;
            }
        }

        assertTrue(leadingZero > 800 && leadingZero < 1_200, "codes starting with 0: " + leadingZero);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {-1, 0, 5, 11, 64})
    void constructorWhenLengthOutsideSixToTenThenRefused(int length) {
        assertThrows(IllegalArgumentException.class, () -> new CodeGenerator(new SecureRandom(), length));
    }

    /** A deterministic CSPRNG, so the statistical tests give the same answer on every run. */
    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(20_250_301L);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Every draw is zero, whichever of nextInt or nextBytes the generator uses. */
    private static final class ZeroRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
