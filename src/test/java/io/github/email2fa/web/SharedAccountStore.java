package io.github.email2fa.web;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.InMemoryAccountStore;
import io.github.email2fa.testing.ForwardingAccountStore;

/**
 * An account store whose state outlives the module that made it, so a test can stop a module and
 * start another one (with other settings) on the same users, as an operator restarting the
 * application with a changed setting does. {@link #reset()} starts afresh.
 */
public final class SharedAccountStore extends ForwardingAccountStore {

    private static volatile AccountStore state = new InMemoryAccountStore();

    /** Forgets every user. */
    static void reset() {
        state = new InMemoryAccountStore();
    }

    @Override
    protected AccountStore delegate() {
        return state;
    }
}
