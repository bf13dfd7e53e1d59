package io.github.email2fa.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.TestArchives;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
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
        Path war = Path.of(System.getProperty("it.buildDir", "target"), "misconfigured.war");
        TestArchives.exampleApp("misconfigured", settings).as(ZipExporter.class).exportTo(war.toFile(), true);

        int port = freePort();
        String log = runPayara(war, port);

        assertTrue(log.contains("email2fa cannot start: 4 invalid setting(s)"), log);
        assertTrue(log.contains("email2fa.code.length='12': expected a whole number from 6 to 10"), log);
        assertTrue(log.contains("email2fa.code.ttl='an hour': expected a duration from 30s to 10m"), log);
        assertTrue(log.contains("email2fa.codeLenght='8': unknown setting"), log);
        assertTrue(log.contains("email2fa.smtp.from is missing"), log);
        assertTrue(log.contains("Exception while loading the app"), "the deployment failed");
        assertTrue(log.contains("status of the application: "), log);
        assertNotEquals("200", log.substring(log.lastIndexOf(": ") + 2).strip(), "the application is not served");
    }

    /** Starts Payara Micro with the WAR, waits until it is ready, and returns its output (the process stays up until the end). */
    private static String runPayara(Path war, int port) throws Exception {
        String buildDir = System.getProperty("it.buildDir", "target");
        List<String> command = List.of(javaBinary(), "-Djava.io.tmpdir=" + buildDir, "-Xmx512m", "-jar",
                System.getProperty("payara.microJar"), "--deploy", war.toString(), "--port", String.valueOf(port),
                "--nocluster", "--disablephonehome");
        Process payara = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(payara.getInputStream(), StandardCharsets.UTF_8))) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            String line;
            while (Instant.now().isBefore(deadline) && (line = reader.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains("Payara Micro") && line.contains("ready in")) {
                    output.append("status of the application: ").append(status("http://127.0.0.1:" + port + "/misconfigured/login"));
                    break;
                }
            }
            return output.toString();
        } finally {
            payara.destroy();
            if (!payara.waitFor(20, TimeUnit.SECONDS)) {
                payara.destroyForcibly();
            }
            Files.writeString(Path.of(buildDir, "misconfigured-payara.log"), output);
        }
    }

    private static int status(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
