package io.github.email2fa.it.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A WildFly set up as its documentation says: the distribution from Maven Central unpacked once,
 * and for each test its own server base directory ({@code jboss.server.base.dir}, a copy of
 * {@code standalone/}) under {@code target/containers/<name>/}, started with
 * {@code bin/standalone.sh} on free ports. WARs are deployed by the deployment scanner
 * ({@code deployments/x.war}, then {@code x.war.deployed} or {@code x.war.failed}), and the
 * server is configured with {@code bin/jboss-cli.sh --connect} as an administrator would.
 */
final class WildFly implements LocalServer {

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
        process.awaitUntil(warName + " deployed", timeout, () -> {
            if (Files.exists(failed)) {
                throw new AssertionError(warName + " failed to deploy: " + Distributions.readIfExists(failed)
                        + "\nlog tail:\n" + process.logTail(60));
            }
            return Files.exists(deployed);
        });
    }

    /**
     * Runs {@code jboss-cli.sh --connect} against this server with these commands (one a line,
     * as in a {@code --file} script) and fails with its output unless it succeeds.
     */
    String cli(List<String> commands) {
        Path script = Distributions.writeFile(base.resolve("setup.cli"), String.join("\n", commands) + "\n");
        return run(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect", "--controller=127.0.0.1:" + managementPort,
                "--file=" + script), "cli.log");
    }

    /** Runs one of WildFly's scripts to its end, its output to a log file in the base; fails with that output and the server log's tail. */
    private String run(List<String> command, String logName) {
        return ServerProcess.command(command).log(base.resolve(logName))
                .run(Duration.ofMinutes(3), () -> process == null ? "" : "\nserver log tail:\n" + process.logTail(40));
    }

    /** The server's own log file ({@code log/server.log} of the base directory). */
    String serverLog() {
        return Distributions.readIfExists(base.resolve("log/server.log"));
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    @Override
    public ServerProcess process() {
        return process;
    }
}
