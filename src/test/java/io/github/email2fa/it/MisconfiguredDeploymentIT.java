package io.github.email2fa.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.PayaraProcess;
import io.github.email2fa.it.support.TestArchives;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A WAR with bad settings must not deploy, and the server log must say which keys are wrong.
 * Payara Micro is started by hand here, because Arquillian treats a failed deployment as a
 * failed test run rather than something to assert on.
 */
class MisconfiguredDeploymentIT {

    @Test
    void deploymentWhenSettingsAreBadThenFailsNamingEveryKeyValueAndAcceptedForm() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(TestArchives.exampleSettings(2525));
        settings.put("email2fa.code.length", "12");
        settings.put("email2fa.code.ttl", "an hour");
        settings.put("email2fa.codeLenght", "8");
        settings.remove("email2fa.smtp.from");

        try (PayaraProcess payara = PayaraProcess.start(TestArchives.exampleApp("misconfigured", settings), "misconfigured", false)) {
            String log = payara.output();
            assertTrue(log.contains("email2fa cannot start: [/misconfigured/] 4 invalid setting(s)"), log);
            assertTrue(log.contains("email2fa.code.length='12': expected a whole number from 6 to 10"), log);
            assertTrue(log.contains("email2fa.code.ttl='an hour': expected a duration from 30s to 10m"), log);
            assertTrue(log.contains("email2fa.codeLenght='8': unknown setting"), log);
            assertTrue(log.contains("email2fa.smtp.from is missing"), log);
            assertTrue(log.contains("Exception while loading the app"), "the deployment failed");
            HttpResponse<Void> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + payara.httpPort() + "/misconfigured/login")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertNotEquals(200, login.statusCode(), "the application is not served");
        }
    }
}
