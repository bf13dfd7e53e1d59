package io.github.email2fa.account;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the {@code Postgres*Test} classes use: {@value #DEFAULT_URL} as user and
 * password {@code email2fa}, unless the system property or environment variable
 * {@code EMAIL2FA_PG_URL}, {@code EMAIL2FA_PG_USER} or {@code EMAIL2FA_PG_PASSWORD} says otherwise.
 * {@code .ci/run} installs and starts it.
 *
 * <p>When the server cannot be reached the tests fail if the environment variable {@code CI} is
 * {@code true}, since CI must really run them, and are skipped otherwise, saying how to start it.
 *
 * <p>Each test gets a schema of its own, dropped afterwards, so parallel builds sharing one server
 * do not see each other's rows, and every test starts with no tables at all.
 */
final class PostgresServer {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/email2fa";
    static final String URL = setting("EMAIL2FA_PG_URL", DEFAULT_URL);
    static final String USER = setting("EMAIL2FA_PG_USER", "email2fa");
    private static final String PASSWORD = setting("EMAIL2FA_PG_PASSWORD", "email2fa");

    /** Why the server could not be reached, once tried; empty if it could. */
    private static String unreachable;
    private static boolean warned;

    private PostgresServer() {
    }

    /** Fails or skips the calling test, as described above, unless the server answers. */
    static synchronized void requireReachable() {
        if (unreachable == null) {
            try {
                dataSource(null).getConnection().close();
                unreachable = "";
            } catch (SQLException e) {
                unreachable = "PostgreSQL is not reachable at " + URL + " as user " + USER + " (" + e.getMessage()
                        + "). Start it as .ci/run does: as root on Debian 12, apt-get install -y postgresql,"
                        + " pg_ctlcluster 15 main start, then create the role email2fa with password email2fa and"
                        + " the database email2fa owned by it; or run .ci/run. Or point EMAIL2FA_PG_URL,"
                        + " EMAIL2FA_PG_USER and EMAIL2FA_PG_PASSWORD at another server.";
            }
        }
        if (unreachable.isEmpty()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(unreachable + " CI is true, so the PostgreSQL tests must run.");
        }
        if (!warned) {
            // Surefire shows skip reasons only in its reports; one line in the build log says why.
            System.err.println("WARNING: " + unreachable + " Skipping the PostgreSQL tests.");
            warned = true;
        }
        Assumptions.abort(unreachable + " Skipping the PostgreSQL tests (they fail instead when CI=true).");
    }

    /** Creates an empty schema of a new name; returns the name. */
    static String createSchema() throws SQLException {
        String schema = "email2fa_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    /** Drops the schema and whatever is in it. */
    static void dropSchema(String schema) throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** A DataSource whose connections see {@code schema}'s tables, or the default schema's if {@code null}. */
    static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(URL);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        dataSource.setConnectTimeout(5);
        if (schema != null) {
            dataSource.setCurrentSchema(schema);
        }
        return dataSource;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = dataSource(null).getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The system property, else the environment variable, else the default. */
    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
