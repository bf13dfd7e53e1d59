package io.github.email2fa.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh, empty in-memory H2 databases, like the embedded H2 behind Payara's default DataSource. */
final class H2Databases {

    private H2Databases() {
    }

    /** A new database of its own; it lives until {@link #shutdown}, however many connections close. */
    static DataSource fresh() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:email2fa-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    /** Frees the database's memory. */
    static void shutdown(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
