package io.github.email2fa.it;

import static io.github.email2fa.it.support.WebClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.Mailbox;
import io.github.email2fa.it.support.PayaraProcess;
import io.github.email2fa.it.support.TestArchives;
import io.github.email2fa.it.support.WebClient;
import java.net.InetAddress;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code email2fa.requireHttps=true} on a Payara Micro with a real HTTPS listener (its self-signed
 * certificate): plain-HTTP page loads go to HTTPS, plain-HTTP POSTs are refused, HTTPS works,
 * and a trusted proxy's {@code X-Forwarded-Proto} is believed only from that proxy.
 */
class HttpsRequiredIT {

    static Mailbox mailbox;
    static PayaraProcess payara;

    @BeforeAll
    static void start() throws Exception {
        mailbox = Mailbox.start();
        Map<String, String> settings = TestArchives.relaxedLimits(mailbox.port());
        settings.put("email2fa.requireHttps", "true");
        settings.put("email2fa.trustedProxies", "127.0.0.1/32");
        payara = PayaraProcess.start(TestArchives.exampleApp("secure", settings), "secure", true);
    }

    @AfterAll
    static void stop() throws Exception {
        payara.close();
        mailbox.stop();
    }

    /** Plain HTTP from an address that is not a trusted proxy. */
    static WebClient plain() throws Exception {
        String host = InetAddress.getLocalHost().getHostAddress();
        if (host.startsWith("127.")) {
            host = firstNonLoopbackAddress();
        }
        return new WebClient(new URL("http://" + host + ":" + payara.httpPort() + "/secure/"));
    }

    static WebClient secure() throws Exception {
        return new WebClient(new URL("https://127.0.0.1:" + payara.httpsPort() + "/secure/"));
    }

    @Test
    void challengePageWhenLoadedOverPlainHttpThenMovedToHttps() throws Exception {
        HttpResponse<String> page = plain().get("email2fa/challenge?x=1");
        assertEquals(301, page.statusCode());
        String location = page.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("https://") && location.endsWith("/secure/email2fa/challenge?x=1"), location);
    }

    @Test
    void modulePostWhenSentOverPlainHttpThenForbidden() throws Exception {
        for (String action : new String[] {"verify", "resend", "cancel"}) {
            HttpResponse<String> post = plain().post("email2fa/" + action, form("code", "123456", "csrf", "x"));
            assertEquals(403, post.statusCode(), action);
            assertTrue(post.body().contains("HTTPS is required"));
        }
    }

    @Test
    void protectedPageWhenHalfSignedInOverPlainHttpThenRedirectGoesToHttpsAndOtherMethodsAreForbidden() throws Exception {
        WebClient client = plain();
        client.login("alice");
        HttpResponse<String> redirect = client.get("account");
        assertEquals(303, redirect.statusCode());
        assertTrue(redirect.headers().firstValue("Location").orElseThrow().matches("https://[^/]+/secure/email2fa/challenge"));
        HttpResponse<String> post = client.post("account", form("a", "b"));
        assertEquals(403, post.statusCode());
        assertFalse(post.body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
    }

    @Test
    void fullFlowWhenUsedOverHttpsThenWorks() throws Exception {
        WebClient client = secure();
        client.login("bob");
        int seen = mailbox.count("bob@example.com");
        HttpResponse<String> redirect = client.get("account");
        assertEquals(303, redirect.statusCode());
        assertEquals("/secure/email2fa/challenge", redirect.headers().firstValue("Location").orElseThrow());
        assertEquals(200, client.get("email2fa/challenge").statusCode());
        String code = mailbox.awaitCode("bob@example.com", seen);
        assertEquals(303, client.submitCode(code).statusCode());
        assertTrue(client.get("account").body().contains(SecondFactorFlowIT.PROTECTED_CONTENT));
    }

    @Test
    void forwardedProtoWhenSentByTrustedProxyThenBelievedAndWhenSentByAnyoneElseThenIgnored() throws Exception {
        WebClient viaProxy = new WebClient(new URL("http://127.0.0.1:" + payara.httpPort() + "/secure/"));
        HttpResponse<String> believed = viaProxy.get("email2fa/challenge", "X-Forwarded-Proto", "https");
        assertEquals(303, believed.statusCode(), "treated as HTTPS: on to the login page, as for any visitor without a login");
        assertEquals("/secure/login", believed.headers().firstValue("Location").orElseThrow());
        assertEquals(301, viaProxy.get("email2fa/challenge", "X-Forwarded-Proto", "http").statusCode());
        HttpResponse<String> spoofed = plain().get("email2fa/challenge", "X-Forwarded-Proto", "https");
        assertEquals(301, spoofed.statusCode(), "a client cannot claim HTTPS for itself");
    }

    private static String firstNonLoopbackAddress() throws Exception {
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
                    return address.getHostAddress();
                }
            }
        }
        throw new IllegalStateException("this test needs a non-loopback IPv4 address, to act as an untrusted client");
    }
}
