/**
 * Backup codes: ten single-use codes a user can type on the challenge page when the email does not
 * arrive.
 *
 * <p>{@link io.github.email2fa.backup.BackupCodes} issues and spends them on top of an
 * {@link io.github.email2fa.account.AccountStore}; {@link io.github.email2fa.backup.BackupCodeFormat}
 * says what a code looks like and how typed input is read; {@link io.github.email2fa.backup.BackupCodeHasher}
 * turns a code into the PBKDF2 hash the store keeps. Codes exist in plain text only in the list
 * {@code regenerate} returns; the store sees hashes and the salt, nothing else.
 *
 * <p>Failure limits, notices to the user and the web page are the caller's business: this package
 * answers only "was that a live code, and how many are left".
 *
 * <p>Internal: not an API for applications, and it may change in any release.
 */
package io.github.email2fa.backup;
