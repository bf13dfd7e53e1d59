package io.github.email2fa.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of {@value #SCRIPT}: finds those a database lacks and, if allowed, creates them.
 *
 * <p>A table counts as present when a query of every column the store uses succeeds, so a table
 * left by some other script is reported rather than half used. Creation runs the script's own
 * statements for the missing tables, so the store creates exactly what a DBA would. They run in one
 * transaction, which PostgreSQL makes all or nothing. When another server creates the same tables
 * at the same moment, one of the two fails; it then looks again, finds them, and carries on.
 *
 * <p>The check runs once per store, at start-up and under a lock (missing tables that may not be
 * created fail the deployment); should tables vanish later, every call checks again, so a store
 * recovers once a DBA has run the script.
 */
final class Schema {

    /** How the message of missing tables begins, so start-up can tell it from a dead connection. */
    static final String TABLES_MISSING = "The account store's tables are missing in ";

    /** Where the DBA script is, on the class path. */
    static final String SCRIPT = "META-INF/email2fa/schema.sql";

    /** Each table and the columns the store uses, in the script's order. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("email2fa_account", "subject, enrolled, epoch, backup_salt");
        TABLES.put("email2fa_backup_code", "subject, code_hash, used_at");
        TABLES.put("email2fa_device",
                "id, subject, token_hash, user_agent, created_at, last_used_at, expires_at, epoch");
    }

    /** The table a statement creates, or creates an index on. */
    private static final Pattern TARGET = Pattern.compile("(?i)\\b(?:TABLE|ON)\\s+(email2fa_\\w+)");

    private static final System.Logger LOG = System.getLogger(Schema.class.getName());

    private final boolean create;
    private final String source;
    private volatile boolean ready;

    /**
     * @param create whether missing tables may be created
     * @param source the database, as messages should name it
     */
    Schema(boolean create, String source) {
        this.create = create;
        this.source = source;
    }

    /**
     * Returns once every table is there, creating missing ones if allowed.
     *
     * @param connection in auto-commit mode, as it is left
     * @throws AccountStoreException if tables are missing and may not be, or could not be, created
     */
    void ensure(Connection connection) throws SQLException {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            Map<String, SQLException> missing = missing(connection);
            if (!missing.isEmpty() && !create) {
                throw new AccountStoreException(TABLES_MISSING + source + ": "
                        + String.join(", ", missing.keySet()) + " (or they lack columns it needs). Create them with "
                        + SCRIPT + " from the email2fa jar, or let the store create them (email2fa.datasource.createSchema=true).",
                        missing.values().iterator().next());
            }
            if (!missing.isEmpty()) {
                create(connection, missing);
            }
            ready = true;
        }
    }

    /** The statements of the script, without comments, in order. */
    static List<String> statements() {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the class path");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("--[^\n]*", "");
            List<String> statements = new ArrayList<>();
            for (String statement : script.split(";")) {
                if (!statement.isBlank()) {
                    statements.add(statement.strip());
                }
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + SCRIPT, e);
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
     * Runs the script's statements for these tables, tolerating a server that is doing the same:
     * some databases (H2 among them) commit each CREATE TABLE at once, so a parallel creator can be
     * half-way through. A failed attempt looks again and retries what is still missing, a few times.
     */
    private void create(Connection connection, Map<String, SQLException> missing) throws SQLException {
        Map<String, SQLException> toCreate = missing;
        SQLException failure = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            failure = createOnce(connection, toCreate);
            if (failure == null) {
                LOG.log(System.Logger.Level.INFO, "email2fa created tables {0} in {1}", toCreate.keySet(), source);
                return;
            }
            toCreate = missing(connection);
            if (toCreate.isEmpty()) {
                return;
            }
            pause(attempt);
        }
        throw new AccountStoreException("Could not create the account store's tables "
                + String.join(", ", toCreate.keySet()) + " in " + source + "; create them with " + SCRIPT
                + " from the email2fa jar", failure);
    }

    /** One attempt in one transaction; returns the failure, or {@code null}. */
    private static SQLException createOnce(Connection connection, Map<String, SQLException> missing) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements()) {
                Matcher target = TARGET.matcher(sql);
                if (target.find() && missing.containsKey(target.group(1).toLowerCase(Locale.ROOT))) {
                    statement.execute(sql);
                }
            }
            connection.commit();
            return null;
        } catch (SQLException e) {
            rollbackQuietly(connection, e);
            return e;
        } finally {
            connection.setAutoCommit(true);
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
