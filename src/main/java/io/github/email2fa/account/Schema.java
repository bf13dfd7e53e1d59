package io.github.email2fa.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of {@value #SCRIPT}, kept at the step this release needs: finds what a database
 * lacks and, if allowed, runs the missing steps of the script.
 *
 * <p>The script is a list of numbered steps ({@code -- Step N: ...}); each only adds tables (never
 * a column to a table in use: H2 adds one by copying the table, and loses the rows other
 * connections write meanwhile), with statements that skip what is there ({@code IF NOT EXISTS}), and ends by recording
 * its number in {@code email2fa_schema_version}. So the same script creates a fresh database,
 * upgrades one of any earlier release (a database of the first release has no version table and
 * counts as step 0: step 1 then only adds that table), and leaves an up-to-date one as it is;
 * the store runs exactly what a DBA would. Servers of the previous release keep working on an
 * upgraded database, since nothing they use changes.
 *
 * <p>A DBA runs the script on H2 or PostgreSQL as it is. The store runs the same statements on
 * any database, Derby included, without their {@code IF NOT EXISTS}: it looks what is missing
 * first and records each step itself (see {@link #runAfter}).
 *
 * <p>A database is ready when it records the newest step and a query of every column the store
 * uses succeeds on each table, so a table changed by some other script is reported rather than
 * half used. Each step runs in one transaction, which PostgreSQL makes all or nothing; on a
 * database that commits each DDL statement at once (H2), a step cut short is finished by the next
 * start, since its statements skip what is done. When other servers run the same steps at the same
 * moment, all but one may fail; they then look again and carry on.
 *
 * <p>The check runs once per store, at start-up and under a lock (a database that is not ready
 * and may not be changed fails the deployment); should tables vanish later, every call checks
 * again, so a store recovers once a DBA has run the script.
 */
final class Schema {

    /** How the message of a database that is not ready begins, so start-up can tell it from a dead connection. */
    static final String TABLES_MISSING = "The account store's tables are missing in ";

    /** Where the DBA script is, on the class path. */
    static final String SCRIPT = "META-INF/email2fa/schema.sql";

    /** The table that records the steps run. */
    static final String VERSION_TABLE = "email2fa_schema_version";

    /** Each table and the columns the store uses. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(VERSION_TABLE, "version, step, applied_at");
        TABLES.put("email2fa_account", "subject, enrolled, epoch, backup_salt");
        TABLES.put("email2fa_backup_code", "subject, code_hash, used_at");
        TABLES.put("email2fa_device",
                "id, subject, token_hash, user_agent, created_at, last_used_at, expires_at, epoch");
        TABLES.put("email2fa_authenticator", "subject, secret, created_at, confirmed_at, last_step, last_used_at");
        TABLES.put("email2fa_preference", "subject, factor");
        TABLES.put("email2fa_passkey_user", "subject, user_handle");
        TABLES.put("email2fa_passkey", "id_hash, subject, credential_id, credential, sign_count, transports, name, created_at, last_used_at");
    }

    private static final Pattern IF_NOT_EXISTS = Pattern.compile("(?i)\\s+IF\\s+NOT\\s+EXISTS");
    private static final Pattern VERSION_INSERT = Pattern.compile("(?i)INSERT\\s+INTO\\s+" + VERSION_TABLE + "\\b");
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(email2fa_\\w+)");
    /** Group 1 the index, group 2 its table. */
    private static final Pattern CREATE_INDEX = Pattern.compile("(?i)CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(\\w+)\\s+ON\\s+(email2fa_\\w+)");

    /** The line that opens a step of the script. */
    private static final Pattern STEP = Pattern.compile("(?m)^-- Step (\\d+): (.*)$");

    private static final System.Logger LOG = System.getLogger(Schema.class.getName());

    private final boolean create;
    private final String source;
    private volatile boolean ready;

    /**
     * @param create whether missing steps may be run
     * @param source the database, as messages should name it
     */
    Schema(boolean create, String source) {
        this.create = create;
        this.source = source;
    }

    /** One numbered step of the script: its description and statements, in order. */
    record Step(int number, String description, List<String> statements) {
    }

    /**
     * Returns once the database is at the newest step and every table is complete, running the
     * missing steps if allowed.
     *
     * @param connection in auto-commit mode, as it is left
     * @throws AccountStoreException if the database is not ready and may not be, or could not be, brought up to date
     */
    void ensure(Connection connection) throws SQLException {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            List<Step> steps = steps();
            int newest = steps.get(steps.size() - 1).number();
            int at = version(connection);
            Map<String, SQLException> missing = missing(connection);
            if (at < newest || !missing.isEmpty()) {
                if (!create) {
                    throw notReady(at, newest, missing);
                }
                upgrade(connection, steps, at, newest);
            }
            ready = true;
        }
    }

    private AccountStoreException notReady(int at, int newest, Map<String, SQLException> missing) {
        String lacking = missing.isEmpty() ? VERSION_TABLE + " (it records step " + at + ")"
                : String.join(", ", missing.keySet()) + " (or they lack columns it needs)";
        String steps = at < newest ? "; the database is at step " + at + " of the schema and this email2fa needs step " + newest : "";
        return new AccountStoreException(TABLES_MISSING + source + ": " + lacking + steps + ". Run " + SCRIPT
                + " from the email2fa jar (again: it adds only what is missing), or let the store do it"
                + " (email2fa.datasource.createSchema=true).", missing.isEmpty() ? null : missing.values().iterator().next());
    }

    /** The steps of the script, in order. */
    static List<Step> steps() {
        String script = scriptText();
        List<Step> steps = new ArrayList<>();
        Matcher heading = STEP.matcher(script);
        List<MatchResult> headings = new ArrayList<>();
        while (heading.find()) {
            headings.add(heading.toMatchResult());
        }
        for (int i = 0; i < headings.size(); i++) {
            MatchResult step = headings.get(i);
            int end = i + 1 < headings.size() ? headings.get(i + 1).start() : script.length();
            String body = script.substring(step.end(), end).replaceAll("--[^\n]*", "");
            List<String> statements = new ArrayList<>();
            for (String statement : body.split(";")) {
                if (!statement.isBlank()) {
                    statements.add(statement.strip());
                }
            }
            steps.add(new Step(Integer.parseInt(step.group(1)), step.group(2).strip(), List.copyOf(statements)));
        }
        if (steps.isEmpty()) {
            throw new IllegalStateException(SCRIPT + " has no '-- Step N:' line");
        }
        return List.copyOf(steps);
    }

    private static String scriptText() {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + SCRIPT, e);
        }
    }

    /** The newest step the database records: 0 without the version table, as in a database of the first release. */
    private static int version(Connection connection) {
        try (Statement query = connection.createStatement();
                ResultSet row = query.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
            return row.next() ? row.getInt(1) : 0;
        } catch (SQLException noTable) {
            return 0;
        }
    }

    /** The tables whose probe fails, each with the database's reason. */
    private static Map<String, SQLException> missing(Connection connection) {
        Map<String, SQLException> missing = new LinkedHashMap<>();
        TABLES.forEach((table, columns) -> {
            try (Statement probe = connection.createStatement()) {
                probe.executeQuery("SELECT " + columns + " FROM " + table + " WHERE 1 = 0").close();
            } catch (SQLException e) {
                missing.put(table, e);
            }
        });
        return missing;
    }

    /**
     * Runs the steps after {@code at}, each in one transaction; with tables missing or incomplete
     * despite the record, all of them, since each skips what is there. A failed attempt (another
     * server doing the same) looks again and retries, a few times.
     */
    private void upgrade(Connection connection, List<Step> steps, int at, int newest) throws SQLException {
        SQLException failure = null;
        int from = at;
        for (int attempt = 0; attempt < 5; attempt++) {
            Map<String, SQLException> missing = missing(connection);
            if (from >= newest && missing.isEmpty()) {
                return;
            }
            int after = missing.isEmpty() ? from : 0;
            failure = runAfter(connection, steps, after);
            if (failure == null && missing(connection).isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "email2fa brought the account store''s tables in {0} from step {1} to step {2}",
                        source, at, newest);
                return;
            }
            from = version(connection);
            pause(attempt);
        }
        Map<String, SQLException> missing = missing(connection);
        throw new AccountStoreException("Could not bring the account store's tables in " + source + " to step " + newest
                + (missing.isEmpty() ? "" : " (" + String.join(", ", missing.keySet()) + " still missing or incomplete)") + "; run "
                + SCRIPT + " from the email2fa jar", failure != null ? failure : missing.values().stream().findFirst().orElse(null));
    }

    /**
     * Runs each step numbered above {@code after}, one transaction each; returns the first failure,
     * or {@code null}.
     *
     * <p>The store runs a step's statements without their {@code IF NOT EXISTS}, which H2 and
     * PostgreSQL know but Derby (GlassFish's default DataSource) does not: instead it looks first,
     * outside the transaction (a failed look would end a PostgreSQL transaction), and runs only
     * the {@code CREATE} of a table or index that is missing. It records the step itself, with the
     * time from Java, in place of the script's {@code INSERT}, which uses H2 and PostgreSQL syntax.
     */
    private static SQLException runAfter(Connection connection, List<Step> steps, int after) throws SQLException {
        for (Step step : steps) {
            if (step.number() <= after) {
                continue;
            }
            List<String> needed = new ArrayList<>();
            for (String sql : step.statements()) {
                String plain = IF_NOT_EXISTS.matcher(sql).replaceFirst("");
                if (!VERSION_INSERT.matcher(plain).lookingAt() && isMissing(connection, plain)) {
                    needed.add(plain);
                }
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : needed) {
                    statement.execute(sql);
                }
                record(connection, step);
                connection.commit();
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                return e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return null;
    }

    /** Whether what the statement creates is not there yet; a statement that creates nothing always runs. */
    private static boolean isMissing(Connection connection, String sql) throws SQLException {
        Matcher table = CREATE_TABLE.matcher(sql);
        if (table.lookingAt()) {
            try (Statement probe = connection.createStatement()) {
                probe.executeQuery("SELECT 1 FROM " + table.group(1) + " WHERE 1 = 0").close();
                return false;
            } catch (SQLException missing) {
                return true;
            }
        }
        Matcher index = CREATE_INDEX.matcher(sql);
        if (index.lookingAt()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String name : List.of(index.group(2), index.group(2).toUpperCase(Locale.ROOT))) {
                try (ResultSet indexes = meta.getIndexInfo(null, connection.getSchema(), name, false, false)) {
                    while (indexes.next()) {
                        if (index.group(1).equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
        return true;
    }

    /** Records the step as run, unless another server just did. */
    private static void record(Connection connection, Step step) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM " + VERSION_TABLE + " WHERE version = ?")) {
            find.setInt(1, step.number());
            try (ResultSet row = find.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + VERSION_TABLE + " (version, step, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, step.number());
            insert.setString(2, step.description());
            insert.setLong(3, System.currentTimeMillis());
            insert.executeUpdate();
        }
    }

    /** A short, growing wait between attempts, so a parallel creator can finish. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(20L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rolls back, keeping a failure to do so with the error that caused it. */
    static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
