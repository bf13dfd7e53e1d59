package io.github.email2fa.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An {@link AccountStore} in this JVM's memory, for tests: state is lost on restart and not shared
 * between servers.
 *
 * <p>Every method holds one lock. That is slow under load but makes each operation atomic, including
 * those that touch accounts and devices together, which is what a test double needs to be.
 */
public final class InMemoryAccountStore implements AccountStore {

    private static final Comparator<RememberedDevice> OLDEST_FIRST =
            Comparator.comparing(RememberedDevice::createdAt).thenComparing(RememberedDevice::id);

    private final Object lock = new Object();
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, RememberedDevice> devicesById = new HashMap<>();
    private final Map<String, AuthenticatorApp> authenticators = new HashMap<>();
    /** Passkeys by credential id, unique across users. */
    private final Map<String, StoredPasskey> passkeys = new LinkedHashMap<>();
    private final Map<String, String> userHandles = new HashMap<>();

    @Override
    public AccountRecord find(String subject) {
        Columns.subject(subject);
        synchronized (lock) {
            Account account = accounts.get(subject);
            return account == null ? null : new AccountRecord(subject, account.enrolled, account.epoch, account.preferredFactor);
        }
    }

    @Override
    public void setEnrolled(String subject, boolean enrolled) {
        Columns.subject(subject);
        synchronized (lock) {
            account(subject).enrolled = enrolled;
        }
    }

    @Override
    public long bumpEpoch(String subject) {
        Columns.subject(subject);
        synchronized (lock) {
            return ++account(subject).epoch;
        }
    }

    @Override
    public void replaceBackupCodes(String subject, byte[] salt, List<String> codeHashes) {
        Columns.subject(subject);
        Map<String, Instant> codes = new LinkedHashMap<>();
        for (String hash : Columns.backupCodes(salt, codeHashes)) {
            codes.put(hash, null);
        }
        synchronized (lock) {
            Account account = account(subject);
            account.salt = salt == null ? null : salt.clone();
            account.codes = codes;
        }
    }

