package io.github.email2fa.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import javax.naming.spi.InitialContextFactory;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcAccountStore#fromJndi}, against a JNDI context that holds only what a test binds. */
class JdbcAccountStoreJndiTest {

    private static final String NAME = "java:comp/env/jdbc/email2fa";

    private final DataSource h2 = H2Databases.fresh();

    @AfterEach
    void unbind() throws Exception {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        Bindings.BOUND.clear();
        H2Databases.shutdown(h2);
    }

    @Test
    void fromJndiWhenNoNamingServiceThenIllegalStateNamingTheName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcAccountStore.fromJndi(NAME, true));

        assertTrue(e.getMessage().contains("'" + NAME + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("email2fa.datasource"), e.getMessage());
    }

    @Test
    void fromJndiWhenNameUnboundThenIllegalStateNamingTheName() {
        useBindings();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcAccountStore.fromJndi(NAME, true));

        assertTrue(e.getMessage().startsWith("email2fa.datasource='" + NAME + "': no DataSource under that JNDI name"),
                e.getMessage());
        assertTrue(e.getMessage().contains("on Tomcat add <Resource name=\"jdbc/email2fa\""), e.getMessage());
    }

    @Test
    void fromJndiWhenBoundToSomethingElseThenIllegalStateNamingItsType() {
        useBindings();
        Bindings.BOUND.put(NAME, "a string");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcAccountStore.fromJndi(NAME, true));

        assertTrue(e.getMessage().startsWith("email2fa.datasource='" + NAME
                + "': that JNDI name holds a java.lang.String, not a javax.sql.DataSource. Bind a javax.sql.DataSource"),
                e.getMessage());
    }

    @Test
    void fromJndiWhenDataSourceBoundThenStoreUsesIt() {
        useBindings();
        Bindings.BOUND.put(NAME, h2);

        JdbcAccountStore.fromJndi(NAME, true).setEnrolled("alice", true);

        assertEquals(new AccountRecord("alice", true, 0), new JdbcAccountStore(h2, false).find("alice"));
    }

    @Test
    void fromJndiWhenTablesMissingThenMessageNamesTheJndiName() {
        useBindings();
        Bindings.BOUND.put(NAME, h2);
        AccountStore store = JdbcAccountStore.fromJndi(NAME, false);

        AccountStoreException e = assertThrows(AccountStoreException.class, () -> store.find("alice"));

        assertTrue(e.getMessage().contains("DataSource " + NAME), e.getMessage());
    }

    private static void useBindings() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, Bindings.class.getName());
    }

    /** A naming service whose only operation is looking up {@link #BOUND}. */
    public static final class Bindings implements InitialContextFactory {

        static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("lookup") && args[0] instanceof String name) {
                            if (!BOUND.containsKey(name)) {
                                throw new NameNotFoundException(name);
                            }
                            return BOUND.get(name);
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new OperationNotSupportedException(method.getName());
                    });
        }
    }
}
