package io.github.email2fa.account;

import static io.github.email2fa.account.Database.inTransaction;
import static io.github.email2fa.account.Database.prepare;
import static io.github.email2fa.account.Database.update;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The default {@link AccountStore}: tables in a database reached through a {@link DataSource}.
 *
 * <pre>{@code
 * AccountStore store = JdbcAccountStore.fromJndi(JdbcAccountStore.DEFAULT_DATASOURCE, true);
 * }</pre>
 *
 * <p>The tables are those of {@code META-INF/email2fa/schema.sql} in this jar. A DBA can run that
 * script and the store be built with {@code createSchema} off; with it on, the store creates any
 * missing table on first use, running the same statements.
 *
 * <p>The SQL is plain enough for H2 (Payara's default DataSource) and PostgreSQL alike: no
 * {@code MERGE}, no {@code ON CONFLICT}, no {@code RETURNING}. Hashes and salts are lowercase hex text,
 * times BIGINT milliseconds, every value a bound parameter. Atomicity comes from single
 * statements that test and set at once ({@code ... WHERE used_at IS NULL}) and from short
 * transactions at the databases' default READ COMMITTED isolation. An account row is created by
 * the first write that needs it: the write finds no row, inserts a blank one (a parallel writer's
 * duplicate key is fine) and runs again.
 *
 * <p>Every call takes a connection from the DataSource and returns it, so a pooled DataSource
 * is what a server should give it.
 */
public final class JdbcAccountStore implements AccountStore {

    /** The JNDI name to use when none is configured: the server's default DataSource, embedded H2 on Payara. */
    public static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";

    private static final String PASSKEY_COLUMNS =
            "subject, credential_id, credential, sign_count, transports, name, created_at, last_used_at";
    private static final String AUTHENTICATOR_COLUMNS = "subject, secret, created_at, confirmed_at, last_step, last_used_at";
    private static final String DEVICE_COLUMNS =
            "id, subject, token_hash, user_agent, created_at, last_used_at, expires_at, epoch";
    private static final HexFormat HEX = HexFormat.of();

    /** What to do when the DataSource is missing, for each kind of server. */
    private static final String BIND_ONE = "Bind a javax.sql.DataSource and set email2fa.datasource to its JNDI name. "
            + "Tomcat and Jetty have no " + DEFAULT_DATASOURCE + ": on Tomcat add <Resource name=\"jdbc/email2fa\" "
            + "type=\"javax.sql.DataSource\" .../> to context.xml and set java:comp/env/jdbc/email2fa; on Jetty bind an "
            + "org.eclipse.jetty.plus.jndi.Resource named jdbc/email2fa for the server (module ee10-plus) and set "
            + "jdbc/email2fa. Payara, GlassFish and WildFly bind " + DEFAULT_DATASOURCE + ", or use a JDBC resource's "
            + "JNDI name. Or name your own store in email2fa.accountStore.";

    private final Database database;

    /**
     * @param dataSource where the tables are
     * @param createSchema whether to create missing tables on first use, rather than fail
     */
    public JdbcAccountStore(DataSource dataSource, boolean createSchema) {
        this(dataSource, createSchema, "the given DataSource");
    }

    private JdbcAccountStore(DataSource dataSource, boolean createSchema, String source) {
        this.database = new Database(Objects.requireNonNull(dataSource, "dataSource"), new Schema(createSchema, source),
                source);
    }

    /**
     * A store on the DataSource bound at this JNDI name, looked up now, so a wrong name fails deployment.
     *
     * @throws IllegalStateException if nothing is bound there, or it is not a DataSource
     */
    public static JdbcAccountStore fromJndi(String jndiName, boolean createSchema) {
        Object found;
        try {
            found = new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException("email2fa.datasource='" + jndiName + "': no DataSource under that JNDI name ("
                    + e + "). " + BIND_ONE, e);
        }
        if (!(found instanceof DataSource dataSource)) {
            throw new IllegalStateException("email2fa.datasource='" + jndiName + "': that JNDI name holds a "
                    + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource. " + BIND_ONE);
        }
        return new JdbcAccountStore(dataSource, createSchema, "DataSource " + jndiName);
    }

    /**
     * Takes a connection, checks the tables (creating missing ones if allowed) and returns the
     * database's JDBC URL: the start-up check, so a dead or wrong database fails the deployment
     * rather than a user's request.
     *
     * @return the URL the driver reports, or {@code ""} if it reports none
     * @throws AccountStoreException if no connection can be had or the tables are missing
     */
    public String checkDatabase() {
        return database.call("connect to the database", c -> {
            String url = c.getMetaData().getURL();
            return url == null ? "" : url;
        });
    }

    @Override
    public AccountRecord find(String subject) {
        Columns.subject(subject);
        return database.call("read an account", c -> {
            try (PreparedStatement select = prepare(c, "SELECT a.enrolled, a.epoch, p.factor FROM email2fa_account a"
                    + " LEFT JOIN email2fa_preference p ON p.subject = a.subject WHERE a.subject = ?", subject);
                    ResultSet row = select.executeQuery()) {
                return row.next() ? new AccountRecord(subject, row.getBoolean(1), row.getLong(2), row.getString(3)) : null;
            }
        });
    }

    @Override
    public void setPreferredFactor(String subject, String factor) {
        Columns.subject(subject);
        Columns.factor(factor);
        database.call("set the preferred way in", c -> {
            // The account row first, as every write that creates an account makes it.
            withAccount(c, subject, () -> accountExists(c, subject));
            if (factor == null) {
                update(c, "DELETE FROM email2fa_preference WHERE subject = ?", subject);
                return null;
            }
            for (int attempt = 0; attempt < 2; attempt++) {
                if (update(c, "UPDATE email2fa_preference SET factor = ? WHERE subject = ?", factor, subject) == 1) {
                    return null;
                }
                try {
                    update(c, "INSERT INTO email2fa_preference (subject, factor) VALUES (?, ?)", subject, factor);
                    return null;
                } catch (SQLException e) {
                    if (!Database.isDuplicateKey(e)) {
                        throw e;
                    }
                    // A parallel call inserted it first: update it instead.
                }
            }
            throw new SQLException("The preferred way in was neither updated nor inserted");
        });
    }

    @Override
    public void setEnrolled(String subject, boolean enrolled) {
        Columns.subject(subject);
        database.call("enrol or disable an account", c -> withAccount(c, subject, () ->
                found(update(c, "UPDATE email2fa_account SET enrolled = ? WHERE subject = ?", enrolled, subject))));
    }

    @Override
    public long bumpEpoch(String subject) {
        Columns.subject(subject);
        return database.call("bump a security epoch", c -> withAccount(c, subject, () -> inTransaction(c, () -> {
            // The UPDATE locks the row until commit, so the SELECT reads this call's own increment.
            if (update(c, "UPDATE email2fa_account SET epoch = epoch + 1 WHERE subject = ?", subject) == 0) {
                return null;
            }
            try (PreparedStatement select = prepare(c, "SELECT epoch FROM email2fa_account WHERE subject = ?", subject);
                    ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        })));
    }

    @Override
    public void replaceBackupCodes(String subject, byte[] salt, List<String> codeHashes) {
        Columns.subject(subject);
        List<String> hashes = Columns.backupCodes(salt, codeHashes);
        String saltHex = salt == null ? null : HEX.formatHex(salt);
        database.call("replace backup codes", c -> withAccount(c, subject, () -> inTransaction(c, () -> {
            // Updating the account first locks its row, so two replacements for one subject run one after the other.
            if (update(c, "UPDATE email2fa_account SET backup_salt = ? WHERE subject = ?", saltHex, subject) == 0) {
                return null;
            }
            update(c, "DELETE FROM email2fa_backup_code WHERE subject = ?", subject);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO email2fa_backup_code (subject, code_hash) VALUES (?, ?)")) {
                for (String hash : hashes) {
                    insert.setString(1, subject);
                    insert.setString(2, hash);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return Boolean.TRUE;
        })));
    }

    @Override
    public boolean useBackupCode(String subject, String codeHash, Instant at) {
        Columns.subject(subject);
        Columns.hash("codeHash", codeHash);
        long atMillis = Objects.requireNonNull(at, "at").toEpochMilli();
        return database.call("use a backup code", c -> update(c, "UPDATE email2fa_backup_code SET used_at = ?"
                + " WHERE subject = ? AND code_hash = ? AND used_at IS NULL", atMillis, subject, codeHash) == 1);
    }

    @Override
    public Instant backupCodeUsedAt(String subject, String codeHash) {
        Columns.subject(subject);
        Columns.hash("codeHash", codeHash);
        return database.call("read a backup code's use", c -> {
            try (PreparedStatement select = prepare(c, "SELECT used_at FROM email2fa_backup_code"
                    + " WHERE subject = ? AND code_hash = ? AND used_at IS NOT NULL", subject, codeHash);
                    ResultSet row = select.executeQuery()) {
                return row.next() ? Instant.ofEpochMilli(row.getLong(1)) : null;
            }
        });
    }

    @Override
    public int remainingBackupCodes(String subject) {
        Columns.subject(subject);
        return database.call("count backup codes", c -> {
            try (PreparedStatement select = prepare(c, "SELECT COUNT(*) FROM email2fa_backup_code"
                    + " WHERE subject = ? AND used_at IS NULL", subject); ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    @Override
    public byte[] backupSalt(String subject) {
        Columns.subject(subject);
        return database.call("read a backup code salt", c -> {
            try (PreparedStatement select = prepare(c, "SELECT backup_salt FROM email2fa_account WHERE subject = ?",
                    subject); ResultSet row = select.executeQuery()) {
                String hex = row.next() ? row.getString(1) : null;
                return hex == null ? null : HEX.parseHex(hex);
            }
        });
    }

    @Override
    public void saveDevice(RememberedDevice d) {
        Objects.requireNonNull(d, "device");
        database.call("save a remembered device", c -> update(c,
                "INSERT INTO email2fa_device (" + DEVICE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                d.id(), d.subject(), d.tokenHash(), d.userAgentSummary(), d.createdAt().toEpochMilli(),
                d.lastUsedAt().toEpochMilli(), d.expiresAt().toEpochMilli(), d.epoch()));
    }

    @Override
    public RememberedDevice findDevice(String tokenHash) {
        Columns.hash("tokenHash", tokenHash);
        List<RememberedDevice> found = database.call("find a remembered device", c ->
                devicesWhere(c, "token_hash = ?", tokenHash));
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public boolean rotateDevice(String oldTokenHash, String newTokenHash, Instant at) {
        Columns.hash("oldTokenHash", oldTokenHash);
        Columns.hash("newTokenHash", newTokenHash);
        long atMillis = Objects.requireNonNull(at, "at").toEpochMilli();
        return database.call("rotate a remembered device's token", c -> update(c,
                "UPDATE email2fa_device SET token_hash = ?, last_used_at = ? WHERE token_hash = ?",
                newTokenHash, atMillis, oldTokenHash) == 1);
    }

    @Override
    public List<RememberedDevice> devices(String subject) {
        Columns.subject(subject);
        return database.call("list remembered devices", c ->
                devicesWhere(c, "subject = ? ORDER BY created_at, id", subject));
    }

    @Override
    public boolean forgetDevice(String subject, String deviceId) {
        Columns.subject(subject);
        if (!Columns.isDeviceId(deviceId)) {
            return false;
        }
        return database.call("forget a remembered device", c ->
                update(c, "DELETE FROM email2fa_device WHERE id = ? AND subject = ?", deviceId, subject) == 1);
    }

    @Override
    public int forgetAllDevices(String subject) {
        Columns.subject(subject);
        return database.call("forget remembered devices", c ->
                update(c, "DELETE FROM email2fa_device WHERE subject = ?", subject));
    }

    @Override
    public int forgetExpiredDevices(Instant now) {
        long nowMillis = Objects.requireNonNull(now, "now").toEpochMilli();
        return database.call("forget expired devices", c ->
                update(c, "DELETE FROM email2fa_device WHERE expires_at <= ?", nowMillis));
    }

    /** Always: the table {@code email2fa_authenticator} holds them. */
    @Override
    public boolean keepsAuthenticatorApps() {
        return true;
    }

    @Override
    public AuthenticatorApp authenticator(String subject) {
        Columns.subject(subject);
        return database.call("read an authenticator app", c -> {
            try (PreparedStatement select = prepare(c, "SELECT " + AUTHENTICATOR_COLUMNS + " FROM email2fa_authenticator WHERE subject = ?",
                    subject); ResultSet row = select.executeQuery()) {
                return row.next() ? new AuthenticatorApp(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
                        instantOrNull(row, 4), row.getLong(5), instantOrNull(row, 6)) : null;
            }
        });
    }

    @Override
    public boolean startAuthenticator(String subject, String sealedSecret, Instant at) {
        Columns.subject(subject);
        Columns.sealedSecret(sealedSecret);
        long atMillis = Objects.requireNonNull(at, "at").toEpochMilli();
        return database.call("begin enrolment of an authenticator app", c -> {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (update(c, "UPDATE email2fa_authenticator SET secret = ?, created_at = ?, last_step = ?, last_used_at = NULL"
                        + " WHERE subject = ? AND confirmed_at IS NULL", sealedSecret, atMillis, AuthenticatorApp.NO_STEP, subject) == 1) {
                    return true;
                }
                try {
                    update(c, "INSERT INTO email2fa_authenticator (" + AUTHENTICATOR_COLUMNS + ") VALUES (?, ?, ?, NULL, ?, NULL)",
                            subject, sealedSecret, atMillis, AuthenticatorApp.NO_STEP);
                    return true;
                } catch (SQLException e) {
                    if (!Database.isDuplicateKey(e)) {
                        throw e;
                    }
                    // A row is there: confirmed (nothing to do), or another unconfirmed start just now (replace it).
                }
            }
            return false;
        });
    }

    @Override
    public boolean confirmAuthenticator(String subject, String sealedSecret, long step, Instant at) {
        Columns.subject(subject);
        Columns.sealedSecret(sealedSecret);
        Columns.step(step);
        long atMillis = Objects.requireNonNull(at, "at").toEpochMilli();
        return database.call("confirm an authenticator app", c -> update(c, "UPDATE email2fa_authenticator"
                + " SET confirmed_at = ?, last_step = ?, last_used_at = ? WHERE subject = ? AND secret = ? AND confirmed_at IS NULL",
                atMillis, step, atMillis, subject, sealedSecret) == 1);
    }

    @Override
    public boolean useAuthenticatorStep(String subject, long step, Instant at) {
        Columns.subject(subject);
        Columns.step(step);
        long atMillis = Objects.requireNonNull(at, "at").toEpochMilli();
        // One statement that tests and sets: a second caller with the same step waits for the row and then finds it used.
        return database.call("use an authenticator app's time step", c -> update(c, "UPDATE email2fa_authenticator"
                + " SET last_step = ?, last_used_at = ? WHERE subject = ? AND confirmed_at IS NOT NULL AND last_step < ?",
                step, atMillis, subject, step) == 1);
    }

    @Override
    public boolean resealAuthenticator(String subject, String oldSealedSecret, String newSealedSecret) {
        Columns.subject(subject);
        Columns.sealedSecret(oldSealedSecret);
        Columns.sealedSecret(newSealedSecret);
        return database.call("reseal an authenticator app's secret", c -> update(c,
                "UPDATE email2fa_authenticator SET secret = ? WHERE subject = ? AND secret = ?", newSealedSecret, subject,
                oldSealedSecret) == 1);
    }

    @Override
    public boolean removeAuthenticator(String subject) {
        Columns.subject(subject);
        return database.call("remove an authenticator app", c ->
                update(c, "DELETE FROM email2fa_authenticator WHERE subject = ?", subject) == 1);
    }

    /** Always: the tables {@code email2fa_passkey} and {@code email2fa_passkey_user} hold them. */
    @Override
    public boolean keepsPasskeys() {
        return true;
    }

    @Override
    public String passkeyUserHandle(String subject, String proposed) {
        Columns.subject(subject);
        Columns.base64Url("proposed", proposed, Columns.USER_HANDLE_MAX);
        return database.call("read or create a passkey user handle", c -> {
            String stored = userHandleOf(c, subject);
            if (stored != null) {
                return stored;
            }
            try {
                update(c, "INSERT INTO email2fa_passkey_user (subject, user_handle) VALUES (?, ?)", subject, proposed);
                return proposed;
            } catch (SQLException e) {
                if (!Database.isDuplicateKey(e)) {
                    throw e;
                }
                // A parallel caller stored its proposal first: that one is the user's.
                String theirs = userHandleOf(c, subject);
                if (theirs == null) {
                    throw e;
                }
                return theirs;
            }
        });
    }

    private static String userHandleOf(Connection c, String subject) throws SQLException {
        try (PreparedStatement select = prepare(c, "SELECT user_handle FROM email2fa_passkey_user WHERE subject = ?", subject);
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    @Override
    public boolean savePasskey(StoredPasskey p) {
        Columns.passkey(p);
        return database.call("save a passkey", c -> {
            try {
                update(c, "INSERT INTO email2fa_passkey (" + PASSKEY_COLUMNS + ", id_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, " + (p.lastUsedAt() == null ? "NULL" : "?") + ", ?)", passkeyParameters(p));
                return true;
            } catch (SQLException e) {
                if (Database.isDuplicateKey(e)) {
                    // The unique index on the credential id's hash: the passkey is someone's already.
                    return false;
                }
                throw e;
            }
        });
    }

    private static Object[] passkeyParameters(StoredPasskey p) {
        List<Object> values = new ArrayList<>(List.of(p.subject(), p.credentialId(), p.credential(), p.signCount(),
                Columns.transports(p.transports()), p.name(), p.createdAt().toEpochMilli()));
        if (p.lastUsedAt() != null) {
            values.add(p.lastUsedAt().toEpochMilli());
        }
        values.add(idHash(p.credentialId()));
        return values.toArray();
    }

    @Override
    public List<StoredPasskey> passkeys(String subject) {
        Columns.subject(subject);
        return database.call("list passkeys", c -> {
            List<StoredPasskey> passkeys = new ArrayList<>();
            try (PreparedStatement select = prepare(c, "SELECT " + PASSKEY_COLUMNS + " FROM email2fa_passkey WHERE subject = ?"
                    + " ORDER BY created_at, id_hash", subject); ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String transports = row.getString(5);
                    passkeys.add(new StoredPasskey(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                            transports == null || transports.isEmpty() ? Set.of() : Set.of(transports.split(",")), row.getString(6),
                            Instant.ofEpochMilli(row.getLong(7)), instantOrNull(row, 8)));
                }
            }
            return passkeys;
        });
    }

    @Override
    public boolean usePasskey(String subject, String credentialId, long expectedCount, Instant expectedLastUsedAt, long newCount,
            Instant at) {
        Columns.subject(subject);
        Columns.base64Url("credentialId", credentialId, Columns.CREDENTIAL_ID_MAX);
        long atMillis = Objects.requireNonNull(at, "at").toEpochMilli();
        String sql = "UPDATE email2fa_passkey SET sign_count = ?, last_used_at = ? WHERE id_hash = ? AND subject = ? AND sign_count = ?"
                + (expectedLastUsedAt == null ? " AND last_used_at IS NULL" : " AND last_used_at = ?");
        Object[] parameters = expectedLastUsedAt == null ? new Object[] {newCount, atMillis, idHash(credentialId), subject, expectedCount}
                : new Object[] {newCount, atMillis, idHash(credentialId), subject, expectedCount, expectedLastUsedAt.toEpochMilli()};
        return database.call("record a passkey's use", c -> update(c, sql, parameters) == 1);
    }

    @Override
    public boolean renamePasskey(String subject, String credentialId, String name) {
        Columns.subject(subject);
        Columns.base64Url("credentialId", credentialId, Columns.CREDENTIAL_ID_MAX);
        Columns.passkeyName(name);
        return database.call("rename a passkey", c -> update(c, "UPDATE email2fa_passkey SET name = ? WHERE id_hash = ? AND subject = ?",
                name, idHash(credentialId), subject) == 1);
    }

    @Override
    public boolean removePasskey(String subject, String credentialId) {
        Columns.subject(subject);
        Columns.base64Url("credentialId", credentialId, Columns.CREDENTIAL_ID_MAX);
        return database.call("remove a passkey", c -> update(c, "DELETE FROM email2fa_passkey WHERE id_hash = ? AND subject = ?",
                idHash(credentialId), subject) == 1);
    }

    /** The key of a passkey's row: the SHA-256 of its credential id, in lowercase hex, so the key has one size whatever the id's. */
    private static String idHash(String credentialId) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(credentialId.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", impossible);
        }
    }

    private static Instant instantOrNull(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * Runs {@code work}, which answers {@code null} when the account row is missing; then inserts a
     * blank row and runs it again. Rows are never deleted, so the second run finds one.
     */
    private static <T> T withAccount(Connection c, String subject, Database.Step<T> work) throws SQLException {
        T result = work.run();
        if (result != null) {
            return result;
        }
        try {
            update(c, "INSERT INTO email2fa_account (subject, enrolled, epoch) VALUES (?, ?, ?)", subject, false, 0L);
        } catch (SQLException e) {
            if (!Database.isDuplicateKey(e)) {
                throw e;
            }
            // A parallel writer inserted it first; its blank row serves as well as ours.
        }
        result = work.run();
        if (result == null) {
            throw new SQLException("The account row was created but is gone");
        }
        return result;
    }

    /** {@code TRUE} if the subject's account row is there, else {@code null}, the sign {@link #withAccount} waits for. */
    private static Boolean accountExists(Connection c, String subject) throws SQLException {
        try (PreparedStatement select = prepare(c, "SELECT 1 FROM email2fa_account WHERE subject = ?", subject);
                ResultSet row = select.executeQuery()) {
            return row.next() ? Boolean.TRUE : null;
        }
    }

    /** {@code TRUE} if a row was touched, else {@code null}, the sign {@link #withAccount} waits for. */
    private static Boolean found(int rows) {
        return rows == 0 ? null : Boolean.TRUE;
    }

    /** Devices matching a condition on the device table, with its parameters. */
    private static List<RememberedDevice> devicesWhere(Connection c, String condition, Object... params)
            throws SQLException {
        List<RememberedDevice> devices = new ArrayList<>();
        try (PreparedStatement select = prepare(c, "SELECT " + DEVICE_COLUMNS + " FROM email2fa_device WHERE "
                + condition, params); ResultSet row = select.executeQuery()) {
            while (row.next()) {
                devices.add(new RememberedDevice(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), Instant.ofEpochMilli(row.getLong(5)), Instant.ofEpochMilli(row.getLong(6)),
                        Instant.ofEpochMilli(row.getLong(7)), row.getLong(8)));
            }
        }
        return devices;
    }
}
