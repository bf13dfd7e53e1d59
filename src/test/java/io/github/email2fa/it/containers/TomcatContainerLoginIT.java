package io.github.email2fa.it.containers;

import static io.github.email2fa.it.support.WebClient.csrfOf;
import static io.github.email2fa.it.support.WebClient.form;
import static io.github.email2fa.it.support.WebClient.locationPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.it.support.WebClient;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The example with container-managed login on Tomcat 11: users and passwords in
 * {@code conf/tomcat-users.xml}, {@code email2fa.subject.source=container}, FORM login through
 * {@code j_security_check}; mail through a JNDI mail session ({@code <Resource type="jakarta.mail.Session">}
 * in {@code conf/context.xml}, named by {@code -Demail2fa.mail.session}). The same Tomcat serves a
 * BASIC variant, which shows that credentials sent with every request still owe the code.
 */
class TomcatContainerLoginIT extends FlowScenario {

    private Tomcat tomcat;

    @Override
    protected SignIn signIn() {
        return SignIn.CONTAINER_FORM;
    }

    @Override
    protected URL startServer(Mailbox mailbox) {
        tomcat = Tomcat.base(Tomcat.V11, "tomcat-" + Tomcat.V11 + "-container-login-it").withJakartaMail().withH2()
                .withUsers(ExampleWar.USERS);
        tomcat.withContextResource(Tomcat.h2DataSource(tomcat.base.resolve("db/email2fa")));
        tomcat.withContextResource(Tomcat.mailSession("127.0.0.1", mailbox.port()));
        tomcat.deploy(ExampleWar.containerLogin("form", ExampleWar.LoginMethod.FORM, Map.of()));
        tomcat.deploy(ExampleWar.containerLogin("basic", ExampleWar.LoginMethod.BASIC, Map.of("email2fa.policy", "required")));
        // No email2fa.smtp.* here: mail reaches the test's mailbox only through the JNDI mail session.
        tomcat.start(List.of("-Demail2fa.datasource=java:comp/env/jdbc/email2fa",
                "-Demail2fa.mail.session=java:comp/env/mail/email2fa"), "/form/static/login.html");
        tomcat.process().awaitHttp(tomcat.url("/basic/static/login.html").toString());
        return tomcat.url("/form/");
    }

    @Override
    protected void stopServer() {
        if (tomcat != null) {
            tomcat.stop();
        }
    }

    @Test
    @Order(100)
    void basicAuthenticationOnEveryRequestStillOwesTheCode() {
        String[] alice = {"Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8))};
        WebClient anonymous = new WebClient(tomcat.url("/basic/"));
        assertEquals(401, anonymous.get("account").statusCode(), "BASIC protects the application");

        WebClient json = new WebClient(tomcat.url("/basic/"));
        HttpResponse<String> refused = json.get("account", alice[0], alice[1], "Accept", "application/json");
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("\"error\":\"second_factor_required\""), refused.body());

        WebClient browser = new WebClient(tomcat.url("/basic/"));
        HttpResponse<String> first = browser.get("account", alice);
        assertEquals(303, first.statusCode(), "valid credentials, no code yet: " + first.body());
        assertEquals("/basic/email2fa/challenge", locationPath(first));
        int seen = mailbox.count("alice@example.com");
        HttpResponse<String> challenge = browser.get("email2fa/challenge", alice);
        assertEquals(200, challenge.statusCode(), challenge.body());
        String code = mailbox.awaitCode("alice@example.com", seen);
        HttpResponse<String> verified = browser.post("email2fa/verify", form("csrf", csrfOf(challenge.body()), "code", code), alice);
        assertEquals("/basic/account", locationPath(verified));
        HttpResponse<String> account = browser.get("account", alice);
        assertEquals(200, account.statusCode(), "the session that entered the code passes");
        assertTrue(account.body().contains("Signed in as <strong>alice</strong>"), account.body());

        WebClient other = new WebClient(tomcat.url("/basic/"));
        HttpResponse<String> again = other.get("account", alice);
        assertEquals(303, again.statusCode(), "the same credentials in a new session owe a code again");
        assertEquals("/basic/email2fa/challenge", locationPath(again));
    }
}
