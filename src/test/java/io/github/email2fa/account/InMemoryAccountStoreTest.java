package io.github.email2fa.account;

/** Runs the account store contract against {@link InMemoryAccountStore}. */
class InMemoryAccountStoreTest extends AccountStoreContractTest {

    @Override
    protected AccountStore newStore() {
        return new InMemoryAccountStore();
    }
}
