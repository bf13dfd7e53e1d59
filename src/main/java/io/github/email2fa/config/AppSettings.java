package io.github.email2fa.config;

import java.time.Duration;

/**
 * Authenticator apps (TOTP, RFC 6238), as configured.
 *
 * @param secretKey where the key that seals app secrets is read ({@code env:}, {@code file:} or
 *        {@code jndi:}); {@code null} when none is set, and then no app can be added
 * @param previousSecretKey where the key a rotation replaces is read, or {@code null}
 * @param algorithm the HMAC: {@code SHA1}, {@code SHA256} or {@code SHA512}
 * @param digits digits per code, 6 to 8
 * @param period the time step
 * @param skewSteps steps either side of the current one also accepted, 0 to 2
 * @param issuer the name apps show above the code
 */
public record AppSettings(String secretKey, String previousSecretKey, String algorithm, int digits, Duration period, int skewSteps,
        String issuer) {

    /** Says whether the keys are set, never where they are read. */
    @Override
    public String toString() {
        return "AppSettings[secretKey=" + (secretKey == null ? "none" : "set") + ", previousSecretKey="
                + (previousSecretKey == null ? "none" : "set") + ", algorithm=" + algorithm + ", digits=" + digits + ", period=" + period
                + ", skewSteps=" + skewSteps + ", issuer=" + issuer + "]";
    }
}
