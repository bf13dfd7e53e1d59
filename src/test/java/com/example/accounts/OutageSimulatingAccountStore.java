package com.example.accounts;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.AccountStoreException;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.account.RememberedDevice;
import io.github.email2fa.testing.ForwardingAccountStore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An application's own {@link AccountStore}, as a third party writes one: outside the module's
 * packages, named in {@code email2fa.accountStore}, checked by the module's contract test. It keeps
 * state in memory and can play a database outage: while {@link #DOWN} is set, every call fails as a
 * dead database would, and while {@link #DEVICE_WRITES_DOWN} is set, storing a remembered device does.
 * Like a store that owns a connection pool, it is {@link AutoCloseable}.
 */
public final class OutageSimulatingAccountStore extends ForwardingAccountStore implements AutoCloseable {

    /** While set, every call fails with an {@link AccountStoreException}. */
    public static final AtomicBoolean DOWN = new AtomicBoolean();
    /** While set, only the calls that store a remembered device fail. */
    public static final AtomicBoolean DEVICE_WRITES_DOWN = new AtomicBoolean();

    private final AccountStore state = new InMemoryAccountStore();
    private volatile boolean closed;

    /** Whether the module closed it, as it does with a store it made when the application stops. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    protected AccountStore delegate() {
        if (DOWN.get()) {
            throw new AccountStoreException("The application's user database is down (simulated outage)");
        }
        return state;
    }

    @Override
    public void saveDevice(RememberedDevice device) {
        if (DEVICE_WRITES_DOWN.get()) {
            throw new AccountStoreException("The application's device table is down (simulated outage)");
        }
        delegate().saveDevice(device);
    }
}
