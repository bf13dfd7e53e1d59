package io.github.email2fa.it.containers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The example with container FORM login on a WildFly configured as the README says: users alice
 * and bob added with {@code add-user.sh -a} (the {@code ApplicationRealm} of the default
 * {@code other} security domain), and with {@code jboss-cli} a DataSource on an H2 file database
 * (WildFly's own {@code h2} driver), a mail session on an outbound socket binding to the test's
 * SMTP server, and the two settings as server system properties ({@code email2fa.datasource},
 * {@code email2fa.mail.session}). The WAR's own SMTP settings point at a port where nobody
 * listens, so every code in this test came through the mail session.
 */
class WildFlyContainerLoginIT extends FlowScenario {

    private WildFly wildFly;
    private Path database;

    @Override
    protected SignIn signIn() {
        return SignIn.CONTAINER_FORM;
    }

    @Override
    protected URL startServer(Mailbox mailbox) {
        wildFly = WildFly.base("wildfly-container-login-it").withApplicationUsers(ExampleWar.USERS);
        database = wildFly.base.resolve("db/email2fa");
        wildFly.start(List.of("-Demail2fa.smtp.host=127.0.0.1", "-Demail2fa.smtp.port=" + ServerProcess.freePort()));
        Path war = ExampleWar.export(ExampleWar.containerLogin("ROOT", ExampleWar.LoginMethod.FORM, Map.of()), wildFly.base.resolve("wars"));
        wildFly.cli(List.of(
                "data-source add --name=email2fa --jndi-name=java:jboss/datasources/email2fa --driver-name=h2"
                        + " --connection-url=jdbc:h2:file:" + database + " --user-name=sa --password=sa",
                "/socket-binding-group=standard-sockets/remote-destination-outbound-socket-binding=email2fa-smtp:add("
                        + "host=127.0.0.1, port=" + mailbox.port() + ")",
                "/subsystem=mail/mail-session=email2fa:add(jndi-name=java:jboss/mail/email2fa)",
                "/subsystem=mail/mail-session=email2fa/server=smtp:add(outbound-socket-binding-ref=email2fa-smtp)",
                "/system-property=email2fa.datasource:add(value=java:jboss/datasources/email2fa)",
                "/system-property=email2fa.mail.session:add(value=java:jboss/mail/email2fa)",
                "reload",
                "deploy " + war));
        return wildFly.url("/");
    }

    @Override
    protected void stopServer() {
        if (wildFly != null) {
            wildFly.stop();
        }
    }

    @Test
    @Order(100)
    void accountStateIsInTheFileDatabaseAndMailWentThroughTheSession() {
        String log = wildFly.serverLog();
        assertFalse(log.contains("in-memory database"), "a file database is no in-memory database");
        assertTrue(log.contains("jndiName=java:jboss/mail/email2fa"), "the module uses the mail session");
        assertTrue(Files.exists(Path.of(database + ".mv.db")), "H2 wrote " + database + ".mv.db");
    }
}