    @Override
    public boolean useBackupCode(String subject, String codeHash, Instant at) {
        Columns.subject(subject);
        Columns.hash("codeHash", codeHash);
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            Account account = accounts.get(subject);
            if (account == null || !account.codes.containsKey(codeHash) || account.codes.get(codeHash) != null) {
                return false;
            }
            account.codes.put(codeHash, at);
            return true;
        }
    }

    @Override
    public Instant backupCodeUsedAt(String subject, String codeHash) {
        Columns.subject(subject);
        Columns.hash("codeHash", codeHash);
        synchronized (lock) {
            Account account = accounts.get(subject);
            return account == null ? null : account.codes.get(codeHash);
        }
    }

    @Override
    public int remainingBackupCodes(String subject) {
        Columns.subject(subject);
        synchronized (lock) {
            Account account = accounts.get(subject);
            return account == null ? 0 : (int) account.codes.values().stream().filter(Objects::isNull).count();
        }
    }

    @Override
    public byte[] backupSalt(String subject) {
        Columns.subject(subject);
        synchronized (lock) {
            Account account = accounts.get(subject);
            return account == null || account.salt == null ? null : account.salt.clone();
        }
    }

    @Override
    public void setPreferredFactor(String subject, String factor) {
        Columns.subject(subject);
        Columns.factor(factor);
        synchronized (lock) {
            account(subject).preferredFactor = factor;
        }
    }

    @Override
    public boolean keepsAuthenticatorApps() {
        return true;
    }

    @Override
    public AuthenticatorApp authenticator(String subject) {
        Columns.subject(subject);
        synchronized (lock) {
            return authenticators.get(subject);
        }
    }

    @Override
    public boolean startAuthenticator(String subject, String sealedSecret, Instant at) {
        Columns.subject(subject);
        Columns.sealedSecret(sealedSecret);
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            AuthenticatorApp current = authenticators.get(subject);
            if (current != null && current.confirmed()) {
                return false;
            }
            authenticators.put(subject, new AuthenticatorApp(subject, sealedSecret, at, null, AuthenticatorApp.NO_STEP, null));
            return true;
        }
    }

    @Override
    public boolean confirmAuthenticator(String subject, String sealedSecret, long step, Instant at) {
        Columns.subject(subject);
        Columns.sealedSecret(sealedSecret);
        Columns.step(step);
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            AuthenticatorApp current = authenticators.get(subject);
            if (current == null || current.confirmed() || !current.sealedSecret().equals(sealedSecret)) {
                return false;
            }
            authenticators.put(subject, new AuthenticatorApp(subject, sealedSecret, current.createdAt(), at, step, at));
            return true;
        }
    }

    @Override
    public boolean useAuthenticatorStep(String subject, long step, Instant at) {
        Columns.subject(subject);
        Columns.step(step);
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            AuthenticatorApp current = authenticators.get(subject);
            if (current == null || !current.confirmed() || current.lastStep() >= step) {
                return false;
            }
            authenticators.put(subject, new AuthenticatorApp(subject, current.sealedSecret(), current.createdAt(), current.confirmedAt(),
                    step, at));
            return true;
        }
    }

    @Override
    public boolean resealAuthenticator(String subject, String oldSealedSecret, String newSealedSecret) {
        Columns.subject(subject);
        Columns.sealedSecret(oldSealedSecret);
        Columns.sealedSecret(newSealedSecret);
        synchronized (lock) {
            AuthenticatorApp current = authenticators.get(subject);
            if (current == null || !current.sealedSecret().equals(oldSealedSecret)) {
                return false;
            }
            authenticators.put(subject, new AuthenticatorApp(subject, newSealedSecret, current.createdAt(), current.confirmedAt(),
                    current.lastStep(), current.lastUsedAt()));
            return true;
        }
    }

    @Override
    public boolean removeAuthenticator(String subject) {
        Columns.subject(subject);
        synchronized (lock) {
            return authenticators.remove(subject) != null;
        }
    }

    @Override
    public boolean keepsPasskeys() {
        return true;
    }

    @Override
    public String passkeyUserHandle(String subject, String proposed) {
        Columns.subject(subject);
        Columns.base64Url("proposed", proposed, Columns.USER_HANDLE_MAX);
        synchronized (lock) {
            return userHandles.computeIfAbsent(subject, s -> proposed);
        }
    }

    @Override
    public boolean savePasskey(StoredPasskey passkey) {
        Columns.passkey(passkey);
        synchronized (lock) {
            return passkeys.putIfAbsent(passkey.credentialId(), passkey) == null;
        }
    }

    @Override
    public List<StoredPasskey> passkeys(String subject) {
        Columns.subject(subject);
        synchronized (lock) {
            return passkeys.values().stream().filter(p -> p.subject().equals(subject))
                    .sorted(Comparator.comparing(StoredPasskey::createdAt)).toList();
        }
    }

    @Override
    public boolean usePasskey(String subject, String credentialId, long expectedCount, Instant expectedLastUsedAt, long newCount,
            Instant at) {
        Columns.subject(subject);
        Columns.base64Url("credentialId", credentialId, Columns.CREDENTIAL_ID_MAX);
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            StoredPasskey p = ownPasskey(subject, credentialId);
            if (p == null || p.signCount() != expectedCount || !Objects.equals(p.lastUsedAt(), expectedLastUsedAt)) {
                return false;
            }
            passkeys.put(credentialId, new StoredPasskey(subject, credentialId, p.credential(), newCount, p.transports(), p.name(),
                    p.createdAt(), at));
            return true;
        }
    }

    @Override
    public boolean renamePasskey(String subject, String credentialId, String name) {
        Columns.subject(subject);
        Columns.base64Url("credentialId", credentialId, Columns.CREDENTIAL_ID_MAX);
        Columns.passkeyName(name);
        synchronized (lock) {
            StoredPasskey p = ownPasskey(subject, credentialId);
            if (p == null) {
                return false;
            }
            passkeys.put(credentialId, new StoredPasskey(subject, credentialId, p.credential(), p.signCount(), p.transports(), name,
                    p.createdAt(), p.lastUsedAt()));
            return true;
        }
    }

    @Override
    public boolean removePasskey(String subject, String credentialId) {
        Columns.subject(subject);
        Columns.base64Url("credentialId", credentialId, Columns.CREDENTIAL_ID_MAX);
        synchronized (lock) {
            StoredPasskey p = ownPasskey(subject, credentialId);
            if (p == null) {
                return false;
            }
            passkeys.remove(credentialId);
            return true;
        }
    }

    /** The passkey with this credential id if it is the subject's; {@code null} otherwise. Call it holding the lock. */
    private StoredPasskey ownPasskey(String subject, String credentialId) {
        StoredPasskey p = passkeys.get(credentialId);
        return p == null || !p.subject().equals(subject) ? null : p;
    }

    @Override
    public void saveDevice(RememberedDevice device) {
        Objects.requireNonNull(device, "device");
        synchronized (lock) {
            if (devicesById.containsKey(device.id()) || byToken(device.tokenHash()) != null) {
                throw new AccountStoreException("Could not save a remembered device: its id or token hash is taken");
            }
            devicesById.put(device.id(), device);
        }
    }

    @Override
    public RememberedDevice findDevice(String tokenHash) {
        Columns.hash("tokenHash", tokenHash);
        synchronized (lock) {
            return byToken(tokenHash);
        }
    }

    @Override
    public boolean rotateDevice(String oldTokenHash, String newTokenHash, Instant at) {
        Columns.hash("oldTokenHash", oldTokenHash);
        Columns.hash("newTokenHash", newTokenHash);
        Objects.requireNonNull(at, "at");
        synchronized (lock) {
            RememberedDevice device = byToken(oldTokenHash);
            if (device == null) {
                return false;
            }
            RememberedDevice holder = byToken(newTokenHash);
            if (holder != null && holder != device) {
                throw new AccountStoreException("Could not rotate a remembered device: the new token hash is taken");
            }
            devicesById.put(device.id(), device.withToken(newTokenHash, at));
            return true;
        }
    }

    @Override
    public List<RememberedDevice> devices(String subject) {
        Columns.subject(subject);
        synchronized (lock) {
            List<RememberedDevice> own = new ArrayList<>();
            for (RememberedDevice device : devicesById.values()) {
                if (device.subject().equals(subject)) {
                    own.add(device);
                }
            }
            own.sort(OLDEST_FIRST);
            return List.copyOf(own);
        }
    }

    @Override
    public boolean forgetDevice(String subject, String deviceId) {
        Columns.subject(subject);
        synchronized (lock) {
            RememberedDevice device = devicesById.get(deviceId);
            return device != null && device.subject().equals(subject) && devicesById.remove(deviceId) != null;
        }
    }

    @Override
    public int forgetAllDevices(String subject) {
        Columns.subject(subject);
        synchronized (lock) {
            return removeIf(device -> device.subject().equals(subject));
        }
    }

    @Override
    public int forgetExpiredDevices(Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            return removeIf(device -> device.expiredAt(now));
        }
    }

    /** The account of this subject, created if absent; call with the lock held. */
    private Account account(String subject) {
        return accounts.computeIfAbsent(subject, s -> new Account());
    }

    /** The device whose token has this hash; a scan, which is fine for a test store. */
    private RememberedDevice byToken(String tokenHash) {
        for (RememberedDevice device : devicesById.values()) {
            if (device.tokenHash().equals(tokenHash)) {
                return device;
            }
        }
        return null;
    }

    /** Removes the matching devices; call with the lock held. */
    private int removeIf(Predicate<RememberedDevice> filter) {
        int removed = 0;
        for (Iterator<RememberedDevice> it = devicesById.values().iterator(); it.hasNext(); ) {
            if (filter.test(it.next())) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** One subject's mutable state, guarded by the store's lock. */
    private static final class Account {
        boolean enrolled;
        long epoch;
        String preferredFactor;
        byte[] salt;
        /** Hash to the time it was used, {@code null} while unused. */
        Map<String, Instant> codes = new LinkedHashMap<>();
    }
}
