package io.github.email2fa.account;

/** Runs the account store contract against {@link InMemoryAccountStore}. */
class InMemoryAccountStoreTest extends AccountStoreContractTest {

    @Override
    AccountStore newStore() {
        return new InMemoryAccountStore();
    }
}
