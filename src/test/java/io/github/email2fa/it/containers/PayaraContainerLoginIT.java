package io.github.email2fa.it.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The example with container FORM login on Payara Micro, set up with a post-boot command file:
 * users alice and bob in the {@code file} realm ({@code create-file-user}) and a mail session
 * {@code mail/email2fa} ({@code create-javamail-resource}) to the test's SMTP server, named by the
 * WAR's {@code email2fa.mail.session}. The WAR's own SMTP settings point at a port where nobody
 * listens, so every code came through the mail session.
 */
class PayaraContainerLoginIT extends FlowScenario {

    private PayaraMicro payara;

    @Override
    protected SignIn signIn() {
        return SignIn.CONTAINER_FORM;
    }

    @Override
    protected URL startServer(Mailbox mailbox) {
        payara = PayaraMicro.named("payara-container-login-it").withFileUsers(ExampleWar.USERS)
                .postBoot("create-javamail-resource --mailhost 127.0.0.1 --mailuser email2fa --fromaddress no-reply@example.com"
                        + " --property mail.smtp.port=" + mailbox.port() + " mail/email2fa");
        return payara.start(ExampleWar.containerLogin("ROOT", ExampleWar.LoginMethod.FORM, Map.of("email2fa.mail.session", "mail/email2fa")),
                List.of("-Demail2fa.smtp.port=" + ServerProcess.freePort()));
    }

    @Override
    protected void stopServer() {
        if (payara != null) {
            payara.stop();
        }
    }

    @Test
    @Order(100)
    void theModuleUsedTheMailSession() {
        assertTrue(payara.process().logText().contains("jndiName=mail/email2fa"), "the module uses the mail session");
    }
}
