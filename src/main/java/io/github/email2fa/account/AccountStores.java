package io.github.email2fa.account;

import io.github.email2fa.config.AccountSettings;
import io.github.email2fa.config.ContextParams;
import io.github.email2fa.config.Extensions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Finds the {@link AccountStore} of an application at deployment, in this order:
 * <ol>
 *   <li>the class named in {@code email2fa.accountStore};
 *   <li>a CDI bean implementing {@code AccountStore} (only when the application has CDI);
 *   <li>a {@code META-INF/services/io.github.email2fa.account.AccountStore} entry ({@code ServiceLoader});
 *   <li>the {@link JdbcAccountStore} on the DataSource named in {@code email2fa.datasource}.
 * </ol>
 * The JDBC store is checked at once: a name that resolves to nothing, or a database that gives no
 * connection, fails the deployment; an in-memory database, or one in the temporary directory, is
 * allowed, with a WARNING.
 */
public final class AccountStores {

    private static final Logger LOG = Logger.getLogger(AccountStores.class.getName());

    /** JDBC URL prefixes of databases that live only as long as the JVM (H2, HSQLDB, Derby, SQLite). */
    private static final String[] IN_MEMORY_PREFIXES = {
        "jdbc:h2:mem:", "jdbc:hsqldb:mem:", "jdbc:derby:memory:", "jdbc:sqlite::memory:", "jdbc:sqlite:file::memory:"
    };

    private AccountStores() {
    }

    /**
     * The store these settings ask for, ready to use, and whether the module made it (and so closes it).
     *
     * @throws IllegalStateException naming the setting, its value and what to do, if the named class
     *     cannot be created or the DataSource is missing, of the wrong type, or gives no connection
     */
    public static Extensions.Found<AccountStore> open(AccountSettings settings, ClassLoader loader) {
        Extensions.Found<AccountStore> own = Extensions.find(settings.accountStoreClass(), AccountStore.class,
                ContextParams.ACCOUNT_STORE, loader);
        if (own != null) {
            LOG.info(() -> "email2fa keeps per-user state in the application's own store, " + own.instance().getClass().getName());
            return own;
        }
        return new Extensions.Found<>(jdbc(settings.dataSource(), settings.createSchema()), true);
    }

    /** The JDBC store on this JNDI name, after a connection and the tables were checked. */
    static JdbcAccountStore jdbc(String jndiName, boolean createSchema) {
        JdbcAccountStore store = JdbcAccountStore.fromJndi(jndiName, createSchema);
        String url;
        try {
            url = store.checkDatabase();
        } catch (AccountStoreException e) {
            if (e.getMessage().startsWith(Schema.TABLES_MISSING)) {
                throw new IllegalStateException(ContextParams.DATASOURCE + "='" + jndiName + "', "
                        + ContextParams.DATASOURCE_CREATE_SCHEMA + "=false: " + e.getMessage(), e);
            }
            throw new IllegalStateException(ContextParams.DATASOURCE + "='" + jndiName + "': " + e.getMessage() + " ("
                    + rootCause(e) + "). Check that the database is running and that the DataSource's URL, user and "
                    + "password are right; on GlassFish, the default DataSource needs 'asadmin start-database'", e);
        }
        if (isInMemory(url)) {
            LOG.warning("email2fa: " + ContextParams.DATASOURCE + "='" + jndiName + "' is an in-memory database (" + withoutOptions(url)
                    + "): enrolment, backup codes and remembered devices are lost whenever the server stops. "
                    + "Point " + ContextParams.DATASOURCE + " at a database on disk for anything but a trial.");
        } else if (isInDirectory(url, Path.of(System.getProperty("java.io.tmpdir")))) {
            LOG.warning("email2fa: " + ContextParams.DATASOURCE + "='" + jndiName + "' keeps its files in the temporary "
                    + "directory (" + withoutOptions(url) + "): enrolment, backup codes and remembered devices are lost when it is "
                    + "cleaned. On Payara Micro, start with --rootdir and a lasting directory.");
        }
        return store;
    }

    /**
     * Whether a JDBC URL names an embedded H2 database whose files lie under {@code directory}
     * (Payara Micro's default DataSource does, under a temporary instance root, unless started
     * with {@code --rootdir}).
     */
    static boolean isInDirectory(String jdbcUrl, Path directory) {
        if (!jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:h2:tcp:") || jdbcUrl.startsWith("jdbc:h2:ssl:")
                || jdbcUrl.startsWith("jdbc:h2:mem:")) {
            return false;
        }
        String path = withoutOptions(jdbcUrl).substring("jdbc:h2:".length());
        path = path.startsWith("file:") ? path.substring("file:".length()) : path;
        try {
            Path file = Path.of(path);
            return file.isAbsolute() && file.normalize().startsWith(directory.toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Whether a JDBC URL names a database that lives only in the JVM's memory. */
    static boolean isInMemory(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        for (String prefix : IN_MEMORY_PREFIXES) {
            if (url.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The URL without its {@code ;options}, which may hold a password. */
    private static String withoutOptions(String url) {
        int options = url.indexOf(';');
        return options < 0 ? url : url.substring(0, options);
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
