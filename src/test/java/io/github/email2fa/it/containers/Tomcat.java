package io.github.email2fa.it.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A Tomcat set up as its documentation says: the distribution from Maven Central unpacked once
 * as {@code CATALINA_HOME}, and for each test its own {@code CATALINA_BASE} under
 * {@code target/containers/<name>/} with {@code conf/} copied from the distribution, jars in
 * {@code lib/}, resources in {@code conf/context.xml}, users in {@code conf/tomcat-users.xml},
 * WARs in {@code webapps/}, started with {@code bin/catalina.sh run} and {@code CATALINA_OPTS}.
 */
final class Tomcat implements LocalServer {

    static final String V10_1 = "10.1.59";
    static final String V11 = "11.0.24";

    final Path home;
    final Path base;
    final int port = ServerProcess.freePort();
    private final String version;
    private ServerProcess process;

    private Tomcat(String version, String name) {
        this.version = version;
        this.home = Distributions.unpacked("tomcat-" + version, "org.apache.tomcat:tomcat:tar.gz:" + version);
        this.base = Distributions.freshDirectory(name);
        Distributions.copyTree(home.resolve("conf"), base.resolve("conf"));
        for (String dir : List.of("lib", "logs", "temp", "webapps", "work", "db")) {
            try {
                Files.createDirectories(base.resolve(dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Our port; no shutdown port (the test stops the process with a signal).
        edit("conf/server.xml", xml -> xml.replace("port=\"8080\"", "port=\"" + port + "\" address=\"127.0.0.1\"")
                .replace("<Server port=\"8005\"", "<Server port=\"-1\""));
    }

    /** A fresh {@code CATALINA_BASE} named {@code name} for this Tomcat version. */
    static Tomcat base(String version, String name) {
        return new Tomcat(version, name);
    }

    /** Copies Jakarta Mail (API, Angus Mail, Activation API, Angus Activation) into {@code lib/}. */
    Tomcat withJakartaMail() {
        Distributions.copyInto(base.resolve("lib"), Distributions.artifacts(Distributions.JAKARTA_MAIL));
        return this;
    }

    /** Copies the H2 driver into {@code lib/}. */
    Tomcat withH2() {
        Distributions.copyInto(base.resolve("lib"), Distributions.artifacts(List.of(Distributions.H2)));
        return this;
    }

    /** Adds an element (a {@code <Resource>}) to {@code conf/context.xml}, the defaults of every web application. */
    Tomcat withContextResource(String element) {
        edit("conf/context.xml", xml -> xml.replace("</Context>", "    " + element + "\n</Context>"));
        return this;
    }

    /** An H2 database in this file as the DataSource {@code java:comp/env/jdbc/email2fa}. */
    static String h2DataSource(Path file) {
        return dataSource("jdbc/email2fa", "jdbc:h2:" + file);
    }

    /** A DBCP DataSource (Tomcat's default factory) {@code java:comp/env/<name>} on an H2 URL. */
    static String dataSource(String name, String h2Url) {
        return "<Resource name=\"" + name + "\" auth=\"Container\" type=\"javax.sql.DataSource\"\n"
                + "              driverClassName=\"org.h2.Driver\" url=\"" + h2Url + "\"\n"
                + "              username=\"sa\" password=\"\" maxTotal=\"10\" maxIdle=\"2\" maxWaitMillis=\"10000\"/>";
    }

    /** A JNDI mail session {@code java:comp/env/mail/email2fa} that sends over plain SMTP to this host and port. */
    static String mailSession(String host, int port) {
        return "<Resource name=\"mail/email2fa\" auth=\"Container\" type=\"jakarta.mail.Session\"\n"
                + "              mail.smtp.host=\"" + host + "\" mail.smtp.port=\"" + port + "\" mail.from=\"no-reply@example.com\"/>";
    }

    /** Replaces {@code conf/tomcat-users.xml} with these users, each with password = name and role {@link ExampleWar#ROLE}. */
    Tomcat withUsers(String... users) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<tomcat-users xmlns=\"http://tomcat.apache.org/xml\" version=\"1.0\">\n"
                + "  <role rolename=\"" + ExampleWar.ROLE + "\"/>\n");
        for (String user : users) {
            xml.append("  <user username=\"").append(user).append("\" password=\"").append(user).append("\" roles=\"")
                    .append(ExampleWar.ROLE).append("\"/>\n");
        }
        xml.append("</tomcat-users>\n");
        write("conf/tomcat-users.xml", xml.toString());
        return this;
    }

    /** Puts a WAR into {@code webapps/}; {@code ROOT.war} is served at {@code /}, {@code x.war} at {@code /x}. */
    Tomcat deploy(WebArchive war) {
        ExampleWar.export(war, base.resolve("webapps"));
        return this;
    }

    /**
     * Deploys a WAR kept outside {@code webapps/} through its own context descriptor
     * {@code conf/Catalina/localhost/<context name>.xml} (ROOT = {@code /}), which also holds the
     * application's resources: {@code <Context docBase="/path/app.war" unpackWAR="false">} plus
     * the given elements.
     */
    Tomcat deployWithDescriptor(WebArchive war, String contextName, String... resources) {
        Path file = ExampleWar.export(war, base.resolve("apps"));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Context docBase=\"")
                .append(file).append("\" unpackWAR=\"false\">\n");
        for (String resource : resources) {
            xml.append("    ").append(resource).append('\n');
        }
        xml.append("</Context>\n");
        write("conf/Catalina/localhost/" + contextName + ".xml", xml.toString());
        return this;
    }

    /** Starts {@code catalina.sh run} with these {@code CATALINA_OPTS} and waits until {@code probePath} answers. */
    ServerProcess start(List<String> catalinaOpts, String probePath) {
        List<String> opts = new ArrayList<>(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"));
        opts.addAll(catalinaOpts);
        process = ServerProcess.command(home.resolve("bin/catalina.sh").toString(), "run")
                .env("CATALINA_HOME", home.toString())
                .env("CATALINA_BASE", base.toString())
                .env("CATALINA_OPTS", String.join(" ", opts))
                .log(base.resolve("logs/console.log"))
                .start();
        process.awaitHttp(url(probePath).toString());
        return process;
    }

    @Override
    public ServerProcess process() {
        return process;
    }

    @Override
    public int httpPort() {
        return port;
    }

    String version() {
        return version;
    }

    private void edit(String file, java.util.function.UnaryOperator<String> change) {
        try {
            Path path = base.resolve(file);
            String before = Files.readString(path, StandardCharsets.UTF_8);
            String after = change.apply(before);
            if (after.equals(before)) {
                throw new IllegalStateException("nothing changed in " + path);
            }
            Files.writeString(path, after, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, String text) {
        Distributions.writeFile(base.resolve(file), text);
    }
}
