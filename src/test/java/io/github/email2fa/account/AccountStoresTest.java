package io.github.email2fa.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.accounts.OutageSimulatingAccountStore;
import io.github.email2fa.config.AccountSettings;
import io.github.email2fa.config.Extensions;
import io.github.email2fa.support.LogCapture;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import javax.naming.Context;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the account store is found at deployment, and how a missing or dead database fails it. */
class AccountStoresTest {

    private static final String NAME = "java:comp/env/jdbc/email2fa";

    @RegisterExtension
    final LogCapture log = new LogCapture(AccountStores.class.getName());

    @AfterEach
    void unbind() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        JdbcAccountStoreJndiTest.Bindings.BOUND.clear();
    }

    @Test
    void openWhenClassNamedThenUsesANewInstanceOfIt() {
        Extensions.Found<AccountStore> opened = AccountStores.open(settings(InMemoryAccountStore.class.getName(), NAME), loader());

        assertInstanceOf(InMemoryAccountStore.class, opened.instance());
        assertTrue(opened.createdByModule(), "the module made it, so it closes it");
    }

    @Test
    void closeWhenTheModuleMadeAnAutoCloseableStoreThenClosesIt() {
        Extensions.Found<AccountStore> opened = AccountStores.open(settings(OutageSimulatingAccountStore.class.getName(), NAME), loader());

        opened.close();

        assertTrue(((OutageSimulatingAccountStore) opened.instance()).isClosed());
    }

    @Test
    void closeWhenTheStoreCameFromCdiThenLeavesItToItsContainer() {
        OutageSimulatingAccountStore bean = new OutageSimulatingAccountStore();

        new Extensions.Found<AccountStore>(bean, false).close();

        assertFalse(bean.isClosed());
    }

    @Test
    void openWhenNamedClassIsNoStoreThenIllegalStateNamingTheSettingAndClass() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AccountStores.open(settings(String.class.getName(), NAME), loader()));

        assertTrue(e.getMessage().startsWith("email2fa.accountStore='java.lang.String': the class does not implement "
                + AccountStore.class.getName()), e.getMessage());
    }

    @Test
    void openWhenServiceLoaderEntryThenUsesIt(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(AccountStore.class.getName()), InMemoryAccountStore.class.getName() + "\n");
        try (URLClassLoader withEntry = new URLClassLoader(new URL[] {dir.toUri().toURL()}, loader())) {
            assertInstanceOf(InMemoryAccountStore.class, AccountStores.open(settings(null, NAME), withEntry).instance());
        }
    }

    @Test
    void openWhenDataSourceNameUnboundThenIllegalStateNamingKeyValueAndWhatToDo() {
        useBindings();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AccountStores.open(settings(null, NAME), loader()));

        assertTrue(e.getMessage().startsWith("email2fa.datasource='" + NAME + "': no DataSource under that JNDI name"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Tomcat and Jetty have no java:comp/DefaultDataSource"), e.getMessage());
    }

    @Test
    void openWhenDataSourceGivesNoConnectionThenIllegalStateNamingKeyValueAndCause() {
        useBindings();
        JdbcAccountStoreJndiTest.Bindings.BOUND.put(NAME, refusing("Connection to 127.0.0.1:1 refused"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AccountStores.open(settings(null, NAME), loader()));

        assertTrue(e.getMessage().startsWith("email2fa.datasource='" + NAME + "': Could not connect to the database"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Connection to 127.0.0.1:1 refused"), e.getMessage());
        assertTrue(e.getMessage().contains("Check that the database is running"), e.getMessage());
    }

    @Test
    void openWhenTablesMissingAndMayNotBeCreatedThenIllegalStateNamingBothKeysAndTheScript() throws SQLException {
        useBindings();
        DataSource h2 = H2Databases.fresh();
        JdbcAccountStoreJndiTest.Bindings.BOUND.put(NAME, h2);
        AccountSettings settings = new AccountSettings(AccountSettings.Policy.REQUIRED, null, NAME, false, List.of(),
                Duration.ofMinutes(5), AccountSettings.StepUpFactor.EMAIL, 30);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> AccountStores.open(settings, loader()));

            assertTrue(e.getMessage().startsWith("email2fa.datasource='" + NAME + "', email2fa.datasource.createSchema=false: "
                    + "The account store's tables are missing in DataSource " + NAME), e.getMessage());
            assertTrue(e.getMessage().contains("META-INF/email2fa/schema.sql"), e.getMessage());
            assertFalse(e.getMessage().contains("SELECT"), "no SQL text: " + e.getMessage());
            assertFalse(e.getMessage().contains("start-database"), "no advice for a dead connection: " + e.getMessage());
        } finally {
            H2Databases.shutdown(h2);
        }
    }

    @Test
    void openWhenDataSourceIsInMemoryThenWarnsThatStateIsLostOnRestart() throws SQLException {
        useBindings();
        DataSource h2 = H2Databases.fresh();
        JdbcAccountStoreJndiTest.Bindings.BOUND.put(NAME, h2);
        try {
            AccountStore store = AccountStores.open(settings(null, NAME), loader()).instance();

            store.setEnrolled("alice", true);
            assertTrue(store.find("alice").enrolled(), "the tables were created at start-up");
            assertEquals(1, log.records().size());
            assertEquals(Level.WARNING, log.records().get(0).getLevel());
            assertTrue(log.records().get(0).getMessage().contains("is an in-memory database (jdbc:h2:mem:"),
                    log.records().get(0).getMessage());
        } finally {
            H2Databases.shutdown(h2);
        }
    }

    @Test
    void openWhenDataSourceIsOnDiskOutsideTheTemporaryDirectoryThenNoWarning(@TempDir Path dir) throws SQLException {
        useBindings();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("accounts").toAbsolutePath());
        JdbcAccountStoreJndiTest.Bindings.BOUND.put(NAME, h2);
        // @TempDir lies in the temporary directory; for this test, the server's is elsewhere.
        String tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", "/email2fa-test-other-tmp");
        try {
            AccountStores.open(settings(null, NAME), loader());
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
        }

        assertTrue(log.records().isEmpty(), () -> log.records().get(0).getMessage());
        H2Databases.shutdown(h2);
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE, true",
        "JDBC:H2:MEM:, true",
        "jdbc:hsqldb:mem:email2fa, true",
        "jdbc:derby:memory:email2fa;create=true, true",
        "jdbc:sqlite::memory:, true",
        "jdbc:h2:file:/var/lib/app/email2fa, false",
        "jdbc:h2:~/email2fa, false",
        "jdbc:h2:tcp://db/mem:shared, false",
        "jdbc:derby://localhost:1527/sun-appserv-samples, false",
        "jdbc:postgresql://db:5432/email2fa, false",
        "'', false",
    })
    void isInMemoryWhenUrlThenAnswer(String url, boolean inMemory) {
        assertEquals(inMemory, AccountStores.isInMemory(url));
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:h2:/tmp/payaramicro-rt123/lib/databases/embedded_default;AUTO_SERVER=TRUE, true",
        "jdbc:h2:file:/tmp/app/db, true",
        "jdbc:h2:/tmp/../var/lib/db, false",
        "jdbc:h2:/var/lib/email2fa/db, false",
        "jdbc:h2:/tmpfiles/db, false",
        "jdbc:h2:./relative, false",
        "jdbc:h2:mem:x, false",
        "jdbc:h2:tcp://localhost//tmp/db, false",
        "jdbc:postgresql://localhost/tmp, false",
    })
    void isInDirectoryWhenUrlThenWhetherItsFilesLieUnderTheDirectory(String url, boolean inside) {
        assertEquals(inside, AccountStores.isInDirectory(url, Path.of("/tmp")));
    }

    @Test
    void openWhenDatabaseFilesAreInTheTemporaryDirectoryThenWarnsThatStateIsLostWhenItIsCleaned() throws SQLException {
        useBindings();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + Path.of(System.getProperty("java.io.tmpdir"), "email2fa-" + java.util.UUID.randomUUID(), "db")
                .toAbsolutePath());
        JdbcAccountStoreJndiTest.Bindings.BOUND.put(NAME, h2);

        AccountStores.open(settings(null, NAME), loader());

        assertEquals(1, log.records().size());
        assertTrue(log.records().get(0).getMessage().contains("keeps its files in the temporary directory"),
                log.records().get(0).getMessage());
        H2Databases.shutdown(h2);
    }

    private static AccountSettings settings(String storeClass, String dataSource) {
        return new AccountSettings(AccountSettings.Policy.REQUIRED, storeClass, dataSource, true, List.of(),
                Duration.ofMinutes(5), AccountSettings.StepUpFactor.EMAIL, 30);
    }

    private static ClassLoader loader() {
        return AccountStoresTest.class.getClassLoader();
    }

    private static void useBindings() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, JdbcAccountStoreJndiTest.Bindings.class.getName());
    }

    /** A DataSource whose every connection attempt fails as a refused TCP connection does. */
    private static DataSource refusing(String reason) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new SQLException(reason, "08001");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
