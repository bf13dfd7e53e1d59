package io.github.email2fa.it.containers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import java.net.URL;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The unchanged example WAR on GlassFish as it comes: {@code asadmin start-database} starts the
 * Derby server behind the default DataSource ({@code java:comp/DefaultDataSource} =
 * {@code jdbc/__default}, the {@code DerbyPool}), {@code asadmin deploy} puts the WAR at
 * {@code /}; users sign in with the example's own login, mail goes out over SMTP (the port set
 * with {@code asadmin create-system-properties}).
 */
@ExtendWith(GlassFish.Shared.class)
class GlassFishIT extends FlowScenario {

    private GlassFish glassFish;

    @Override
    protected SignIn signIn() {
        return SignIn.SESSION_ATTRIBUTE;
    }

    @Override
    protected URL startServer(Mailbox mailbox) {
        glassFish = GlassFish.Shared.get();
        glassFish.asadmin("create-system-properties", "email2fa.smtp.host=127.0.0.1:email2fa.smtp.port=" + mailbox.port());
        return glassFish.deploy(ExampleWar.unchanged("example"), "/");
    }

    @Override
    protected void stopServer() {
        if (glassFish != null) {
            glassFish.undeploy("example");
        }
    }

    @Test
    @Order(100)
    void accountStateIsInTheDerbyDatabaseOfTheDefaultDataSource() {
        String log = glassFish.serverLog();
        assertTrue(log.contains("in DataSource java:comp/DefaultDataSource"), "the module created its tables in the default DataSource");
        assertFalse(log.contains("in-memory database"), "Derby's network server keeps its files");
        assertFalse(log.contains("email2fa cannot start"));
    }
}
