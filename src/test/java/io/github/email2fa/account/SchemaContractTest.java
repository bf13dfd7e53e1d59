package io.github.email2fa.account;

import static io.github.email2fa.account.AccountStoreContractTest.SALT;
import static io.github.email2fa.account.AccountStoreContractTest.T0;
import static io.github.email2fa.account.AccountStoreContractTest.codes;
import static io.github.email2fa.account.AccountStoreContractTest.device;
import static io.github.email2fa.account.AccountStoreContractTest.hash;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * How {@link JdbcAccountStore} meets its tables, run on every database it supports: with the DBA
 * script run by hand, with schema creation on and off, and with several stores starting at once.
 */
abstract class SchemaContractTest {

    static final List<String> TABLES = List.of(Schema.VERSION_TABLE, "email2fa_account", "email2fa_backup_code", "email2fa_device",
            "email2fa_authenticator", "email2fa_preference", "email2fa_passkey_user", "email2fa_passkey");

    /** The DBA script of the first release, which had no steps and no version table. */
    static final String FIRST_RELEASE_SCRIPT = "io/github/email2fa/account/schema-release-1.sql";

    /** A database, or schema, with no tables in it; cleaned up after the test. */
    abstract DataSource emptyDatabase() throws Exception;

    /** Runs {@code schema.sql} the way a DBA would, with the database's own tools rather than the store. */
    void runScriptByHand(DataSource dataSource) throws Exception {
        runScriptByHand(dataSource, Schema.SCRIPT);
    }

    /** Runs a script on the class path the way a DBA would, with the database's own tools rather than the store. */
    abstract void runScriptByHand(DataSource dataSource, String resource) throws Exception;

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
        assertEquals(37, expected.stream().filter(line -> line.startsWith("column ")).count(), expected::toString);
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

    @Test
    void createSchemaOnWhenDatabaseOfFirstReleaseHoldsRowsThenUpgradedWithEveryRowKept() throws Exception {
        DataSource database = emptyDatabase();
        runScriptByHand(database, FIRST_RELEASE_SCRIPT);
        fillAsFirstRelease(database);

        AccountStore upgraded = new JdbcAccountStore(database, true);

        assertRowsOfFirstReleaseKept(upgraded);
        assertEquals(allSteps(), recordedSteps(database));
        DataSource byScript = emptyDatabase();
        runScriptByHand(byScript);
        assertEquals(shape(byScript), shape(database), "an upgraded database has the shape of a new one");
    }

    @Test
    void createSchemaOnWhenUpgradedThenStatementsOfThePreviousReleaseStillWork() throws Exception {
        DataSource database = emptyDatabase();
        runScriptByHand(database, FIRST_RELEASE_SCRIPT);
        new JdbcAccountStore(database, true).setEnrolled("alice", true);

        // A server of the first release, during a rolling upgrade, writes only the columns it knows.
        execute(database, "INSERT INTO email2fa_account (subject, enrolled, epoch, backup_salt) VALUES ('bob', TRUE, 0, NULL)");
        execute(database, "UPDATE email2fa_account SET epoch = epoch + 1 WHERE subject = 'bob'");

        assertEquals(new AccountRecord("bob", true, 1), new JdbcAccountStore(database, false).find("bob"));
    }

    @Test
    void createSchemaOffWhenDatabaseOfFirstReleaseThenFailsNamingItsStepTheNewTableAndTheScript() throws Exception {
        DataSource database = emptyDatabase();
        runScriptByHand(database, FIRST_RELEASE_SCRIPT);
        fillAsFirstRelease(database);

        AccountStoreException e = assertThrows(AccountStoreException.class,
                () -> new JdbcAccountStore(database, false).find("alice"));

        assertTrue(e.getMessage().startsWith(Schema.TABLES_MISSING), e.getMessage());
        assertTrue(e.getMessage().contains("email2fa_authenticator"), e.getMessage());
        assertTrue(e.getMessage().contains("at step 0 of the schema and this email2fa needs step " + newestStep()), e.getMessage());
        assertTrue(e.getMessage().contains(Schema.SCRIPT), e.getMessage());
        assertEquals(1, countRows(database, "email2fa_device"), "nothing was changed");
    }

    @Test
    void scriptRunByHandWhenDatabaseOfFirstReleaseHoldsRowsThenUpgradedWithEveryRowKept() throws Exception {
        DataSource database = emptyDatabase();
        runScriptByHand(database, FIRST_RELEASE_SCRIPT);
        fillAsFirstRelease(database);

        runScriptByHand(database);

        assertRowsOfFirstReleaseKept(new JdbcAccountStore(database, false));
        assertEquals(allSteps(), recordedSteps(database));
    }

