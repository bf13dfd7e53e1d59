package io.github.email2fa.it.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example with container FORM login on GlassFish, everything set up with {@code asadmin}:
 * users alice and bob in the {@code file} realm ({@code create-file-user}), a connection pool and
 * JDBC resource {@code jdbc/email2fa} on a Derby database of its own, and a mail session
 * {@code mail/email2fa} ({@code create-mail-resource}) to the test's SMTP server. The WAR names
 * the two resources in {@code email2fa.datasource} and {@code email2fa.mail.session}; its own
 * SMTP settings point at a port where nobody listens, so every code came through the mail session.
 */
@ExtendWith(GlassFish.Shared.class)
class GlassFishContainerLoginIT extends FlowScenario {

    private GlassFish glassFish;

    @Override
    protected SignIn signIn() {
        return SignIn.CONTAINER_FORM;
    }

    @Override
    protected URL startServer(Mailbox mailbox) {
        glassFish = GlassFish.Shared.get();
        glassFish.asadmin("create-system-properties", "email2fa.smtp.port=" + ServerProcess.freePort());
        for (String user : ExampleWar.USERS) {
            glassFish.asadmin("--passwordfile", glassFish.passwordFile(user + ".password", "AS_ADMIN_USERPASSWORD=" + user).toString(),
                    "create-file-user", "--groups", ExampleWar.ROLE, user);
        }
        glassFish.asadmin("create-jdbc-connection-pool", "--datasourceclassname", "org.apache.derby.jdbc.ClientDataSource",
                "--restype", "javax.sql.DataSource", "--property", "serverName=127.0.0.1:portNumber=" + glassFish.derbyPort
                        + ":databaseName=email2fa:connectionAttributes=\\;create\\=true:user=APP:password=APP", "email2fa");
        glassFish.asadmin("create-jdbc-resource", "--connectionpoolid", "email2fa", "jdbc/email2fa");
        glassFish.asadmin("create-mail-resource", "--mailhost", "127.0.0.1", "--mailuser", "email2fa", "--fromaddress",
                "no-reply@example.com", "--property", "mail.smtp.port=" + mailbox.port(), "mail/email2fa");
        var war = ExampleWar.containerLogin("form", ExampleWar.LoginMethod.FORM,
                Map.of("email2fa.datasource", "jdbc/email2fa", "email2fa.mail.session", "mail/email2fa"));
        return glassFish.deploy(war, "/form");
    }

    @Override
    protected void stopServer() {
        if (glassFish != null) {
            glassFish.undeploy("form");
        }
    }

    @Test
    @Order(100)
    void theModuleUsedTheNamedPoolAndMailSession() {
        String log = glassFish.serverLog();
        assertTrue(log.contains("in DataSource jdbc/email2fa"), "the module created its tables in jdbc/email2fa");
        assertTrue(log.contains("jndiName=mail/email2fa"), "the module uses the mail session");
    }
}
