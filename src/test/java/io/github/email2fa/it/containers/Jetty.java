package io.github.email2fa.it.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A Jetty 12 set up as its documentation says: {@code jetty-home} from Maven Central unpacked
 * once as {@code JETTY_HOME}, and for each test its own {@code JETTY_BASE} under
 * {@code target/containers/<name>/}, made with {@code start.jar --add-modules=...}, jars in
 * {@code lib/ext/}, a DataSource bound JVM-wide by a small module of the base, WARs in
 * {@code webapps/}, started with {@code java -D... -jar start.jar}.
 */
final class Jetty {

    static final String VERSION = "12.1.12";

    /** The modules the example needs: HTTP, the ee10 deployer, JSP, annotations (the module's initializer) and JNDI. */
    static final String MODULES = "http,ee10-deploy,ee10-jsp,ee10-annotations,ee10-plus,ext";

    final Path home;
    final Path base;
    final int port = ServerProcess.freePort();
    private ServerProcess process;

    private Jetty(String name) {
        home = Distributions.unpacked("jetty-home-" + VERSION, "org.eclipse.jetty:jetty-home:tar.gz:" + VERSION);
        base = Distributions.freshDirectory(name);
    }

    /** A fresh {@code JETTY_BASE} named {@code name}. */
    static Jetty base(String name) {
        return new Jetty(name);
    }

    /** Copies Jakarta Mail and the H2 driver into {@code lib/ext/} (the {@code ext} module puts them on the server class path). */
    Jetty withJakartaMailAndH2() {
        List<String> jars = new ArrayList<>(Distributions.JAKARTA_MAIL);
        jars.add(Distributions.H2);
        Distributions.copyInto(base.resolve("lib/ext"), Distributions.artifacts(jars));
        return this;
    }

    /**
     * Adds the module {@code email2fa-datasource} to the base: {@code etc/email2fa-datasource.xml}
     * binds an H2 {@code JdbcDataSource} on this file as {@code jdbc/email2fa} for the whole JVM.
     */
    Jetty withH2DataSource(Path file) {
        write("modules/email2fa-datasource.mod", MODULE);
        write("etc/email2fa-datasource.xml", dataSourceXml("jdbc:h2:" + file));
        return this;
    }

    /** The Jetty XML that binds a JVM-wide H2 DataSource {@code jdbc/email2fa}. */
    static String dataSourceXml(String url) {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure id="Server" class="org.eclipse.jetty.server.Server">
                  <!-- Scope: the first argument is empty, so the name is bound for the whole JVM and every
                       web application finds it as java:comp/env/jdbc/email2fa without a resource-ref. -->
                  <New id="email2faDataSource" class="org.eclipse.jetty.plus.jndi.Resource">
                    <Arg></Arg>
                    <Arg>jdbc/email2fa</Arg>
                    <Arg>
                      <New class="org.h2.jdbcx.JdbcDataSource">
                        <Set name="URL">%s</Set>
                        <Set name="user">sa</Set>
                        <Set name="password"></Set>
                      </New>
                    </Arg>
                  </New>
                </Configure>
                """.formatted(url);
    }

    static final String MODULE = """
            [description]
            The DataSource of email2fa, bound in JNDI as jdbc/email2fa.

            [depend]
            ext
            plus

            [xml]
            etc/email2fa-datasource.xml
            """;

    /** Puts a WAR into {@code webapps/}; {@code ROOT.war} is served at {@code /}. */
    Jetty deploy(WebArchive war) {
        ExampleWar.export(war, base.resolve("webapps"));
        return this;
    }

    /** Enables the modules ({@code start.jar --add-modules}), then starts Jetty with these JVM options and waits until {@code probePath} answers. */
    ServerProcess start(List<String> jvmOptions, String probePath, String... extraModules) {
        String modules = MODULES + (Files.exists(base.resolve("modules/email2fa-datasource.mod")) ? ",email2fa-datasource" : "");
        for (String extra : extraModules) {
            modules += "," + extra;
        }
        addModules(modules);
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + base.resolve("work")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", home.resolve("start.jar").toString(), "jetty.home=" + home, "jetty.base=" + base,
                "jetty.http.host=127.0.0.1", "jetty.http.port=" + port));
        process = ServerProcess.command(command).directory(base).log(base.resolve("logs/console.log")).start();
        process.awaitHttp(url(probePath).toString());
        return process;
    }

    private void addModules(String modules) {
        try {
            Files.createDirectories(base.resolve("work"));
            Path log = base.resolve("logs/add-modules.log");
            Files.createDirectories(log.getParent());
            Process setup = new ProcessBuilder(ServerProcess.java(), "-jar", home.resolve("start.jar").toString(),
                    "jetty.home=" + home, "jetty.base=" + base, "--add-modules=" + modules)
                    .directory(base.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!setup.waitFor(3, TimeUnit.MINUTES) || setup.exitValue() != 0) {
                setup.destroyForcibly();
                throw new AssertionError("start.jar --add-modules=" + modules + " failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URL url(String path) {
        try {
            return new URL("http://127.0.0.1:" + port + path);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    void stop() {
        if (process != null) {
            process.close();
        }
    }

    private void write(String file, String text) {
        try {
            Path path = base.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
