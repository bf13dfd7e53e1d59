package io.github.email2fa.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/**
 * The JDBC plumbing under {@link JdbcAccountStore}: a connection per call, the schema check,
 * short transactions, bound parameters, and one exception type out.
 */
final class Database {

    /** SQLState of a unique or primary key violation, the same on H2 and PostgreSQL. */
    private static final String DUPLICATE_KEY = "23505";

    private final DataSource dataSource;
    private final Schema schema;
    private final String source;

    /**
     * @param source the database, as messages should name it
     */
    Database(DataSource dataSource, Schema schema, String source) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.source = source;
    }

    /**
     * Runs one unit of work on a connection of its own, in auto-commit mode, once the tables are there.
     *
     * @param action what the work does, for the message if it fails: "Could not " + action + " in " + source
     * @throws AccountStoreException if it fails
     */
    <T> T call(String action, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            schema.ensure(c);
            return work.run(c);
        } catch (SQLException e) {
            throw new AccountStoreException("Could not " + action + " in " + source
                    + (isDuplicateKey(e) ? ": its id or hash is already stored" : ""), e);
        }
    }

    /** Runs {@code work} in one transaction, rolled back if it fails, and returns to auto-commit. */
    static <T> T inTransaction(Connection c, Step<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            Schema.rollbackQuietly(c, e);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Whether the statement failed because a key it wrote is already taken. */
    static boolean isDuplicateKey(SQLException e) {
        return DUPLICATE_KEY.equals(e.getSQLState());
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it touched. */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params)) {
            return statement.executeUpdate();
        }
    }

    /** A statement with its parameters bound; a {@code null} is bound as VARCHAR, the only nullable type written. */
    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, params[i]);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A step of work already inside {@link #call}, on its connection. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws SQLException;
    }
}
