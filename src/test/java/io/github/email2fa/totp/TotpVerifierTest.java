package io.github.email2fa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.MutableClock;
import io.github.email2fa.totp.TotpSettings.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link TotpVerifier}: RFC 6238's test vectors, the skew window to the second, and one use per step. */
class TotpVerifierTest {

    /** The seeds of RFC 6238 appendix B, one per algorithm. */
    private static final byte[] SEED_SHA1 = ascii("12345678901234567890");
    private static final byte[] SEED_SHA256 = ascii("12345678901234567890123456789012");
    private static final byte[] SEED_SHA512 = ascii("1234567890123456789012345678901234567890123456789012345678901234");
    /** A step well inside 2025; its first second is {@code STEP * 30}. */
    private static final long STEP = 58_000_000L;
    private static final Instant FIRST_SECOND = Instant.ofEpochSecond(STEP * 30);
    private static final Instant LAST_SECOND = Instant.ofEpochSecond(STEP * 30 + 29, 999_999_999);

    private final MutableClock clock = new MutableClock(FIRST_SECOND);
    private final TotpVerifier verifier = new TotpVerifier(TotpSettings.defaults("Example"), clock);

    @ParameterizedTest(name = "{3} at {0}")
    @CsvSource({
            "59, 0000000000000001, 94287082, SHA1",
            "59, 0000000000000001, 46119246, SHA256",
            "59, 0000000000000001, 90693936, SHA512",
            "1111111109, 00000000023523EC, 07081804, SHA1",
            "1111111109, 00000000023523EC, 68084774, SHA256",
            "1111111109, 00000000023523EC, 25091201, SHA512",
            "1111111111, 00000000023523ED, 14050471, SHA1",
            "1111111111, 00000000023523ED, 67062674, SHA256",
            "1111111111, 00000000023523ED, 99943326, SHA512",
            "1234567890, 000000000273EF07, 89005924, SHA1",
            "1234567890, 000000000273EF07, 91819424, SHA256",
            "1234567890, 000000000273EF07, 93441116, SHA512",
            "2000000000, 0000000003F940AA, 69279037, SHA1",
            "2000000000, 0000000003F940AA, 90698825, SHA256",
            "2000000000, 0000000003F940AA, 38618901, SHA512",
            "20000000000, 0000000027BC86AA, 65353130, SHA1",
            "20000000000, 0000000027BC86AA, 77737706, SHA256",
            "20000000000, 0000000027BC86AA, 47863826, SHA512"})
    void currentCodeWhenRfc6238AppendixBTimeThenItsStepAndCode(long unixSeconds, String stepHex, String code, Algorithm algorithm) {
        TotpVerifier rfc = rfcVerifier(algorithm, unixSeconds);

        assertEquals(Long.parseLong(stepHex, 16), rfc.currentStep());
        assertEquals(code, rfc.currentCode(seed(algorithm)));
        assertEquals(OptionalLong.of(Long.parseLong(stepHex, 16)), rfc.verify(seed(algorithm), code, TotpVerifier.NO_STEP_USED));
    }

    @Test
    void verifyWhenCodeOfCurrentStepThenThatStep() {
        assertEquals(OptionalLong.of(STEP), verifier.verify(SEED_SHA1, verifier.codeAt(SEED_SHA1, STEP), TotpVerifier.NO_STEP_USED));
    }

    @Test
    void verifyWhenCodeOfPreviousStepAtFirstSecondOfStepThenAccepted() {
        assertEquals(OptionalLong.of(STEP - 1), verify(STEP - 1));
    }

    @Test
    void verifyWhenCodeOfPreviousStepAtLastSecondOfStepThenAccepted() {
        clock.advance(Duration.between(FIRST_SECOND, LAST_SECOND));

        assertEquals(STEP, verifier.currentStep());
        assertEquals(OptionalLong.of(STEP - 1), verify(STEP - 1));
    }

    @Test
    void verifyWhenCodeOfTwoStepsBackAtFirstOrLastSecondOfStepThenRefused() {
        assertEquals(OptionalLong.empty(), verify(STEP - 2));

        clock.advance(Duration.between(FIRST_SECOND, LAST_SECOND));

        assertEquals(OptionalLong.empty(), verify(STEP - 2));
    }

