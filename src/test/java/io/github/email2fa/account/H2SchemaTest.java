package io.github.email2fa.account;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** The schema contract on in-memory H2, with the DBA script run by H2's own {@code RUNSCRIPT}. */
class H2SchemaTest extends SchemaContractTest {

    private final List<DataSource> databases = new ArrayList<>();

    @Override
    DataSource emptyDatabase() {
        DataSource database = H2Databases.fresh();
        databases.add(database);
        return database;
    }

    @Override
    void runScriptByHand(DataSource dataSource, String resource) throws Exception {
        execute(dataSource, "RUNSCRIPT FROM 'classpath:/" + resource + "'");
    }

    @AfterEach
    void dropDatabases() throws Exception {
        for (DataSource database : databases) {
            H2Databases.shutdown(database);
        }
    }
}
