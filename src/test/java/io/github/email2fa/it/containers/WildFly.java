package io.github.email2fa.it.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A WildFly set up as its documentation says: the distribution from Maven Central unpacked once,
 * and for each test its own server base directory ({@code jboss.server.base.dir}, a copy of
 * {@code standalone/}) under {@code target/containers/<name>/}, started with
 * {@code bin/standalone.sh} on free ports. WARs are deployed by the deployment scanner
 * ({@code deployments/x.war}, then {@code x.war.deployed} or {@code x.war.failed}), and the
 * server is configured with {@code bin/jboss-cli.sh --connect} as an administrator would.
 */
final class WildFly {

    static final String VERSION = "39.0.1.Final";

    final Path home;
    final Path base;
    final int httpPort = ServerProcess.freePort();
    final int managementPort = ServerProcess.freePort();
    private ServerProcess process;

    private WildFly(String name) {
        this.home = Distributions.unpacked("wildfly-" + VERSION, "org.wildfly:wildfly-dist:tar.gz:" + VERSION);
        this.base = Distributions.freshDirectory(name);
        for (String dir : List.of("configuration", "deployments", "lib")) {
            Distributions.copyTree(home.resolve("standalone").resolve(dir), base.resolve(dir));
        }
        try {
            Files.createDirectories(base.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh server base directory named {@code name}. */
    static WildFly base(String name) {
        return new WildFly(name);
    }

    /**
     * Adds application users with {@code bin/add-user.sh -a} (the {@code ApplicationRealm} behind
     * the default {@code other} security domain), each with password = user name and group
     * {@link ExampleWar#ROLE}, to this base's {@code configuration/application-*.properties}.
     */
    WildFly withApplicationUsers(String... users) {
        for (String user : users) {
            run(List.of(home.resolve("bin/add-user.sh").toString(), "-a", "-u", user, "-p", user, "-g", ExampleWar.ROLE,
                    "-sc", base.resolve("configuration").toString()), "add-user-" + user + ".log");
        }
        return this;
    }

    /** Puts a WAR into {@code deployments/}; {@code ROOT.war} is served at {@code /}, {@code x.war} at {@code /x}. */
    Path deploy(WebArchive war) {
        return ExampleWar.export(war, base.resolve("deployments"));
    }

    /**
     * Starts {@code standalone.sh} (HTTP and management on free ports, bound to 127.0.0.1) with
     * these system properties and waits until the management interface answers.
     */
    ServerProcess start(List<String> systemProperties) {
        List<String> args = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.http.port=" + httpPort,
                "-Djboss.https.port=" + ServerProcess.freePort(),
                "-Djboss.management.http.port=" + managementPort,
                "-Djboss.management.https.port=" + ServerProcess.freePort()));
        args.addAll(systemProperties);
        process = ServerProcess.command(args)
                .env("JAVA_OPTS", "-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -XX:TieredStopAtLevel=1 "
                        + "-Djava.net.preferIPv4Stack=true -Djava.awt.headless=true -Djava.io.tmpdir=" + base.resolve("tmp"))
                .log(base.resolve("console.log"))
                .start();
        process.awaitHttp("http://127.0.0.1:" + managementPort + "/");
        return process;
    }

    /**
     * Waits for the deployment scanner's marker of a WAR put into {@code deployments/}: fails with
     * the {@code .failed} file's reason, or the log's tail.
     */
    void awaitDeployed(String warName, Duration timeout) {
        Path deployed = base.resolve("deployments/" + warName + ".deployed");
        Path failed = base.resolve("deployments/" + warName + ".failed");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(deployed)) {
                return;
            }
            if (Files.exists(failed)) {
                throw new AssertionError(warName + " failed to deploy: " + read(failed) + "\nlog tail:\n" + process.logTail(60));
            }
            if (!process.isAlive()) {
                throw new AssertionError("WildFly ended before " + warName + " was deployed; log tail:\n" + process.logTail(80));
            }
            pause();
        }
        throw new AssertionError(warName + " not deployed within " + timeout + "; log tail:\n" + process.logTail(80));
    }

    /**
     * Runs {@code jboss-cli.sh --connect} against this server with these commands (one a line,
     * as in a {@code --file} script) and fails with its output unless it succeeds.
     */
    String cli(List<String> commands) {
        try {
            Path script = base.resolve("setup.cli");
            Files.writeString(script, String.join("\n", commands) + "\n", StandardCharsets.UTF_8);
            return run(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect", "--controller=127.0.0.1:" + managementPort,
                    "--file=" + script), "cli.log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one of WildFly's scripts to its end (3 minutes at most), its output to a log file in the base; fails unless it exits with 0. */
    private String run(List<String> command, String logName) {
        try {
            Path output = base.resolve(logName);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process script = builder.start();
            script.getOutputStream().close();
            if (!script.waitFor(3, TimeUnit.MINUTES)) {
                script.descendants().forEach(ProcessHandle::destroyForcibly);
                script.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish: " + read(output));
            }
            String text = read(output);
            if (script.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + script.exitValue() + "):\n" + text
                        + (process == null ? "" : "\nserver log tail:\n" + process.logTail(40)));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's own log file ({@code log/server.log} of the base directory). */
    String serverLog() {
        return read(base.resolve("log/server.log"));
    }

    /** A URL on this WildFly, e.g. {@code url("/")}. */
    URL url(String path) {
        try {
            return new URL("http://127.0.0.1:" + httpPort + path);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    ServerProcess process() {
        return process;
    }

    void stop() {
        if (process != null) {
            process.close();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
