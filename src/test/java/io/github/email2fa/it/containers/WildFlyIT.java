package io.github.email2fa.it.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The unchanged example WAR on WildFly with nothing configured: dropped into
 * {@code deployments/}, on WildFly's default DataSource ({@code java:comp/DefaultDataSource} is
 * {@code ExampleDS}, an in-memory H2), users signing in with the example's own login, mail going
 * out over SMTP ({@code -Demail2fa.smtp.port}). The module must say at start-up that account state
 * lives in memory.
 */
class WildFlyIT extends FlowScenario {

    private WildFly wildFly;

    @Override
    protected SignIn signIn() {
        return SignIn.SESSION_ATTRIBUTE;
    }

    @Override
    protected URL startServer(Mailbox mailbox) {
        wildFly = WildFly.base("wildfly-it");
        wildFly.deploy(ExampleWar.unchanged("ROOT"));
        wildFly.start(List.of("-Demail2fa.smtp.host=127.0.0.1", "-Demail2fa.smtp.port=" + mailbox.port()));
        wildFly.awaitDeployed("ROOT.war", ServerProcess.START_TIMEOUT);
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
    void startUpWarnsThatTheDefaultDataSourceIsInMemory() {
        String warning = wildFly.serverLog().lines().filter(line -> line.contains("in-memory database")).findFirst()
                .orElseThrow(() -> new AssertionError("no in-memory WARNING in server.log:\n" + wildFly.process().logTail(60)));
        assertTrue(warning.contains("WARN"), warning);
        assertTrue(warning.contains("java:comp/DefaultDataSource"), warning);
        assertTrue(warning.contains("jdbc:h2:mem:"), warning);
    }
}
