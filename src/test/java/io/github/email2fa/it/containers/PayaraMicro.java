package io.github.email2fa.it.containers;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A Payara Micro started as its documentation says: {@code java -jar payara-micro.jar --deploy
 * app.war} with the jar Maven copied to {@code target/payara-micro.jar}, on a free port, with
 * asadmin commands in a {@code --postbootcommandfile} (users of the file realm, resources) and a
 * persistent {@code --rootdir} under {@code target/containers/<name>/}.
 *
 * <p>It runs alone ({@code --nocluster}) unless {@link #inCluster} gives it the options of a
 * data grid to join; {@link #launch} then starts it with several WARs, each at
 * {@code /<archive name>}, without waiting, so that the members of a cluster boot side by side.
 */
final class PayaraMicro implements LocalServer {

    final Path dir;
    final Path rootDir;
    final int port = ServerProcess.freePort();
    private final List<String> postBootCommands = new ArrayList<>();
    private List<String> clusterOptions = List.of("--nocluster");
    private ServerProcess process;

    private PayaraMicro(String name) {
        this.dir = Distributions.freshDirectory(name);
        this.rootDir = dir.resolve("root");
    }

    /** A fresh working directory named {@code name}. */
    static PayaraMicro named(String name) {
        return new PayaraMicro(name);
    }

    /** Adds a line to the post-boot command file (an asadmin command, as in multimode). */
    PayaraMicro postBoot(String command) {
        postBootCommands.add(command);
        return this;
    }

    /**
     * Adds the users to the {@code file} realm with {@code create-file-user}, each with password =
     * user name and group {@link ExampleWar#ROLE}; the password comes from a password file
     * ({@code AS_ADMIN_USERPASSWORD=...}), since asadmin takes no passwords on its command line.
     */
    PayaraMicro withFileUsers(String... users) {
        for (String user : users) {
            Path passwordFile = write(user + ".password", "AS_ADMIN_USERPASSWORD=" + user + "\n");
            postBoot("create-file-user --passwordfile " + passwordFile + " --groups " + ExampleWar.ROLE + " " + user);
        }
        return this;
    }

    /**
     * Joins a data grid instead of running alone: these options replace {@code --nocluster}, e.g.
     * {@code --clustermode tcpip:127.0.0.1:<port>,... --startport <port> --clustername <name>}.
     */
    PayaraMicro inCluster(List<String> options) {
        clusterOptions = List.copyOf(options);
        return this;
    }

    /**
     * Starts Payara Micro with the WAR at context root {@code /}, these JVM options, the
     * post-boot commands, waits until it says it is ready and answers HTTP, and returns the
     * application's root URL.
     */
    URL start(WebArchive war, List<String> jvmOptions) {
        Path warFile = ExampleWar.export(war, dir.resolve("wars"));
        boot(List.of("--deploy", warFile.toString(), "--contextroot", "/"), jvmOptions);
        awaitStarted("/login");
        return url("/");
    }

    /**
     * Starts Payara Micro with each WAR at {@code /<archive name without .war>} and returns at
     * once; {@link #awaitStarted} waits for it.
     */
    void launch(List<WebArchive> wars, List<String> jvmOptions) {
        List<String> deployments = new ArrayList<>();
        for (WebArchive war : wars) {
            deployments.addAll(List.of("--deploy", ExampleWar.export(war, dir.resolve("wars")).toString()));
        }
        boot(deployments, jvmOptions);
    }

    /** Waits until Payara says it is ready and {@code path} answers HTTP; fails with the log's tail. */
    void awaitStarted(String path) {
        process.awaitLog(" ready in ", ServerProcess.START_TIMEOUT);
        process.awaitHttp(url(path).toString());
    }

    private void boot(List<String> deployments, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + dir));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", microJar()));
        command.addAll(deployments);
        command.addAll(List.of("--port", String.valueOf(port), "--disablephonehome", "--rootdir", rootDir.toString()));
        command.addAll(clusterOptions);
        if (!postBootCommands.isEmpty()) {
            command.addAll(List.of("--postbootcommandfile", write("post-boot-commands.txt", String.join("\n", postBootCommands) + "\n").toString()));
        }
        process = ServerProcess.command(command).directory(dir).log(dir.resolve("console.log")).start();
    }

    @Override
    public ServerProcess process() {
        return process;
    }

    private static String microJar() {
        String jar = System.getProperty("payara.microJar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("run through 'mvn verify': Payara Micro is missing (" + jar + ")");
        }
        return jar;
    }

    @Override
    public int httpPort() {
        return port;
    }

    private Path write(String name, String text) {
        return Distributions.writeFile(dir.resolve(name), text);
    }
}
