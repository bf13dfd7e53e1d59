package io.github.email2fa.account;

import org.junit.jupiter.api.AfterEach;

/**
 * Runs the account store contract against {@link JdbcAccountStore} on a real PostgreSQL server;
 * see {@link PostgresServer} for which one, and what happens when it is not running.
 */
class PostgresAccountStoreTest extends AccountStoreContractTest {

    private String schema;

    @Override
    protected AccountStore newStore() throws Exception {
        // Checked per test, not per class: surefire reports a class-level skip as zero tests, without its reason.
        PostgresServer.requireReachable();
        schema = PostgresServer.createSchema();
        return new JdbcAccountStore(PostgresServer.dataSource(schema), true);
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            PostgresServer.dropSchema(schema);
        }
    }
}
