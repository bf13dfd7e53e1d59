package io.github.email2fa.account;

import static io.github.email2fa.account.AccountStoreContractTest.SALT;
import static io.github.email2fa.account.AccountStoreContractTest.T0;
import static io.github.email2fa.account.AccountStoreContractTest.codes;
import static io.github.email2fa.account.AccountStoreContractTest.device;
import static io.github.email2fa.account.AccountStoreContractTest.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.Race;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * How {@link JdbcAccountStore} meets its tables, run on every database it supports: with the DBA
 * script run by hand, with schema creation on and off, and with several stores starting at once.
 */
abstract class SchemaContractTest {

    static final List<String> TABLES = List.of("email2fa_account", "email2fa_backup_code", "email2fa_device");

    /** A database, or schema, with no tables in it; cleaned up after the test. */
    abstract DataSource emptyDatabase() throws Exception;

    /** Runs {@code schema.sql} the way a DBA would, with the database's own tools rather than the store. */
    abstract void runScriptByHand(DataSource dataSource) throws Exception;

    @Test
    void createSchemaOffWhenScriptRunByHandThenStoreWorks() throws Exception {
        DataSource database = emptyDatabase();
        runScriptByHand(database);
        AccountStore store = new JdbcAccountStore(database, false);

        store.setEnrolled("alice", true);
        store.replaceBackupCodes("alice", SALT, codes("a", 2));
        store.saveDevice(device("dev-1", "alice", "token-1", T0));

        assertEquals(new AccountRecord("alice", true, 0), store.find("alice"));
        assertTrue(store.useBackupCode("alice", hash("a-1"), T0));
        assertEquals("dev-1", store.findDevice(hash("token-1")).id());
    }

    @Test
    void createSchemaOffWhenDatabaseEmptyThenFailsNamingEveryMissingTableAndTheScript() throws Exception {
        AccountStore store = new JdbcAccountStore(emptyDatabase(), false);

        AccountStoreException e = assertThrows(AccountStoreException.class, () -> store.find("alice"));

        for (String table : TABLES) {
            assertTrue(e.getMessage().contains(table), e.getMessage());
        }
        assertTrue(e.getMessage().contains("META-INF/email2fa/schema.sql"), e.getMessage());
    }

    @Test
    void createSchemaOffWhenScriptRunAfterAFailedCallThenSameStoreRecovers() throws Exception {
        DataSource database = emptyDatabase();
        AccountStore store = new JdbcAccountStore(database, false);
        assertThrows(AccountStoreException.class, () -> store.find("alice"));

        runScriptByHand(database);

        store.setEnrolled("alice", true);
        assertEquals(new AccountRecord("alice", true, 0), store.find("alice"));
    }

    @Test
    void createSchemaOffWhenTableLacksAColumnThenFailsNamingThatTableOnly() throws Exception {
        DataSource database = emptyDatabase();
        runScriptByHand(database);
        execute(database, "ALTER TABLE email2fa_device DROP COLUMN user_agent");

        AccountStoreException e = assertThrows(AccountStoreException.class,
                () -> new JdbcAccountStore(database, false).find("alice"));

        assertTrue(e.getMessage().contains("email2fa_device"), e.getMessage());
        assertTrue(!e.getMessage().contains("email2fa_account"), e.getMessage());
    }

    @Test
    void createSchemaOnWhenDatabaseEmptyThenSameTablesColumnsAndKeysAsTheScript() throws Exception {
        DataSource byScript = emptyDatabase();
        runScriptByHand(byScript);
        DataSource byStore = emptyDatabase();

        new JdbcAccountStore(byStore, true).find("alice");

        List<String> expected = shape(byScript);
        assertEquals(15, expected.stream().filter(line -> line.startsWith("column ")).count(), expected::toString);
        assertEquals(expected, shape(byStore));
    }

    @Test
    void createSchemaOnWhenTablesExistThenRowsKept() throws Exception {
        DataSource database = emptyDatabase();
        new JdbcAccountStore(database, true).setEnrolled("alice", true);

        AccountStore restarted = new JdbcAccountStore(database, true);

        assertEquals(new AccountRecord("alice", true, 0), restarted.find("alice"));
    }

    @Test
    void createSchemaOnWhenOneTableMissingThenOnlyItIsCreatedAndRowsKept() throws Exception {
        DataSource database = emptyDatabase();
        new JdbcAccountStore(database, true).setEnrolled("alice", true);
        execute(database, "DROP TABLE email2fa_device");

        AccountStore restarted = new JdbcAccountStore(database, true);
        restarted.saveDevice(device("dev-1", "alice", "token-1", T0));

        assertEquals(new AccountRecord("alice", true, 0), restarted.find("alice"));
        assertEquals("dev-1", restarted.findDevice(hash("token-1")).id());
    }

    @Test
    void createSchemaOnWhenTableLacksAColumnThenFailsNamingIt() throws Exception {
        DataSource database = emptyDatabase();
        runScriptByHand(database);
        execute(database, "ALTER TABLE email2fa_backup_code DROP COLUMN used_at");

        AccountStoreException e = assertThrows(AccountStoreException.class,
                () -> new JdbcAccountStore(database, true).find("alice"));

        assertTrue(e.getMessage().contains("email2fa_backup_code"), e.getMessage());
    }

    @Test
    void createSchemaOnWhenFourStoresStartTogetherOnEmptyDatabaseThenEveryCallSucceeds() throws Exception {
        DataSource database = emptyDatabase();
        List<AccountStore> servers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            servers.add(new JdbcAccountStore(database, true));
        }

        Race.of(8, t -> {
            servers.get(t % 4).setEnrolled("user-" + t, true);
            return null;
        });

        for (int t = 0; t < 8; t++) {
            assertEquals(new AccountRecord("user-" + t, true, 0), servers.get(0).find("user-" + t));
        }
    }

    /** The text of the DBA script. */
    static String script() throws IOException {
        try (InputStream in = SchemaContractTest.class.getClassLoader().getResourceAsStream(Schema.SCRIPT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The tables' columns, primary keys and indexes as the driver reports them, one line each. */
    static List<String> shape(DataSource dataSource) throws SQLException {
        List<String> shape = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = c.getSchema();
            for (String table : TABLES) {
                String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                try (ResultSet column = meta.getColumns(null, schema, name, null)) {
                    while (column.next()) {
                        shape.add("column " + table + " " + column.getInt("ORDINAL_POSITION") + " "
                                + column.getString("COLUMN_NAME") + " " + column.getString("TYPE_NAME") + "("
                                + column.getInt("COLUMN_SIZE") + ") nullable=" + column.getString("IS_NULLABLE"));
                    }
                }
                try (ResultSet key = meta.getPrimaryKeys(null, schema, name)) {
                    while (key.next()) {
                        shape.add("primary key " + table + " " + key.getString("PK_NAME") + " "
                                + key.getShort("KEY_SEQ") + " " + key.getString("COLUMN_NAME"));
                    }
                }
                try (ResultSet index = meta.getIndexInfo(null, schema, name, false, false)) {
                    while (index.next()) {
                        shape.add("index " + table + " " + index.getString("INDEX_NAME") + " "
                                + index.getShort("ORDINAL_POSITION") + " " + index.getString("COLUMN_NAME")
                                + " unique=" + !index.getBoolean("NON_UNIQUE"));
                    }
                }
            }
        }
        shape.sort(null);
        return shape;
    }
}
