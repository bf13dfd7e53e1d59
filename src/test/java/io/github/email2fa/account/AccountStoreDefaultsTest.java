package io.github.email2fa.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A store written before authenticator apps, which implements none of the methods added since:
 * it still works for everything it did, finds no app, says it keeps none, and refuses the rest
 * with a message that names it.
 */
class AccountStoreDefaultsTest {

    /** Everything of the first release, delegated; nothing added since. */
    private static final class StoreOfTheFirstRelease implements AccountStore {
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

    private final AccountStore store = new StoreOfTheFirstRelease();

    @Test
    void keepsAuthenticatorAppsWhenNotImplementedThenFalseAndNoAppFound() {
        store.setEnrolled("alice", true);

        assertFalse(store.keepsAuthenticatorApps());
        assertFalse(store.keepsPasskeys());
        assertEquals(List.of(), store.passkeys("alice"));
        assertNull(store.authenticator("alice"));
        assertEquals(new AccountRecord("alice", true, 0), store.find("alice"));
        assertNull(store.find("alice").preferredFactor());
    }

    @Test
    void authenticatorWritesWhenNotImplementedThenUnsupportedNamingTheStore() {
        Instant now = Instant.parse("2025-03-01T10:15:30Z");
        List<Runnable> writes = List.of(
                () -> store.startAuthenticator("alice", "v1.a.b", now),
                () -> store.confirmAuthenticator("alice", "v1.a.b", 1, now),
                () -> store.useAuthenticatorStep("alice", 1, now),
                () -> store.resealAuthenticator("alice", "v1.a.b", "v1.a.c"),
                () -> store.removeAuthenticator("alice"),
                () -> store.setPreferredFactor("alice", "app"),
                () -> store.passkeyUserHandle("alice", "aGFuZGxl"),
                () -> store.savePasskey(new StoredPasskey("alice", "aWQ", "a2V5", 0, java.util.Set.of(), "Laptop", now, null)),
                () -> store.usePasskey("alice", "aWQ", 0, null, 1, now),
                () -> store.renamePasskey("alice", "aWQ", "Phone"),
                () -> store.removePasskey("alice", "aWQ"));

        for (Runnable write : writes) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, write::run);
            assertTrue(e.getMessage().contains(StoreOfTheFirstRelease.class.getName()), e.getMessage());
        }
    }
}
