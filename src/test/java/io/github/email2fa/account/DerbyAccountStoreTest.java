package io.github.email2fa.account;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the account store contract against {@link JdbcAccountStore} on an in-memory Derby that
 * starts empty: the store creates its tables there as it does on GlassFish's default DataSource.
 */
class DerbyAccountStoreTest extends AccountStoreContractTest {

    private DataSource dataSource;

    @Override
    protected AccountStore newStore() {
        dataSource = DerbyDatabases.fresh();
        return new JdbcAccountStore(dataSource, true);
    }

    /** Derby compares VARCHAR with PAD SPACE: {@code 'alice' = 'alice '}; the README says so under GlassFish. */
    @Override
    protected boolean keepsTrailingSpacesApart() {
        return false;
    }

    @AfterEach
    void dropDatabase() {
        DerbyDatabases.drop(dataSource);
    }
}
