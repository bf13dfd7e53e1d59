package io.github.email2fa.web;

/**
 * A way past the challenge page, as the page offers them and a verified mark remembers the last
 * use of each: an emailed code, a code from an authenticator app, a backup code, or a passkey.
 */
enum WayIn {
    /** A code sent by email. */
    EMAIL,
    /** A code from the user's authenticator app (TOTP). */
    APP,
    /** One of the user's backup codes. */
    BACKUP,
    /** One of the user's passkeys (WebAuthn). */
    PASSKEY
}
