package io.github.email2fa.totp;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks codes from an authenticator app (TOTP, RFC 6238) against a user's secret.
 *
 * <p>Time is cut into steps of {@link TotpSettings#period()}: the step of an instant is RFC 6238
 * section 4's counter {@code T = floor(unix seconds / period)}. A step's code is the HOTP value of
 * RFC 4226 for {@code T}: an HMAC of {@code T}, cut down by the dynamic truncation of RFC 4226
 * section 5.3 to {@link TotpSettings#digits()} digits (computed by java-otp).
 *
 * <p>A code is accepted for the steps {@code T - skew} to {@code T + skew} around now (RFC 6238
 * section 5.2: the clocks of server and phone drift, and people type slowly), and only for a step
 * later than the last one the user used: RFC 6238 section 5.2 lets each code be used once. The
 * caller stores the step {@link #verify} returns as the user's last used step, atomically (a
 * compare-and-set such as {@code UPDATE ... SET last_step = ? WHERE user = ? AND last_step < ?}),
 * so two requests racing with the same code cannot both succeed; and it counts failures, since six
 * digits fall to unthrottled guessing (RFC 4226 section 7.3).
 *
 * <p>Every candidate step is computed and compared, in constant time, whichever matches: how long a
 * check takes tells nothing about the code or which step it matched. Immutable and thread-safe.
 */
public final class TotpVerifier {

    /** The last used step of a user who has not used a code yet: every step is later. */
    public static final long NO_STEP_USED = -1;
    /** RFC 4226 section 4 (R6): a shared secret has at least 128 bits. */
    public static final int MIN_SECRET_BYTES = 16;

    private final TotpSettings settings;
    private final Clock clock;
    private final TimeBasedOneTimePasswordGenerator generator;

    /**
     * @param settings the algorithm, digits, period and skew
     * @param clock the server's time; tests pass one they move
     */
    public TotpVerifier(TotpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.generator = new TimeBasedOneTimePasswordGenerator(settings.period(), settings.digits(), settings.algorithm().macName());
    }

    /**
     * The step a typed code belongs to, if it is the code of a step near now that was not used yet.
     *
     * @param secret the user's secret, at least {@value #MIN_SECRET_BYTES} bytes
     * @param code the typed code, normalised to ASCII digits; a code of the wrong length or with other
     *        characters is not accepted
     * @param lastUsedStep the step of the user's last accepted code, or {@link #NO_STEP_USED}; no step
     *        up to and including it is accepted (RFC 6238 section 5.2)
     * @return the matched step (the RFC 6238 counter), for the caller to store as the new last used
     *         step; if the code is that of several eligible steps, the latest, so it cannot be used
     *         again; empty if the code is not accepted
     * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public OptionalLong verify(byte[] secret, String code, long lastUsedStep) {
        Key key = key(secret);
        if (!isDigits(code)) {
            return OptionalLong.empty();
        }
        byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
        long now = currentStep();
        long matched = NO_STEP_USED;
        // No early exit: every candidate costs one HMAC and one full comparison.
        for (long step = Math.max(0, now - settings.skewSteps()); step <= now + settings.skewSteps(); step++) {
            boolean same = MessageDigest.isEqual(digits(codeOf(key, step)), typed);
            matched = same & step > lastUsedStep ? step : matched;
        }
        return matched == NO_STEP_USED ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /** The step now: RFC 6238 section 4's {@code T = floor(unix seconds / period)}. */
    public long currentStep() {
        return Math.floorDiv(clock.instant().getEpochSecond(), settings.periodSeconds());
    }

    /**
     * The code an app shows now for this secret, as ASCII digits: for tests, and to show what an
     * enrolment expects.
     *
     * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public String currentCode(byte[] secret) {
        return codeAt(secret, currentStep());
    }

    /** The code of one step. */
    String codeAt(byte[] secret, long step) {
        return new String(digits(codeOf(key(secret), step)), StandardCharsets.US_ASCII);
    }

    /** The settings codes are checked with. */
    public TotpSettings settings() {
        return settings;
    }

    private Key key(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a TOTP secret has at least " + MIN_SECRET_BYTES + " bytes (RFC 4226 section 4), got "
                    + secret.length);
        }
        return new SecretKeySpec(secret, settings.algorithm().macName());
    }

    /** The truncated HOTP value (RFC 4226 section 5.3) of one step. */
    private int codeOf(Key key, long step) {
        try {
            return generator.generateOneTimePassword(key, Instant.ofEpochSecond(Math.multiplyExact(step, settings.periodSeconds())));
        } catch (InvalidKeyException impossible) {
            throw new IllegalStateException("an HMAC accepts any non-empty key", impossible);
        }
    }

    /** A code as ASCII digits, zero-padded to the settings' length. */
    private byte[] digits(int code) {
        byte[] digits = new byte[settings.digits()];
        int rest = code;
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return digits;
    }

    /** Whether a typed code has the settings' length and only ASCII digits. */
    private boolean isDigits(String code) {
        if (code == null || code.length() != settings.digits()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "TotpVerifier[" + settings.algorithm() + ", " + settings.digits() + " digits, " + settings.periodSeconds() + " s, skew "
                + settings.skewSteps() + "]";
    }
}
