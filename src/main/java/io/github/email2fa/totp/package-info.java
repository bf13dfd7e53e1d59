/**
 * Authenticator apps (TOTP, RFC 6238): the pieces a second factor from an app is made of, with no
 * web page and no storage of their own.
 *
 * <ul>
 * <li>{@link io.github.email2fa.totp.TotpSettings}: algorithm, digits, period, allowed clock skew and
 * the issuer shown in the app, validated once;</li>
 * <li>{@link io.github.email2fa.totp.TotpVerifier}: checks a typed code against the steps around now,
 * in constant time, and never accepts a step at or before the last one used;</li>
 * <li>{@link io.github.email2fa.totp.SecretBox}: seals a user's secret for a database column with
 * AES-256-GCM, bound to the user, with key rotation;</li>
 * <li>{@link io.github.email2fa.totp.Base32}, {@link io.github.email2fa.totp.OtpAuthUri} and
 * {@link io.github.email2fa.totp.QrCodeSvg}: the forms in which an app is given the secret (typed,
 * {@code otpauth://} link, QR code).</li>
 * </ul>
 *
 * <p>Storing the sealed secret and the last used step, atomically, is the caller's job. The package
 * depends on no other package of the module.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.totp;
