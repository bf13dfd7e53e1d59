package io.github.email2fa.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.FirstReleaseAccountStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A store written before authenticator apps, which implements none of the methods added since:
 * it still works for everything it did, finds no app, says it keeps none, and refuses the rest
 * with a message that names it.
 */
class AccountStoreDefaultsTest {

    private final AccountStore store = new FirstReleaseAccountStore();

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
            assertTrue(e.getMessage().contains(FirstReleaseAccountStore.class.getName()), e.getMessage());
        }
    }
}
