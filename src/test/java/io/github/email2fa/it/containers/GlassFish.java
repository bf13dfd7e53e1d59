package io.github.email2fa.it.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One GlassFish for the whole test run, set up as its documentation says: the distribution from
 * Maven Central unpacked once; a copy of its {@code domain1} under
 * {@code target/containers/glassfish-it/} with free ports for the HTTP, HTTPS, admin, JMX and
 * IIOP listeners; {@code asadmin start-database} (the Derby server behind the default DataSource,
 * on a free port, its files under that directory); {@code asadmin start-domain}; and every
 * further step an {@code asadmin} command against the admin port. GlassFish takes long to boot,
 * so the test classes share it ({@link Shared}): each deploys its own WAR.
 */
final class GlassFish implements AutoCloseable {

    static final String VERSION = "7.0.21";

    /** JUnit starts the shared GlassFish before the first class that uses it, and stops it when the run ends. */
    static final class Shared implements BeforeAllCallback {

        private static GlassFish current;

        @Override
        public void beforeAll(ExtensionContext context) {
            current = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(GlassFish.class, key -> GlassFish.start(), GlassFish.class);
        }

        /** The running GlassFish; only inside a class extended with {@code @ExtendWith(GlassFish.Shared.class)}. */
        static GlassFish get() {
            if (current == null) {
                throw new IllegalStateException("extend the test class with GlassFish.Shared");
            }
            return current;
        }
    }

    final Path home;
    final Path dir;
    final int httpPort = ServerProcess.freePort();
    final int adminPort = ServerProcess.freePort();
    final int derbyPort = ServerProcess.freePort();
    private ServerProcess domain;
    private boolean databaseStarted;

    private GlassFish() {
        Path unpacked = Distributions.unpacked("glassfish-" + VERSION, "org.glassfish.main.distributions:glassfish:zip:" + VERSION);
        this.home = unpacked.resolve("glassfish");
        this.dir = Distributions.freshDirectory("glassfish-it");
        Distributions.copyTree(home.resolve("domains/domain1"), dir.resolve("domains/domain1"));
        Path domainXml = dir.resolve("domains/domain1/config/domain.xml");
        try {
            String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
            // Only the running server's configuration (the first <config>); default-config is a template.
            int from = xml.indexOf("<configs>");
            int to = xml.indexOf("name=\"default-config\"");
            String server = xml.substring(from, to);
            for (String[] port : new String[][] {{"8080", String.valueOf(httpPort)}, {"4848", String.valueOf(adminPort)},
                    {"8181", free()}, {"8686", free()}, {"3700", free()}, {"3820", free()}, {"3920", free()}}) {
                server = replaceOnce(server, "port=\"" + port[0] + "\"", "port=\"" + port[1] + "\"");
            }
            String resources = replaceOnce(xml.substring(0, from), "<property value=\"1527\" name=\"PortNumber\" />",
                    "<property value=\"" + derbyPort + "\" name=\"PortNumber\" />");
            Files.writeString(domainXml, resources + server + xml.substring(to), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts Derby and the domain; on failure stops whatever had started. */
    static GlassFish start() {
        long started = System.nanoTime();
        GlassFish glassFish = new GlassFish();
        try {
            glassFish.asadmin("start-database", "--dbhost", "127.0.0.1", "--dbport", String.valueOf(glassFish.derbyPort),
                    "--dbhome", glassFish.dir.resolve("derby").toString());
            glassFish.databaseStarted = true;
            // --verbose keeps the domain a child of this asadmin, so the test owns the process.
            glassFish.domain = glassFish.asadminCommand("start-domain", "--verbose",
                    "--domaindir", glassFish.dir.resolve("domains").toString(), "domain1")
                    .log(glassFish.dir.resolve("domain-console.log"))
                    .start();
            glassFish.domain.awaitLog("startup time", ServerProcess.START_TIMEOUT);
            glassFish.domain.awaitHttp("http://127.0.0.1:" + glassFish.httpPort + "/");
            FlowScenario.recordSeconds("GlassFish-boot", started);
            return glassFish;
        } catch (RuntimeException | Error e) {
            glassFish.close();
            throw e;
        }
    }

    /**
     * Runs {@code asadmin --port <admin port> <args>} and returns its output; fails with the
     * output unless it exits with 0.
     */
    String asadmin(String... args) {
        return asadminCommand(args).log(dir.resolve("asadmin.log"))
                .run(Duration.ofMinutes(3), () -> domain == null ? "" : "\ndomain log tail:\n" + domain.logTail(40));
    }

    /** Writes a password file for {@code asadmin --passwordfile} ({@code AS_ADMIN_<NAME>=value} lines) and returns its path. */
    Path passwordFile(String name, String... lines) {
        return Distributions.writeFile(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    /**
     * Deploys a WAR at this context root ({@code /} or {@code /name}) under the archive's name
     * without {@code .war} (the name {@link #undeploy} takes), and returns the application's root URL.
     */
    URL deploy(WebArchive war, String contextRoot) {
        String name = war.getName().replaceFirst("\\.war$", "");
        asadmin("deploy", "--name", name, "--contextroot", contextRoot, ExampleWar.export(war, dir.resolve("wars")).toString());
        return url(contextRoot.endsWith("/") ? contextRoot : contextRoot + "/");
    }

    /** Undeploys an application if it is deployed. */
    void undeploy(String name) {
        if (domain != null && domain.isAlive()) {
            asadmin("undeploy", name);
        }
    }

    /**
     * What the domain logged: its console (with {@code --verbose} the domain logs there) and its
     * {@code server.log} (which GlassFish writes in the background, so it may lag behind).
     */
    String serverLog() {
        return (domain == null ? "" : domain.logText()) + Distributions.readIfExists(dir.resolve("domains/domain1/logs/server.log"));
    }

    /** A URL on this GlassFish's HTTP listener. */
    URL url(String path) {
        return ServerProcess.localUrl(httpPort, path);
    }

    /** Stops the domain (its process tree), then Derby ({@code asadmin stop-database}, or its process if that fails). */
    @Override
    public void close() {
        if (domain != null) {
            domain.close();
        }
        if (databaseStarted) {
            try {
                asadmin("stop-database", "--dbhost", "127.0.0.1", "--dbport", String.valueOf(derbyPort));
            } catch (RuntimeException | AssertionError e) {
                System.err.println("could not stop Derby: " + e);
            }
            // Derby runs detached from asadmin: end any process still serving this directory's database.
            String derbyHome = dir.resolve("derby").toString();
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(line -> line.contains("DerbyControl") && line.contains(derbyHome)).orElse(false))
                    .forEach(p -> {
                        p.destroy();
                        try {
                            p.onExit().get(20, TimeUnit.SECONDS);
                        } catch (Exception stillRunning) {
                            p.destroyForcibly();
                        }
                    });
        }
    }

    /** {@code asadmin --port <admin port> <args>} on the test JVM's Java ({@code AS_JAVA}). */
    private ServerProcess.Builder asadminCommand(String... args) {
        return ServerProcess.command(home.resolve("bin/asadmin").toString(), "--port", String.valueOf(adminPort)).args(args)
                .env("AS_JAVA", System.getProperty("java.home"));
    }

    private static String free() {
        return String.valueOf(ServerProcess.freePort());
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0) {
            throw new IllegalStateException("no " + from + " in GlassFish's domain.xml");
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
