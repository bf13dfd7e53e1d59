/**
 * Authenticator apps (TOTP, RFC 6238): {@link io.github.email2fa.totp.AuthenticatorApps} enrols,
 * confirms, checks and removes a user's app on the account store, from these pieces:
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
 * <p>The account store keeps the sealed secret and the last used step, each change atomic; the
 * sign-in and account services count guesses and raise the events. Besides the store, the package
 * uses only the code-input normalisation of {@code challenge}.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.totp;
