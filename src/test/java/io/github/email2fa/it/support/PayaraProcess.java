package io.github.email2fa.it.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A Payara Micro started by hand, for the cases Arquillian's one shared configuration cannot
 * express: a deployment that must fail, or an extra HTTPS listener. Stop it with {@link #close()}.
 */
public final class PayaraProcess implements AutoCloseable {

    private final Process process;
    private final String output;
    private final int httpPort;
    private final int httpsPort;

    private PayaraProcess(Process process, String output, int httpPort, int httpsPort) {
        this.process = process;
        this.output = output;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /**
     * Deploys the archive at context root {@code /<name>} and waits until Payara says it is ready.
     *
     * @param withHttps whether to open an HTTPS listener too (Payara's self-signed certificate)
     */
    public static PayaraProcess start(WebArchive archive, String name, boolean withHttps) throws IOException {
        String buildDir = System.getProperty("it.buildDir", "target");
        Path war = Path.of(buildDir, name + ".war");
        archive.as(ZipExporter.class).exportTo(war.toFile(), true);
        int http = freePort();
        int https = withHttps ? freePort() : -1;
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Djava.io.tmpdir=" + buildDir, "-Xmx512m", "-jar", System.getProperty("payara.microJar"),
                "--deploy", war.toString(), "--port", String.valueOf(http), "--nocluster", "--disablephonehome",
                "--logtofile", Path.of(buildDir, "payara-" + name + ".log").toString()));
        if (withHttps) {
            command.addAll(List.of("--sslport", String.valueOf(https)));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        String line;
        while (Instant.now().isBefore(deadline) && (line = reader.readLine()) != null) {
            output.append(line).append('\n');
            if (line.contains("Payara Micro") && line.contains("ready in")) {
                break;
            }
        }
        Thread drain = new Thread(() -> reader.lines().forEach(ignored -> { }), "payara-" + name + "-output");
        drain.setDaemon(true);
        drain.start();
        Files.writeString(Path.of(buildDir, "payara-" + name + "-console.log"), output);
        return new PayaraProcess(process, output.toString(), http, https);
    }

    /** What Payara printed up to the moment it was ready. */
    public String output() {
        return output;
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
