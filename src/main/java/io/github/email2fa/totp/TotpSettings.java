package io.github.email2fa.totp;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How authenticator-app codes are made and checked (RFC 6238), validated once.
 *
 * <p>The defaults (HMAC-SHA-1, 6 digits, 30 seconds) are the only combination every app supports:
 * several popular apps ignore the {@code algorithm}, {@code digits} and {@code period} of the
 * {@code otpauth://} link and silently show codes that never match. Change them only when every app
 * your users have is known to honour them.
 *
 * @param algorithm the HMAC behind the codes (RFC 6238 section 1.2 allows SHA-1, SHA-256 and SHA-512)
 * @param digits how many digits a code has, 6 to 8 (RFC 4226 section 5.3 asks for at least 6)
 * @param period how long one code lasts (the time step X of RFC 6238 section 4), whole seconds from 15 to 120
 * @param skewSteps how many steps before and after the current one are still accepted, for clocks that
 *        drift and codes typed slowly (RFC 6238 section 5.2 recommends at most one), 0 to 2
 * @param issuer who the account is with, as the app shows it (such as the application's name); not blank
 */
public record TotpSettings(Algorithm algorithm, int digits, Duration period, int skewSteps, String issuer) {

    /** HMAC-SHA-1, what every app supports. */
    public static final Algorithm DEFAULT_ALGORITHM = Algorithm.SHA1;
    /** Six digits, what every app supports. */
    public static final int DEFAULT_DIGITS = 6;
    public static final int MIN_DIGITS = 6;
    public static final int MAX_DIGITS = 8;
    /** Thirty seconds, RFC 6238 section 5.2's recommendation and what every app supports. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);
    public static final Duration MIN_PERIOD = Duration.ofSeconds(15);
    public static final Duration MAX_PERIOD = Duration.ofSeconds(120);
    /** One step either side: with 30-second steps, a code is accepted for 60 to 90 seconds. */
    public static final int DEFAULT_SKEW_STEPS = 1;
    public static final int MAX_SKEW_STEPS = 2;

    /**
     * Checks every value at once.
     *
     * @throws IllegalArgumentException naming every bad value and its accepted form
     */
    public TotpSettings {
        List<String> problems = new ArrayList<>();
        if (algorithm == null) {
            problems.add("algorithm is missing (accepted: " + Algorithm.ACCEPTED + ")");
        }
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            problems.add("digits=" + digits + " (accepted: " + MIN_DIGITS + " to " + MAX_DIGITS + ")");
        }
        if (period == null || period.getNano() != 0 || period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
            problems.add("period=" + period + " (accepted: whole seconds from " + MIN_PERIOD.toSeconds() + " to "
                    + MAX_PERIOD.toSeconds() + ")");
        }
        if (skewSteps < 0 || skewSteps > MAX_SKEW_STEPS) {
            problems.add("skewSteps=" + skewSteps + " (accepted: 0 to " + MAX_SKEW_STEPS + ")");
        }
        if (issuer == null || issuer.isBlank()) {
            problems.add("issuer=" + (issuer == null ? "null" : "'" + issuer + "'") + " (accepted: a name that is not blank)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("TOTP settings not accepted: " + String.join("; ", problems));
        }
    }

    /**
     * The settings every app supports: HMAC-SHA-1, 6 digits, 30 seconds, one step of skew.
     *
     * @param issuer who the account is with, as the app shows it
     * @throws IllegalArgumentException if the issuer is blank
     */
    public static TotpSettings defaults(String issuer) {
        return new TotpSettings(DEFAULT_ALGORITHM, DEFAULT_DIGITS, DEFAULT_PERIOD, DEFAULT_SKEW_STEPS, issuer);
    }

    /** The period in seconds, as the {@code otpauth://} link and the step arithmetic use it. */
    public long periodSeconds() {
        return period.toSeconds();
    }

    /**
     * A new random secret for one user, as long as the algorithm's HMAC output (20, 32 or 64 bytes):
     * RFC 4226 section 4 (R6) asks for at least 128 bits and recommends 160, and the seeds of RFC 6238
     * appendix B have these lengths.
     */
    public byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[algorithm.secretBytes()];
        random.nextBytes(secret);
        return secret;
    }

    /** The HMAC behind the codes (RFC 6238 section 1.2). */
    public enum Algorithm {
        SHA1("HmacSHA1", 20),
        SHA256("HmacSHA256", 32),
        SHA512("HmacSHA512", 64);

        private static final String ACCEPTED = "SHA1, SHA256, SHA512, or HmacSHA1, HmacSHA256, HmacSHA512";

        private final String macName;
        private final int secretBytes;

        Algorithm(String macName, int secretBytes) {
            this.macName = macName;
            this.secretBytes = secretBytes;
        }

        /** The JCA name, such as {@code HmacSHA1}. */
        public String macName() {
            return macName;
        }

        /** The {@code algorithm} parameter of an {@code otpauth://} link, such as {@code SHA1}. */
        public String uriName() {
            return name();
        }

        /** The HMAC output length in bytes, the length of a new secret. */
        public int secretBytes() {
            return secretBytes;
        }

        /**
         * The algorithm a setting names, in either form, ignoring case.
         *
         * @param name such as {@code SHA256} or {@code HmacSHA256}
         * @throws IllegalArgumentException naming the value and the accepted forms
         */
        public static Algorithm of(String name) {
            for (Algorithm algorithm : values()) {
                if (algorithm.name().equalsIgnoreCase(name) || algorithm.macName.equalsIgnoreCase(name)) {
                    return algorithm;
                }
            }
            throw new IllegalArgumentException("algorithm=" + name + " (accepted: " + ACCEPTED + ")");
        }
    }
}
