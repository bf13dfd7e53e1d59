package io.github.email2fa.account;

import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/** Fresh, empty in-memory Derby databases, like the Derby behind GlassFish's default DataSource. */
final class DerbyDatabases {

    static {
        // Derby writes its log to derby.log in the working directory unless told otherwise: keep it in the build directory.
        System.setProperty("derby.stream.error.file", "target/derby.log");
    }

    private DerbyDatabases() {
    }

    /** A new database of its own; it lives until {@link #drop}. */
    static DataSource fresh() {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:email2fa-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        return dataSource;
    }

    /** Frees the database's memory; Derby answers a drop with an exception that says it is done. */
    static void drop(DataSource dataSource) {
        EmbeddedDataSource derby = (EmbeddedDataSource) dataSource;
        EmbeddedDataSource dropping = new EmbeddedDataSource();
        dropping.setDatabaseName(derby.getDatabaseName());
        dropping.setConnectionAttributes("drop=true");
        try {
            dropping.getConnection().close();
        } catch (SQLException dropped) {
            // SQLState 08006: the database was dropped.
        }
    }
}
