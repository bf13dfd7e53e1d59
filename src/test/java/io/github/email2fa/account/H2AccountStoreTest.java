package io.github.email2fa.account;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** Runs the account store contract against {@link JdbcAccountStore} on an in-memory H2 that starts empty. */
class H2AccountStoreTest extends AccountStoreContractTest {

    private DataSource dataSource;

    @Override
    protected AccountStore newStore() {
        dataSource = H2Databases.fresh();
        return new JdbcAccountStore(dataSource, true);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        H2Databases.shutdown(dataSource);
    }
}
