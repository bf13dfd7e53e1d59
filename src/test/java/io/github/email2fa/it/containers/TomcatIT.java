package io.github.email2fa.it.containers;

import io.github.email2fa.it.support.Mailbox;
import java.net.URL;
import java.util.List;

/**
 * The unchanged example WAR on Tomcat 10.1 and 11, set up as the README's recipe says: Jakarta
 * Mail and the H2 driver in {@code lib/}, a {@code <Resource>} DataSource (in
 * {@code conf/context.xml} on 10.1, in the application's own descriptor
 * {@code conf/Catalina/localhost/ROOT.xml} on 11), and the settings the WAR lacks as system
 * properties in {@code CATALINA_OPTS}. Users sign in with the example's own login; mail goes out over SMTP.
 */
abstract class TomcatIT extends FlowScenario {

    /** How a version deploys the unchanged example at {@code /} with a DataSource ({@code <Resource>} element). */
    interface Deployment {
        void deploy(Tomcat tomcat, String dataSource);
    }

    private final String version;
    private final Deployment deployment;
    private Tomcat tomcat;

    TomcatIT(String version, Deployment deployment) {
        this.version = version;
        this.deployment = deployment;
    }

    @Override
    protected SignIn signIn() {
        return SignIn.SESSION_ATTRIBUTE;
    }

    @Override
    protected URL startServer(Mailbox mailbox) {
        tomcat = Tomcat.base(version, "tomcat-" + version + "-it").withJakartaMail().withH2();
        deployment.deploy(tomcat, Tomcat.h2DataSource(tomcat.base.resolve("db/email2fa")));
        tomcat.start(List.of("-Demail2fa.datasource=java:comp/env/jdbc/email2fa",
                "-Demail2fa.smtp.host=127.0.0.1", "-Demail2fa.smtp.port=" + mailbox.port()), "/login");
        return tomcat.url("/");
    }

    @Override
    protected void stopServer() {
        if (tomcat != null) {
            tomcat.stop();
        }
    }
}