    @Test
    void verifyWhenCodeOfNextStepAtFirstOrLastSecondOfStepThenAccepted() {
        assertEquals(OptionalLong.of(STEP + 1), verify(STEP + 1));

        clock.advance(Duration.between(FIRST_SECOND, LAST_SECOND));

        assertEquals(OptionalLong.of(STEP + 1), verify(STEP + 1));
    }

    @Test
    void verifyWhenCodeOfTwoStepsAheadAtFirstOrLastSecondOfStepThenRefused() {
        assertEquals(OptionalLong.empty(), verify(STEP + 2));

        clock.advance(Duration.between(FIRST_SECOND, LAST_SECOND));

        assertEquals(OptionalLong.empty(), verify(STEP + 2));
    }

    @Test
    void verifyWhenTheStepHasJustEndedThenItsCodeIsThePreviousStepsAndTheOneBeforeIsRefused() {
        clock.advance(Duration.ofSeconds(30));

        assertEquals(OptionalLong.of(STEP), verify(STEP));
        assertEquals(OptionalLong.empty(), verify(STEP - 1));
    }

    @Test
    void verifyWhenSkewZeroThenOnlyTheCurrentStep() {
        TotpVerifier strict = new TotpVerifier(new TotpSettings(Algorithm.SHA1, 6, Duration.ofSeconds(30), 0, "Example"), clock);

        assertEquals(OptionalLong.of(STEP), strict.verify(SEED_SHA1, strict.codeAt(SEED_SHA1, STEP), TotpVerifier.NO_STEP_USED));
        assertEquals(OptionalLong.empty(), strict.verify(SEED_SHA1, strict.codeAt(SEED_SHA1, STEP - 1), TotpVerifier.NO_STEP_USED));
        assertEquals(OptionalLong.empty(), strict.verify(SEED_SHA1, strict.codeAt(SEED_SHA1, STEP + 1), TotpVerifier.NO_STEP_USED));
    }

    @Test
    void verifyWhenSkewTwoThenTwoStepsEitherSideAndNoMore() {
        TotpVerifier lenient = new TotpVerifier(new TotpSettings(Algorithm.SHA1, 6, Duration.ofSeconds(30), 2, "Example"), clock);

        for (long step = STEP - 2; step <= STEP + 2; step++) {
            assertEquals(OptionalLong.of(step), lenient.verify(SEED_SHA1, lenient.codeAt(SEED_SHA1, step), TotpVerifier.NO_STEP_USED));
        }
        assertEquals(OptionalLong.empty(), lenient.verify(SEED_SHA1, lenient.codeAt(SEED_SHA1, STEP - 3), TotpVerifier.NO_STEP_USED));
        assertEquals(OptionalLong.empty(), lenient.verify(SEED_SHA1, lenient.codeAt(SEED_SHA1, STEP + 3), TotpVerifier.NO_STEP_USED));
    }

    @Test
    void verifyWhenCodesOfNearbyStepsThenAllDifferentSoTheEdgeTestsMeanSomething() {
        Set<String> codes = new HashSet<>();
        for (long step = STEP - 3; step <= STEP + 3; step++) {
            codes.add(verifier.codeAt(SEED_SHA1, step));
        }

        assertEquals(7, codes.size());
    }

    @Test
    void verifyWhenStepIsTheLastUsedThenRefusedEvenWithTheRightCode() {
        assertEquals(OptionalLong.empty(), verifier.verify(SEED_SHA1, verifier.codeAt(SEED_SHA1, STEP), STEP));
    }

    @Test
    void verifyWhenStepIsBeforeTheLastUsedThenRefusedEvenWithTheRightCode() {
        assertEquals(OptionalLong.empty(), verifier.verify(SEED_SHA1, verifier.codeAt(SEED_SHA1, STEP - 1), STEP));
        assertEquals(OptionalLong.empty(), verifier.verify(SEED_SHA1, verifier.codeAt(SEED_SHA1, STEP), STEP + 1));
    }

    @Test
    void verifyWhenStepIsAfterTheLastUsedThenAccepted() {
        assertEquals(OptionalLong.of(STEP), verifier.verify(SEED_SHA1, verifier.codeAt(SEED_SHA1, STEP), STEP - 1));
        assertEquals(OptionalLong.of(STEP + 1), verifier.verify(SEED_SHA1, verifier.codeAt(SEED_SHA1, STEP + 1), STEP));
    }

