package io.github.email2fa.it.containers;

import io.github.email2fa.it.support.Mailbox;
import java.net.URL;
import java.util.List;
import java.util.Map;

/**
 * The example with container-managed FORM login on Jetty 12.1 (ee10): users in a
 * {@code HashLoginService} realm, {@code email2fa.subject.source=container}; mail through a
 * Jakarta Mail session bound JVM-wide as {@code mail/email2fa} and named by
 * {@code -Demail2fa.mail.session} (no SMTP settings reach the test's mailbox otherwise).
 */
class JettyContainerLoginIT extends FlowScenario {

    private Jetty jetty;

    @Override
    protected SignIn signIn() {
        return SignIn.CONTAINER_FORM;
    }

    @Override
    protected URL startServer(Mailbox mailbox) {
        jetty = Jetty.base("jetty-" + Jetty.VERSION + "-container-login-it").withJakartaMailAndH2().withUsers(ExampleWar.USERS);
        jetty.withH2DataSource(jetty.base.resolve("db/email2fa")).withMailSession("127.0.0.1", mailbox.port());
        jetty.deploy(ExampleWar.containerLogin("form", ExampleWar.LoginMethod.FORM, Map.of()));
        jetty.start(List.of("-Demail2fa.datasource=jdbc/email2fa", "-Demail2fa.mail.session=mail/email2fa"),
                "/form/static/login.html");
        return jetty.url("/form/");
    }

    @Override
    protected void stopServer() {
        if (jetty != null) {
            jetty.stop();
        }
    }
}
