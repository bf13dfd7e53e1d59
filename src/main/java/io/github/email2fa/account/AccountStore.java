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
 *       return {@code true} exactly once for the same hash, however many callers race.
 *   <li>Subjects are compared exactly (case, spaces and all), up to 255 characters.
 *   <li>A bad argument (blank or too long subject, a hash that is not lowercase hex) fails with
 *       {@link IllegalArgumentException} or {@link NullPointerException}, whatever the
 *       implementation; its message never repeats a hash.
 * </ul>
 * Any other failure is an {@link AccountStoreException}.
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
}
