package io.github.email2fa.it.containers;

import io.github.email2fa.it.support.Mailbox;
import java.net.URL;
import java.util.List;

/**
 * The unchanged example WAR on Jetty 12.1 (ee10), set up as the README's recipe says: the modules
 * {@value Jetty#MODULES}, Jakarta Mail and the H2 driver in {@code lib/ext/}, a JVM-wide
 * {@code org.eclipse.jetty.plus.jndi.Resource} DataSource, and the settings the WAR lacks as
 * system properties. Users sign in with the example's own login; mail goes out over SMTP.
 */
class JettyIT extends FlowScenario {

    private Jetty jetty;

    @Override
    protected SignIn signIn() {
        return SignIn.SESSION_ATTRIBUTE;
    }

    @Override
    protected URL startServer(Mailbox mailbox) {
        jetty = Jetty.base("jetty-" + Jetty.VERSION + "-it").withJakartaMailAndH2();
        jetty.withH2DataSource(jetty.base.resolve("db/email2fa"));
        jetty.deploy(ExampleWar.unchanged("ROOT"));
        jetty.start(List.of("-Demail2fa.datasource=jdbc/email2fa",
                "-Demail2fa.smtp.host=127.0.0.1", "-Demail2fa.smtp.port=" + mailbox.port()), "/login");
        return jetty.url("/");
    }

    @Override
    protected void stopServer() {
        if (jetty != null) {
            jetty.stop();
        }
    }
}