    @Test
    void scriptRunByHandTwiceThenSecondRunChangesNothing() throws Exception {
        DataSource database = emptyDatabase();
        runScriptByHand(database);
        AccountStore store = new JdbcAccountStore(database, false);
        store.setEnrolled("alice", true);
        store.saveDevice(device("dev-1", "alice", "token-1", T0));
        List<String> before = shape(database);

        runScriptByHand(database);

        assertEquals(before, shape(database));
        assertEquals(allSteps(), recordedSteps(database));
        assertEquals(new AccountRecord("alice", true, 0), store.find("alice"));
        assertEquals("dev-1", store.findDevice(hash("token-1")).id());
    }

    @Test
    void stepsWhenReadFromTheScriptThenNumberedFromOneWithoutGaps() {
        List<Schema.Step> steps = Schema.steps();

        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i + 1, steps.get(i).number(), steps.toString());
            String last = steps.get(i).statements().get(steps.get(i).statements().size() - 1);
            assertTrue(last.startsWith("INSERT INTO " + Schema.VERSION_TABLE) && last.contains("SELECT " + (i + 1) + ","),
                    "each step ends by recording itself: " + last);
        }
    }

    /** Rows as the first release wrote them: an enrolled account at epoch 3, two backup codes (one spent), a device. */
    private static void fillAsFirstRelease(DataSource database) throws SQLException {
        execute(database, "INSERT INTO email2fa_account (subject, enrolled, epoch, backup_salt) VALUES ('alice', TRUE, 3, '"
                + HexFormat.of().formatHex(SALT) + "')");
        execute(database, "INSERT INTO email2fa_backup_code (subject, code_hash, used_at) VALUES ('alice', '" + hash("a-0") + "', NULL)");
        execute(database, "INSERT INTO email2fa_backup_code (subject, code_hash, used_at) VALUES ('alice', '" + hash("a-1") + "', "
                + T0.toEpochMilli() + ")");
        RememberedDevice device = device("dev-1", "alice", "token-1", T0);
        execute(database, "INSERT INTO email2fa_device (id, subject, token_hash, user_agent, created_at, last_used_at, expires_at, epoch)"
                + " VALUES ('dev-1', 'alice', '" + device.tokenHash() + "', 'Firefox on Linux', " + T0.toEpochMilli() + ", "
                + T0.toEpochMilli() + ", " + device.expiresAt().toEpochMilli() + ", 3)");
    }

    private static void assertRowsOfFirstReleaseKept(AccountStore store) {
        assertEquals(new AccountRecord("alice", true, 3), store.find("alice"));
        assertArrayEquals(SALT, store.backupSalt("alice"));
        assertEquals(1, store.remainingBackupCodes("alice"));
        assertEquals(T0, store.backupCodeUsedAt("alice", hash("a-1")));
        RememberedDevice device = store.findDevice(hash("token-1"));
        assertEquals("dev-1", device.id());
        assertEquals("Firefox on Linux", device.userAgentSummary());
        assertEquals(3, device.epoch());
        assertTrue(store.useBackupCode("alice", hash("a-0"), T0), "an old backup code still works after the upgrade");
        assertEquals(4, store.bumpEpoch("alice"), "the epoch goes on from where it was");
    }

    /** The steps the database records, in order; each with a moment in milliseconds. */
    static List<Integer> recordedSteps(DataSource database) throws SQLException {
        List<Integer> steps = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement query = c.createStatement();
                ResultSet row = query.executeQuery("SELECT version, applied_at FROM " + Schema.VERSION_TABLE + " ORDER BY version")) {
            while (row.next()) {
                steps.add(row.getInt(1));
                assertTrue(row.getLong(2) > Instant.parse("2020-01-01T00:00:00Z").toEpochMilli(), "applied_at is a moment in ms");
            }
        }
        return steps;
    }

    private static int countRows(DataSource database, String table) throws SQLException {
        try (Connection c = database.getConnection(); Statement query = c.createStatement();
                ResultSet row = query.executeQuery("SELECT COUNT(*) FROM " + table)) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Every step of the script, 1 to the newest. */
    static List<Integer> allSteps() {
        return Schema.steps().stream().map(Schema.Step::number).toList();
    }

    static int newestStep() {
        List<Integer> steps = allSteps();
        return steps.get(steps.size() - 1);
    }

    /** The text of the DBA script. */
    static String script() throws IOException {
        return script(Schema.SCRIPT);
    }

    /** The text of a script on the class path. */
    static String script(String resource) throws IOException {
        try (InputStream in = SchemaContractTest.class.getClassLoader().getResourceAsStream(resource)) {
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
