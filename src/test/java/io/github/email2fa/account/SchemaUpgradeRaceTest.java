package io.github.email2fa.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.testing.Race;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Upgrades of a database of the first release by several servers at once, while a DBA runs the
 * script by hand, on H2 and PostgreSQL: every server's call succeeds (the DBA's run may clash and is
 * simply run again), each step is recorded once, and the new columns and table work.
 */
abstract class SchemaUpgradeRaceTest {

    static final int ROUNDS = 3;

    abstract DataSource emptyDatabase() throws Exception;

    abstract void runScriptByHand(DataSource dataSource, String resource) throws Exception;

    @Test
    void firstReleaseDatabaseWhenFourServersAndADbaUpgradeAtOnceThenEveryCallSucceedsAndEachStepIsRecordedOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            DataSource database = emptyDatabase();
            runScriptByHand(database, SchemaContractTest.FIRST_RELEASE_SCRIPT);
            SchemaContractTest.execute(database,
                    "INSERT INTO email2fa_account (subject, enrolled, epoch, backup_salt) VALUES ('old', TRUE, 2, NULL)");
            List<AccountStore> servers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                servers.add(new JdbcAccountStore(database, true));
            }

            Race.of(5, t -> {
                if (t == 4) {
                    try {
                        runScriptByHand(database, Schema.SCRIPT);
                    } catch (java.sql.SQLException clash) {
                        // The DBA's run may meet a server's at the same DDL; the DBA then runs it again (below).
                    }
                    return null;
                }
                AccountStore server = servers.get(t);
                server.setPreferredFactor("user-" + t, "app");
                server.startAuthenticator("user-" + t, "v1.0a1b2c3d.c2VhbGVk", AccountStoreContractTest.T0);
                return null;
            });

            for (int t = 0; t < 4; t++) {
                assertEquals("app", servers.get(0).find("user-" + t).preferredFactor(), "round " + round);
                assertTrue(servers.get(0).authenticator("user-" + t) != null, "round " + round);
            }
            assertEquals(new AccountRecord("old", true, 2), servers.get(0).find("old"));
            assertEquals(SchemaContractTest.allSteps(), SchemaContractTest.recordedSteps(database), "round " + round);
            runScriptByHand(database, Schema.SCRIPT);
            assertEquals(SchemaContractTest.allSteps(), SchemaContractTest.recordedSteps(database), "the script run again adds nothing");
        }
    }

    @Test
    void firstReleaseDatabaseWhenServersOfThatReleaseWriteDuringTheUpgradeThenNoWriteIsLost() throws Exception {
        for (int round = 0; round < ROUNDS * 2; round++) {
            DataSource database = emptyDatabase();
            runScriptByHand(database, SchemaContractTest.FIRST_RELEASE_SCRIPT);
            SchemaContractTest.execute(database,
                    "INSERT INTO email2fa_account (subject, enrolled, epoch, backup_salt) VALUES ('shared', TRUE, 0, NULL)");
            AccountStore upgrading = new JdbcAccountStore(database, true);

            // Three servers of the first release go on signing users up and bumping an epoch (a password change, say).
            Race.of(4, t -> {
                if (t == 0) {
                    upgrading.find("anyone");
                    return null;
                }
                for (int i = 0; i < 20; i++) {
                    String subject = "old-" + t + "-" + i;
                    retried(() -> SchemaContractTest.execute(database, "INSERT INTO email2fa_account (subject, enrolled, epoch, backup_salt)"
                            + " VALUES ('" + subject + "', TRUE, 0, NULL)"));
                    retried(() -> SchemaContractTest.execute(database, "UPDATE email2fa_account SET epoch = epoch + 1 WHERE subject = 'shared'"));
                }
                return null;
            });

            for (int t = 1; t < 4; t++) {
                for (int i = 0; i < 20; i++) {
                    assertEquals(new AccountRecord("old-" + t + "-" + i, true, 0), upgrading.find("old-" + t + "-" + i), "round " + round);
                }
            }
            assertEquals(60, upgrading.find("shared").epoch(), "round " + round + ": every epoch bump is kept");
        }
    }

    /** A write of an old server, which tries again (as its user would) when the database refuses it for a moment. */
    private static void retried(SqlWork work) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                work.run();
                return;
            } catch (java.sql.SQLException refused) {
                if (attempt == 50) {
                    throw refused;
                }
                Thread.sleep(5);
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws Exception;
    }

    static final class OnH2 extends SchemaUpgradeRaceTest {
        private final List<DataSource> databases = new ArrayList<>();

        @Override
        DataSource emptyDatabase() {
            DataSource database = H2Databases.fresh();
            databases.add(database);
            return database;
        }

        @Override
        void runScriptByHand(DataSource dataSource, String resource) throws Exception {
            SchemaContractTest.execute(dataSource, "RUNSCRIPT FROM 'classpath:/" + resource + "'");
        }

        @AfterEach
        void drop() throws Exception {
            for (DataSource database : databases) {
                H2Databases.shutdown(database);
            }
        }
    }

    static final class OnPostgres extends SchemaUpgradeRaceTest {
        private final List<String> schemas = new ArrayList<>();

        @Override
        DataSource emptyDatabase() throws Exception {
            PostgresServer.requireReachable();
            String schema = PostgresServer.createSchema();
            schemas.add(schema);
            return PostgresServer.dataSource(schema);
        }

        @Override
        void runScriptByHand(DataSource dataSource, String resource) throws Exception {
            SchemaContractTest.execute(dataSource, SchemaContractTest.script(resource));
        }

        @AfterEach
        void drop() throws Exception {
            for (String schema : schemas) {
                PostgresServer.dropSchema(schema);
            }
        }
    }
}
