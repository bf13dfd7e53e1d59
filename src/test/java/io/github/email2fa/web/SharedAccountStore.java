package io.github.email2fa.web;

import io.github.email2fa.account.AccountRecord;
import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.AuthenticatorApp;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.account.StoredPasskey;
import java.time.Instant;
import java.util.List;

/**
 * An account store whose state outlives the module that made it, so a test can stop a module and
 * start another one (with other settings) on the same users, as an operator restarting the
 * application with a changed setting does. {@link #reset()} starts afresh.
 */
public final class SharedAccountStore implements AccountStore {

    private static volatile AccountStore state = new InMemoryAccountStore();

    /** Forgets every user. */
    static void reset() {
        state = new InMemoryAccountStore();
    }

    private static AccountStore up() {
        return state;
    }

    @Override
    public AccountRecord find(String subject) {
        return up().find(subject);
    }

    @Override
    public void setEnrolled(String subject, boolean enrolled) {
        up().setEnrolled(subject, enrolled);
    }

    @Override
    public long bumpEpoch(String subject) {
        return up().bumpEpoch(subject);
    }

    @Override
    public void replaceBackupCodes(String subject, byte[] salt, List<String> codeHashes) {
        up().replaceBackupCodes(subject, salt, codeHashes);
    }

    @Override
    public boolean useBackupCode(String subject, String codeHash, Instant at) {
        return up().useBackupCode(subject, codeHash, at);
    }

    @Override
    public Instant backupCodeUsedAt(String subject, String codeHash) {
        return up().backupCodeUsedAt(subject, codeHash);
    }

    @Override
    public int remainingBackupCodes(String subject) {
        return up().remainingBackupCodes(subject);
    }

    @Override
    public byte[] backupSalt(String subject) {
        return up().backupSalt(subject);
    }

    @Override
    public void saveDevice(RememberedDevice device) {
        up().saveDevice(device);
    }

    @Override
    public RememberedDevice findDevice(String tokenHash) {
        return up().findDevice(tokenHash);
    }

    @Override
    public boolean rotateDevice(String oldTokenHash, String newTokenHash, Instant at) {
        return up().rotateDevice(oldTokenHash, newTokenHash, at);
    }

    @Override
    public List<RememberedDevice> devices(String subject) {
        return up().devices(subject);
    }

    @Override
    public boolean forgetDevice(String subject, String deviceId) {
        return up().forgetDevice(subject, deviceId);
    }

    @Override
    public int forgetAllDevices(String subject) {
        return up().forgetAllDevices(subject);
    }

    @Override
    public int forgetExpiredDevices(Instant now) {
        return up().forgetExpiredDevices(now);
    }

    @Override
    public void setPreferredFactor(String subject, String factor) {
        up().setPreferredFactor(subject, factor);
    }

    @Override
    public boolean keepsAuthenticatorApps() {
        return true;
    }

    @Override
    public AuthenticatorApp authenticator(String subject) {
        return up().authenticator(subject);
    }

    @Override
    public boolean startAuthenticator(String subject, String sealedSecret, Instant at) {
        return up().startAuthenticator(subject, sealedSecret, at);
    }

    @Override
    public boolean confirmAuthenticator(String subject, String sealedSecret, long step, Instant at) {
        return up().confirmAuthenticator(subject, sealedSecret, step, at);
    }

    @Override
    public boolean useAuthenticatorStep(String subject, long step, Instant at) {
        return up().useAuthenticatorStep(subject, step, at);
    }

    @Override
    public boolean resealAuthenticator(String subject, String oldSealedSecret, String newSealedSecret) {
        return up().resealAuthenticator(subject, oldSealedSecret, newSealedSecret);
    }

    @Override
    public boolean removeAuthenticator(String subject) {
        return up().removeAuthenticator(subject);
    }

    @Override
    public boolean keepsPasskeys() {
        return true;
    }

    @Override
    public String passkeyUserHandle(String subject, String proposed) {
        return up().passkeyUserHandle(subject, proposed);
    }

    @Override
    public void savePasskey(StoredPasskey passkey) {
        up().savePasskey(passkey);
    }

    @Override
    public List<StoredPasskey> passkeys(String subject) {
        return up().passkeys(subject);
    }

    @Override
    public boolean usePasskey(String subject, String credentialId, long expectedCount, Instant expectedLastUsedAt, long newCount,
            Instant at) {
        return up().usePasskey(subject, credentialId, expectedCount, expectedLastUsedAt, newCount, at);
    }

    @Override
    public boolean renamePasskey(String subject, String credentialId, String name) {
        return up().renamePasskey(subject, credentialId, name);
    }

    @Override
    public boolean removePasskey(String subject, String credentialId) {
        return up().removePasskey(subject, credentialId);
    }
}
