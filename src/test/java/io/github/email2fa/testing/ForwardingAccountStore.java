package io.github.email2fa.testing;

import io.github.email2fa.account.AccountRecord;
import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.AuthenticatorApp;
import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.account.StoredPasskey;
import java.time.Instant;
import java.util.List;

/**
 * An account store that hands every call to the store {@link #delegate()} returns, for test stores
 * that change only where the state lives or how a call fails.
 */
public abstract class ForwardingAccountStore implements AccountStore {

    /** The store each call goes to; called once per call, so it may change between calls or throw. */
    protected abstract AccountStore delegate();

    @Override
    public AccountRecord find(String subject) {
        return delegate().find(subject);
    }

    @Override
    public void setEnrolled(String subject, boolean enrolled) {
        delegate().setEnrolled(subject, enrolled);
    }

    @Override
    public long bumpEpoch(String subject) {
        return delegate().bumpEpoch(subject);
    }

    @Override
    public void replaceBackupCodes(String subject, byte[] salt, List<String> codeHashes) {
        delegate().replaceBackupCodes(subject, salt, codeHashes);
    }

    @Override
    public boolean useBackupCode(String subject, String codeHash, Instant at) {
        return delegate().useBackupCode(subject, codeHash, at);
    }

    @Override
    public Instant backupCodeUsedAt(String subject, String codeHash) {
        return delegate().backupCodeUsedAt(subject, codeHash);
    }

    @Override
    public int remainingBackupCodes(String subject) {
        return delegate().remainingBackupCodes(subject);
    }

    @Override
    public byte[] backupSalt(String subject) {
        return delegate().backupSalt(subject);
    }

    @Override
    public void saveDevice(RememberedDevice device) {
        delegate().saveDevice(device);
    }

    @Override
    public RememberedDevice findDevice(String tokenHash) {
        return delegate().findDevice(tokenHash);
    }

    @Override
    public boolean rotateDevice(String oldTokenHash, String newTokenHash, Instant at) {
        return delegate().rotateDevice(oldTokenHash, newTokenHash, at);
    }

    @Override
    public List<RememberedDevice> devices(String subject) {
        return delegate().devices(subject);
    }

    @Override
    public boolean forgetDevice(String subject, String deviceId) {
        return delegate().forgetDevice(subject, deviceId);
    }

    @Override
    public int forgetAllDevices(String subject) {
        return delegate().forgetAllDevices(subject);
    }

    @Override
    public int forgetExpiredDevices(Instant now) {
        return delegate().forgetExpiredDevices(now);
    }

    @Override
    public void setPreferredFactor(String subject, String factor) {
        delegate().setPreferredFactor(subject, factor);
    }

    @Override
    public boolean keepsAuthenticatorApps() {
        return true;
    }

    @Override
    public AuthenticatorApp authenticator(String subject) {
        return delegate().authenticator(subject);
    }

    @Override
    public boolean startAuthenticator(String subject, String sealedSecret, Instant at) {
        return delegate().startAuthenticator(subject, sealedSecret, at);
    }

    @Override
    public boolean confirmAuthenticator(String subject, String sealedSecret, long step, Instant at) {
        return delegate().confirmAuthenticator(subject, sealedSecret, step, at);
    }

    @Override
    public boolean useAuthenticatorStep(String subject, long step, Instant at) {
        return delegate().useAuthenticatorStep(subject, step, at);
    }

    @Override
    public boolean resealAuthenticator(String subject, String oldSealedSecret, String newSealedSecret) {
        return delegate().resealAuthenticator(subject, oldSealedSecret, newSealedSecret);
    }

    @Override
    public boolean removeAuthenticator(String subject) {
        return delegate().removeAuthenticator(subject);
    }

    @Override
    public boolean keepsPasskeys() {
        return true;
    }

    @Override
    public String passkeyUserHandle(String subject, String proposed) {
        return delegate().passkeyUserHandle(subject, proposed);
    }

    @Override
    public boolean savePasskey(StoredPasskey passkey) {
        return delegate().savePasskey(passkey);
    }

    @Override
    public List<StoredPasskey> passkeys(String subject) {
        return delegate().passkeys(subject);
    }

    @Override
    public boolean usePasskey(String subject, String credentialId, long expectedCount, Instant expectedLastUsedAt, long newCount,
            Instant at) {
        return delegate().usePasskey(subject, credentialId, expectedCount, expectedLastUsedAt, newCount, at);
    }

    @Override
    public boolean renamePasskey(String subject, String credentialId, String name) {
        return delegate().renamePasskey(subject, credentialId, name);
    }

    @Override
    public boolean removePasskey(String subject, String credentialId) {
        return delegate().removePasskey(subject, credentialId);
    }
}
