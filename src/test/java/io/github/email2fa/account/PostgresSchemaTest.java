package io.github.email2fa.account;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The schema contract on PostgreSQL, each "database" a fresh schema, with the DBA script sent whole
 * as one multi-statement command, as {@code psql -f} would.
 */
class PostgresSchemaTest extends SchemaContractTest {

    private final List<String> schemas = new ArrayList<>();

    /** Per test, not per class: surefire reports a class-level skip as zero tests, without its reason. */
    @BeforeEach
    void requireServer() {
        PostgresServer.requireReachable();
    }

    @Override
    DataSource emptyDatabase() throws Exception {
        String schema = PostgresServer.createSchema();
        schemas.add(schema);
        return PostgresServer.dataSource(schema);
    }

    @Override
    void runScriptByHand(DataSource dataSource, String resource) throws Exception {
        execute(dataSource, script(resource));
    }

    @AfterEach
    void dropSchemas() throws Exception {
        for (String schema : schemas) {
            PostgresServer.dropSchema(schema);
        }
    }
}
