package io.github.email2fa.account;

import io.github.email2fa.config.AccountSettings;
import io.github.email2fa.config.ContextParams;
import io.github.email2fa.config.Extensions;
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
 * connection, fails the deployment; an in-memory database is allowed, with a WARNING.
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
     * The store these settings ask for, ready to use.
     *
     * @throws IllegalStateException naming the setting, its value and what to do, if the named class
     *     cannot be created or the DataSource is missing, of the wrong type, or gives no connection
     */
    public static AccountStore open(AccountSettings settings, ClassLoader loader) {
        AccountStore own = Extensions.find(settings.accountStoreClass(), AccountStore.class, ContextParams.ACCOUNT_STORE, loader);
        return own != null ? own : jdbc(settings.dataSource(), settings.createSchema());
    }

    /** The JDBC store on this JNDI name, after a connection and the tables were checked. */
    static JdbcAccountStore jdbc(String jndiName, boolean createSchema) {
        JdbcAccountStore store = JdbcAccountStore.fromJndi(jndiName, createSchema);
        String url;
        try {
            url = store.checkDatabase();
        } catch (AccountStoreException e) {
            throw new IllegalStateException(ContextParams.DATASOURCE + "='" + jndiName + "': " + e.getMessage() + " ("
                    + rootCause(e) + "). Check that the database is running and that the DataSource's URL, user and "
                    + "password are right; on GlassFish, the default DataSource needs 'asadmin start-database'.", e);
        }
        if (isInMemory(url)) {
            LOG.warning("email2fa: " + ContextParams.DATASOURCE + "='" + jndiName + "' is an in-memory database (" + url
                    + "): enrolment, backup codes and remembered devices are lost whenever the server stops. "
                    + "Point " + ContextParams.DATASOURCE + " at a database on disk for anything but a trial.");
        }
        return store;
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

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
