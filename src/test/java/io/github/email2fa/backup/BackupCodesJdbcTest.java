package io.github.email2fa.backup;

import static io.github.email2fa.backup.BackupFixture.CLOCK;
import static io.github.email2fa.backup.BackupFixture.seeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.account.JdbcAccountStore;
import io.github.email2fa.backup.BackupCodes.Result;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Covers {@link BackupCodes} on {@link JdbcAccountStore} over an in-memory H2: the hashes fit the schema and round-trip. */
class BackupCodesJdbcTest {

    private final DataSource dataSource = freshH2();
    private final BackupCodes codes = new BackupCodes(new JdbcAccountStore(dataSource, true), seeded(), CLOCK);

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void regenerateWhenJdbcStoreThenTenHexHashesAndHexSaltInTheTables() throws Exception {
        List<String> shown = codes.regenerate("alice");

        List<String> hashes = column("SELECT code_hash FROM email2fa_backup_code WHERE subject = ?", "alice");
        List<String> salts = column("SELECT backup_salt FROM email2fa_account WHERE subject = ?", "alice");
        assertEquals(10, hashes.size());
        for (String hash : hashes) {
            assertTrue(hash.matches("[0-9a-f]{64}"), "not 64 lowercase hex digits");
            assertFalse(shown.contains(hash) || shown.stream().anyMatch(code -> hash.contains(code.replace("-", ""))));
        }
        assertEquals(1, salts.size());
        assertTrue(salts.get(0).matches("[0-9a-f]{32}"), "salt is 16 bytes as hex");
    }

    @Test
    void useWhenJdbcStoreThenEachCodeOnceAndRemainingCountsDown() {
        List<String> shown = codes.regenerate("alice");

        for (int i = 0; i < shown.size(); i++) {
            assertEquals(new Result(true, 9 - i), codes.use("alice", shown.get(i)), "code " + i);
        }
        assertEquals(new Result(false, 0, CLOCK.instant()), codes.use("alice", shown.get(0)));
    }

    @Test
    void useWhenAnotherServerOnSameDatabaseThenCodeAlreadySpent() {
        String code = codes.regenerate("alice").get(0);
        BackupCodes otherServer = new BackupCodes(new JdbcAccountStore(dataSource, true), seeded(), CLOCK);

        assertEquals(new Result(true, 9), otherServer.use("alice", code));
        assertEquals(new Result(false, 9, CLOCK.instant()), codes.use("alice", code));
    }

    @Test
    void useWhenJdbcStoreRegeneratedThenOldCodeRejectedAndNewAccepted() {
        String old = codes.regenerate("alice").get(0);
        String fresh = codes.regenerate("alice").get(0);

        assertEquals(new Result(false, 10), codes.use("alice", old));
        assertEquals(new Result(true, 9), codes.use("alice", fresh));
        assertEquals(10, countRows("alice"));
    }

    @Test
    void useWhenJdbcStoreTwentyThreadsSubmitSameCodeThenExactlyOneAccepted() throws Exception {
        BackupCodesConcurrencyTest.assertSpentOnce(new JdbcAccountStore(dataSource, true));
    }

    private List<String> column(String sql, String subject) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, subject);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }

    private int countRows(String subject) {
        try {
            return column("SELECT code_hash FROM email2fa_backup_code WHERE subject = ?", subject).size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A database of its own, like {@code H2Databases.fresh()} in the account tests, which is package-private there. */
    private static DataSource freshH2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:email2fa-backup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }
}
