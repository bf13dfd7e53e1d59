package io.github.email2fa.testing;

import io.github.email2fa.account.AccountRecord;
import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.account.RememberedDevice;
import java.time.Instant;
import java.util.List;

/**
 * An account store written against the first release: it implements only that release's methods
 * (in memory), and every method added since keeps its default, as in a third party's store that was
 * never updated.
 */
public final class FirstReleaseAccountStore implements AccountStore {

    private final AccountStore state = new InMemoryAccountStore();

    @Override public AccountRecord find(String subject) { return state.find(subject); }
    @Override public void setEnrolled(String subject, boolean enrolled) { state.setEnrolled(subject, enrolled); }
    @Override public long bumpEpoch(String subject) { return state.bumpEpoch(subject); }
    @Override public void replaceBackupCodes(String subject, byte[] salt, List<String> hashes) { state.replaceBackupCodes(subject, salt, hashes); }
    @Override public boolean useBackupCode(String subject, String hash, Instant at) { return state.useBackupCode(subject, hash, at); }
    @Override public int remainingBackupCodes(String subject) { return state.remainingBackupCodes(subject); }
    @Override public byte[] backupSalt(String subject) { return state.backupSalt(subject); }
    @Override public void saveDevice(RememberedDevice device) { state.saveDevice(device); }
    @Override public RememberedDevice findDevice(String tokenHash) { return state.findDevice(tokenHash); }
    @Override public boolean rotateDevice(String oldHash, String newHash, Instant at) { return state.rotateDevice(oldHash, newHash, at); }
    @Override public List<RememberedDevice> devices(String subject) { return state.devices(subject); }
    @Override public boolean forgetDevice(String subject, String deviceId) { return state.forgetDevice(subject, deviceId); }
    @Override public int forgetAllDevices(String subject) { return state.forgetAllDevices(subject); }
    @Override public int forgetExpiredDevices(Instant now) { return state.forgetExpiredDevices(now); }
}
