package io.github.email2fa.it;

import static io.github.email2fa.it.support.WebClient.form;
import static io.github.email2fa.it.support.WebClient.locationPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.it.support.PayaraProcess;
import io.github.email2fa.it.support.TestArchives;
import io.github.email2fa.it.support.WebClient;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code email2fa.policy=optional} on Payara Micro: users who did not turn codes on are never
 * asked, not even once; users who did are asked at every sign-in.
 */
class OptionalPolicyIT {

    static Mailbox mailbox;
    static PayaraProcess payara;

    @BeforeAll
    static void start() throws Exception {
        mailbox = Mailbox.start();
        Map<String, String> settings = TestArchives.relaxedLimits(mailbox.port());
        settings.put("email2fa.email.resolver", "io.github.email2fa.it.support.NameAtExampleResolver");
        settings.put("email2fa.policy", "optional");
        payara = PayaraProcess.start(TestArchives.abuseApp("optional", settings), "optional", false);
    }

    @AfterAll
    static void stop() throws Exception {
        payara.close();
        mailbox.stop();
    }

    static WebClient login(String user) throws Exception {
        WebClient client = new WebClient(new URL("http://127.0.0.1:" + payara.httpPort() + "/optional/"));
        assertEquals(302, client.post("public/test-login", form("username", user)).statusCode());
        return client;
    }

    @Test
    void optionalPolicyWhenUserDidNotEnrolThenNeverAsked() throws Exception {
        WebClient client = login("casual");
        HttpResponse<String> account = client.get("account");
        assertEquals(200, account.statusCode(), "no challenge and no recommendation page");
        assertTrue(account.body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
    }

    @Test
    void optionalPolicyWhenUserEnrolledThenAskedAtEverySignIn() throws Exception {
        WebClient client = login("careful");
        assertEquals(303, client.get("email2fa/settings").statusCode());
        int seen = mailbox.count("careful@example.com");
        client.get("email2fa/challenge");
        assertEquals(303, client.submitCode(mailbox.awaitCode("careful@example.com", seen)).statusCode());
        HttpResponse<String> page = client.get("email2fa/settings");
        client.post("email2fa/settings", form("csrf", WebClient.csrfOf(page.body()), "action", "enable"));

        WebClient later = login("careful");
        HttpResponse<String> redirect = later.get("account");
        assertEquals(later.contextPath() + "/email2fa/challenge", locationPath(redirect));
    }
}
