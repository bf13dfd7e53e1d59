package io.github.email2fa.account;

import java.time.Instant;
import java.util.List;

/**
 * Where each user's lasting 2FA state lives: enrolment, the security epoch, backup codes and
 * remembered devices. The SPI; {@link JdbcAccountStore} is the default implementation.
 *
 * <p>The store keeps state and makes each write atomic; it makes no policy. Whether a device has
 * expired or belongs to an older epoch, and what disabling 2FA should revoke, is the caller's
 * decision. Codes and tokens never reach the store, only their hashes, as lowercase hex.
 *
 * <p>What every implementation guarantees, checked by {@code AccountStoreContractTest}:
 * <ul>
 *   <li>The first write for a subject creates its account, not enrolled, at epoch 0, even when
 *       several threads or servers write it at once.
 *   <li>{@link #bumpEpoch} never loses an increment; {@link #useBackupCode} and {@link #rotateDevice}
 *       return {@code true} exactly once for the same hash, and {@link #useAuthenticatorStep} exactly
 *       once for the same time step, however many callers race.
 *   <li>Subjects are compared exactly (case, spaces and all), up to 255 characters.
 *   <li>A bad argument (blank or too long subject, a hash that is not lowercase hex) fails with
 *       {@link IllegalArgumentException} or {@link NullPointerException}, whatever the
 *       implementation; its message never repeats a hash.
 * </ul>
 * Any other failure is an {@link AccountStoreException}.
 *
 * <p>Authenticator apps, the preferred way in and passkeys came after the first release, as default methods:
 * a store written before them still compiles and works, and only lacks those features (the
 * module then refuses enrolment of apps with a message that says why).
 */
public interface AccountStore {

    /** The account of this subject, or {@code null} if nothing was ever stored for it. */
    AccountRecord find(String subject);

    /** Sets whether the subject must pass the second factor; creates the account if needed. */
    void setEnrolled(String subject, boolean enrolled);

    /**
     * Adds one to the subject's security epoch, atomically; creates the account if needed.
     * Devices remembered under an earlier epoch are then void.
     *
     * @return the new epoch: 1 for an account that did not exist
     */
    long bumpEpoch(String subject);

    /**
     * Replaces all the subject's backup codes and their salt in one transaction: no old code is
     * usable afterwards, used or not. Creates the account if needed.
     *
     * @param salt the salt the new hashes were made with; may be {@code null} only if there are none
     * @param codeHashes the new codes' hashes, all different; empty to remove every code
     * @throws IllegalArgumentException if a hash repeats, or codes come without a salt
     */
    void replaceBackupCodes(String subject, byte[] salt, List<String> codeHashes);

    /**
     * Spends one backup code: {@code true} exactly once for a stored, unused hash of this subject.
     *
     * @param at when, recorded as the code's use
     */
    boolean useBackupCode(String subject, String codeHash, Instant at);

    /**
     * When the subject's backup code with this hash was spent, so a user who types it again can be
     * told so; {@code null} if it is unused, not the subject's, or not stored. The default returns
     * {@code null}: a store that does not implement it only loses that message.
     */
    default Instant backupCodeUsedAt(String subject, String codeHash) {
        return null;
    }

    /** How many of the subject's backup codes are unused; 0 for an unknown subject. */
    int remainingBackupCodes(String subject);

    /** A copy of the salt of the subject's backup codes, or {@code null} if none was stored. */
    byte[] backupSalt(String subject);

    /**
     * Stores a newly remembered device.
     *
     * @throws AccountStoreException if a device with its id or token hash is already stored
     */
    void saveDevice(RememberedDevice device);

    /** The device whose current token has this hash, expired or not; {@code null} if none. */
    RememberedDevice findDevice(String tokenHash);

    /**
     * Replaces a device's token hash, if it is still {@code oldTokenHash}: a compare-and-set, so
     * of callers racing with the same old hash exactly one gets {@code true}.
     *
     * @param at recorded as the device's last use
     * @return whether this call made the change
     * @throws AccountStoreException if another device already has {@code newTokenHash}
     */
    boolean rotateDevice(String oldTokenHash, String newTokenHash, Instant at);

    /** The subject's devices, expired or not, oldest first. */
    List<RememberedDevice> devices(String subject);

    /**
     * Forgets one device, if it is the subject's own.
     *
     * @param deviceId the device's id; anything that is not a device id matches nothing
     * @return whether a device was removed
     */
    boolean forgetDevice(String subject, String deviceId);

    /** Forgets all the subject's devices; returns how many there were. */
    int forgetAllDevices(String subject);

    /** Forgets every device, of any subject, that has expired at {@code now}; returns how many. */
    int forgetExpiredDevices(Instant now);

