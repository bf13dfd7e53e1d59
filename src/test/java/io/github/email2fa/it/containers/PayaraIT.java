package io.github.email2fa.it.containers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The unchanged example WAR on Payara Micro with nothing configured: on its default DataSource
 * (an embedded H2 in the instance's root directory, here a persistent {@code --rootdir}), users
 * signing in with the example's own login, mail going out over SMTP ({@code -Demail2fa.smtp.port}).
 */
class PayaraIT extends FlowScenario {

    private PayaraMicro payara;

    @Override
    protected SignIn signIn() {
        return SignIn.SESSION_ATTRIBUTE;
    }

    @Override
    protected URL startServer(Mailbox mailbox) {
        payara = PayaraMicro.named("payara-it");
        return payara.start(ExampleWar.unchanged("ROOT"), List.of("-Demail2fa.smtp.host=127.0.0.1", "-Demail2fa.smtp.port=" + mailbox.port()));
    }

    @Override
    protected void stopServer() {
        if (payara != null) {
            payara.stop();
        }
    }

    @Test
    @Order(100)
    void accountStateIsInTheDefaultDataSourceUnderTheRootDirectory() {
        String log = payara.process().logText();
        assertTrue(log.contains("in DataSource java:comp/DefaultDataSource"), "the module created its tables in the default DataSource");
        assertFalse(log.contains("in-memory database"), "Payara's default H2 is a file in the root directory");
    }
}