    @Test
    void verifyWhenTheAcceptedStepIsStoredThenTheSameCodeIsRefusedAndTheNextStepsAccepted() {
        String code = verifier.codeAt(SEED_SHA1, STEP);
        long used = verifier.verify(SEED_SHA1, code, TotpVerifier.NO_STEP_USED).orElseThrow();

        assertEquals(OptionalLong.empty(), verifier.verify(SEED_SHA1, code, used));

        clock.advance(Duration.ofSeconds(30));

        assertEquals(OptionalLong.empty(), verifier.verify(SEED_SHA1, code, used));
        assertEquals(OptionalLong.of(STEP + 1), verifier.verify(SEED_SHA1, verifier.codeAt(SEED_SHA1, STEP + 1), used));
    }

    @Test
    void verifyWhenTheCodeIsThatOfTwoEligibleStepsThenTheLatestSoItCannotBeUsedAgain() {
        // With the RFC's SHA-1 seed, steps 50897033 and 50897035 both have the code 407517.
        clock.advance(Duration.between(FIRST_SECOND, Instant.ofEpochSecond(50_897_034L * 30)));
        assertEquals(verifier.codeAt(SEED_SHA1, 50_897_033L), verifier.codeAt(SEED_SHA1, 50_897_035L));

        assertEquals(OptionalLong.of(50_897_035L), verifier.verify(SEED_SHA1, "407517", TotpVerifier.NO_STEP_USED));
        assertEquals(OptionalLong.of(50_897_035L), verifier.verify(SEED_SHA1, "407517", 50_897_033L));
        assertEquals(OptionalLong.empty(), verifier.verify(SEED_SHA1, "407517", 50_897_035L));
    }

    @Test
    void verifyWhenWrongCodeThenEmpty() {
        String code = verifier.codeAt(SEED_SHA1, STEP);
        String wrong = (code.charAt(0) == '9' ? "0" : String.valueOf((char) (code.charAt(0) + 1))) + code.substring(1);

        assertEquals(OptionalLong.empty(), verifier.verify(SEED_SHA1, wrong, TotpVerifier.NO_STEP_USED));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "12345", "1234567", "12345a", "12 345", "١٢٣٤٥٦", "１２３４５６"})
    void verifyWhenNotSixAsciiDigitsThenEmpty(String code) {
        assertEquals(OptionalLong.empty(), verifier.verify(SEED_SHA1, code, TotpVerifier.NO_STEP_USED));
    }

    @Test
    void verifyWhenTheCurrentCodeHasLeadingZerosThenTheyCount() {
        // RFC 6238 appendix B: SHA-1 at 1111111109 is 07081804.
        TotpVerifier rfc = rfcVerifier(Algorithm.SHA1, 1111111109);

        assertEquals(OptionalLong.empty(), rfc.verify(SEED_SHA1, "7081804", TotpVerifier.NO_STEP_USED));
        assertTrue(rfc.verify(SEED_SHA1, "07081804", TotpVerifier.NO_STEP_USED).isPresent());
    }

    @Test
    void verifyWhenSecretShorterThan128BitsThenIllegalArgument() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> verifier.verify(new byte[15], "123456", TotpVerifier.NO_STEP_USED)).getMessage();

        assertTrue(message.contains("16") && message.contains("15"), message);
    }

    @Test
    void currentStepWhenTimeMovesThenFloorOfUnixSecondsOverPeriod() {
        assertEquals(STEP, verifier.currentStep());

        clock.advance(Duration.ofSeconds(29));
        assertEquals(STEP, verifier.currentStep());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(STEP + 1, verifier.currentStep());
    }

    @Test
    void currentCodeWhenOtherSecretThenOtherCode() {
        assertNotEquals(verifier.currentCode(SEED_SHA1), verifier.currentCode(SEED_SHA256));
    }

    /** The verifier of RFC 6238 appendix B: 8 digits, 30 seconds, at {@code unixSeconds}. */
    private static TotpVerifier rfcVerifier(Algorithm algorithm, long unixSeconds) {
        return new TotpVerifier(new TotpSettings(algorithm, 8, Duration.ofSeconds(30), 1, "RFC 6238"),
                new MutableClock(Instant.ofEpochSecond(unixSeconds)));
    }

    private static byte[] seed(Algorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> SEED_SHA1;
            case SHA256 -> SEED_SHA256;
            case SHA512 -> SEED_SHA512;
        };
    }

    private OptionalLong verify(long stepOfCode) {
        return verifier.verify(SEED_SHA1, verifier.codeAt(SEED_SHA1, stepOfCode), TotpVerifier.NO_STEP_USED);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
