/**
 * Passkeys (WebAuthn Level 3) as a phishing-resistant second factor: the browser signs only for the
 * site's own origin, so a look-alike site gets nothing it can replay. The pieces, wired by others:
 *
 * <ul>
 * <li>{@link io.github.email2fa.passkey.PasskeySettings}: relying party id and name, allowed
 * origins, user verification, challenge lifetime and attestation, validated once;</li>
 * <li>{@link io.github.email2fa.passkey.PasskeyChallenge}: the random challenge of one ceremony, kept
 * in the HTTP session and used once;</li>
 * <li>{@link io.github.email2fa.passkey.PasskeyVerifier}: the JSON options for the browser, and the
 * checks of what it posts back, through webauthn4j; failures are
 * {@link io.github.email2fa.passkey.PasskeyVerifier.Refused} with a reason;</li>
 * <li>{@link io.github.email2fa.passkey.PasskeyCredential}: one user's passkey as the account store
 * keeps it: credential id, public key, signature counter, user handle, transports, label and
 * times.</li>
 * </ul>
 *
 * <p>The session holds the pending challenge; the account store holds each user's handle and
 * passkeys, with a unique index on the credential id, and updates a counter only if it is still the
 * one checked against. Counting failures and raising events is the caller's. The package depends
 * on webauthn4j-core and the Jackson 3 it brings, and on nothing else of the module.
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.passkey;