    /**
     * Sets the way in the user wants offered first; creates the account if needed.
     *
     * @param factor {@code email} or {@code app}, or {@code null} to leave it to the module
     * @throws UnsupportedOperationException by default: the store does not keep it
     */
    default void setPreferredFactor(String subject, String factor) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep a preferred way in");
    }

    /**
     * Whether this store keeps authenticator apps: {@code false} by default, and then
     * {@link #authenticator} finds none and every other authenticator method throws
     * {@link UnsupportedOperationException}.
     */
    default boolean keepsAuthenticatorApps() {
        return false;
    }

    /** The subject's authenticator app, confirmed or not; {@code null} if none (always, by default). */
    default AuthenticatorApp authenticator(String subject) {
        return null;
    }

    /**
     * Begins enrolment of an app: stores its sealed secret, unconfirmed, in place of any
     * unconfirmed one. A confirmed app is kept and nothing changes: it must be removed first.
     *
     * @param sealedSecret 1 to 512 characters of {@code A-Z a-z 0-9 . _ -}
     * @param at recorded as the enrolment's start
     * @return whether it was stored, {@code false} if the subject has a confirmed app
     * @throws UnsupportedOperationException if the store does not keep authenticator apps
     */
    default boolean startAuthenticator(String subject, String sealedSecret, Instant at) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep authenticator apps");
    }

    /**
     * Confirms the unconfirmed app with this sealed secret, with the first code's time step used:
     * {@code true} exactly once, and {@code false} if enrolment was restarted with another secret
     * in between, so only the secret the user's app holds is ever confirmed.
     *
     * @param step the time step of the code the user typed, recorded as used
     * @param at recorded as the confirmation and the last use
     * @throws UnsupportedOperationException if the store does not keep authenticator apps
     */
    default boolean confirmAuthenticator(String subject, String sealedSecret, long step, Instant at) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep authenticator apps");
    }

    /**
     * Records a time step as used by the subject's confirmed app, if it is later than the last one
     * used: {@code true} exactly once for each step, however many callers race, and never for a
     * step at or before one already used (RFC 6238 section 5.2).
     *
     * @param at recorded as the last use
     * @throws UnsupportedOperationException if the store does not keep authenticator apps
     */
    default boolean useAuthenticatorStep(String subject, long step, Instant at) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep authenticator apps");
    }

    /**
     * Replaces the sealed secret of the subject's app if it is still {@code oldSealedSecret}, as
     * after a rotation of the sealing key; a compare-and-set, so of racing callers one wins.
     *
     * @throws UnsupportedOperationException if the store does not keep authenticator apps
     */
    default boolean resealAuthenticator(String subject, String oldSealedSecret, String newSealedSecret) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep authenticator apps");
    }

    /**
     * Removes the subject's app, confirmed or not.
     *
     * @return whether there was one
     * @throws UnsupportedOperationException if the store does not keep authenticator apps
     */
    default boolean removeAuthenticator(String subject) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep authenticator apps");
    }

    /**
     * Whether this store keeps passkeys: {@code false} by default, and then {@link #passkeys} finds
     * none and every other passkey method throws {@link UnsupportedOperationException}.
     */
    default boolean keepsPasskeys() {
        return false;
    }

    /**
     * The subject's passkey user handle (WebAuthn's {@code user.id}, W3C WebAuthn Level 3 section
     * 5.4.3): the one stored, or {@code proposed}, stored now if the subject has none. Of callers
     * racing with different proposals, all get the same one.
     *
     * @param proposed a new random handle, base64url, 1 to 128 characters
     * @throws UnsupportedOperationException if the store does not keep passkeys
     */
    default String passkeyUserHandle(String subject, String proposed) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep passkeys");
    }

    /**
     * Stores a newly registered passkey, unless one with its credential id is stored already, for
     * any user (W3C WebAuthn Level 3 section 7.1, step 26); best by a unique index on the id.
     *
     * @return {@code false} if the credential id is taken, and then nothing was stored
     * @throws AccountStoreException if the store fails
     * @throws UnsupportedOperationException if the store does not keep passkeys
     */
    default boolean savePasskey(StoredPasskey passkey) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep passkeys");
    }

    /** The subject's passkeys, oldest first; none (always, by default). */
    default List<StoredPasskey> passkeys(String subject) {
        return List.of();
    }

    /**
     * Records a sign-in with one of the subject's passkeys, if its counter is still
     * {@code expectedCount} and its last use still {@code expectedLastUsedAt}: a compare-and-set of
     * both, so of parallel sign-ins with one answer one wins (WebAuthn section 7.2, step 21), also
     * for authenticators whose counter stays 0, as synced passkeys' does, where the counter alone
     * could not tell the copies apart.
     *
     * @param expectedLastUsedAt the last use as read, {@code null} for never
     * @param at recorded as the last use; after {@code expectedLastUsedAt}, so each use changes it
     * @throws UnsupportedOperationException if the store does not keep passkeys
     */
    default boolean usePasskey(String subject, String credentialId, long expectedCount, Instant expectedLastUsedAt, long newCount,
            Instant at) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep passkeys");
    }

    /**
     * Renames one of the subject's passkeys; another user's is left alone.
     *
     * @throws UnsupportedOperationException if the store does not keep passkeys
     */
    default boolean renamePasskey(String subject, String credentialId, String name) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep passkeys");
    }

    /**
     * Removes one of the subject's passkeys; another user's is left alone.
     *
     * @return whether it was the subject's and is gone
     * @throws UnsupportedOperationException if the store does not keep passkeys
     */
    default boolean removePasskey(String subject, String credentialId) {
        throw new UnsupportedOperationException(getClass().getName() + " does not keep passkeys");
    }
}
