package com.example.accounts;

import io.github.email2fa.account.AccountStore;
import io.github.email2fa.account.AccountStoreContractTest;

/** A third party's store passes the module's contract test from its own package. */
class OutageSimulatingAccountStoreTest extends AccountStoreContractTest {

    @Override
    protected AccountStore newStore() {
        OutageSimulatingAccountStore.DOWN.set(false);
        return new OutageSimulatingAccountStore();
    }
}
