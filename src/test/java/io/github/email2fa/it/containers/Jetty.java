package io.github.email2fa.it.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A Jetty 12 set up as its documentation says: {@code jetty-home} from Maven Central unpacked
 * once as {@code JETTY_HOME}, and for each test its own {@code JETTY_BASE} under
 * {@code target/containers/<name>/}, made with {@code start.jar --add-modules=...}, jars in
 * {@code lib/ext/}, a DataSource bound JVM-wide by a small module of the base, WARs in
 * {@code webapps/}, started with {@code java -D... -jar start.jar}.
 */
final class Jetty implements LocalServer {

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
     * Binds an H2 {@code JdbcDataSource} on this file as {@code jdbc/email2fa} for the whole JVM
     * ({@code etc/email2fa-datasource.xml} in the base's module {@code email2fa}).
     */
    Jetty withH2DataSource(Path file) {
        return withXml("email2fa-datasource.xml", dataSourceXml("jdbc:h2:" + file));
    }

    /**
     * Binds a Jakarta Mail session that sends over plain SMTP to this host and port as
     * {@code mail/email2fa} for the whole JVM ({@code etc/email2fa-mail.xml}).
     */
    Jetty withMailSession(String host, int smtpPort) {
        return withXml("email2fa-mail.xml", mailSessionXml(host, smtpPort));
    }

    /**
     * A realm ({@code HashLoginService} named {@value #REALM}) with these users, each with
     * password = name and role {@link ExampleWar#ROLE}, in {@code etc/email2fa-realm.properties}
     * ({@code etc/email2fa-realm.xml}).
     */
    Jetty withUsers(String... users) {
        StringBuilder properties = new StringBuilder();
        for (String user : users) {
            properties.append(user).append(": ").append(user).append(',').append(ExampleWar.ROLE).append('\n');
        }
        write("etc/email2fa-realm.properties", properties.toString());
        return withXml("email2fa-realm.xml", REALM_XML);
    }

    /** The realm name, as the container-login WARs' {@code <realm-name>}. */
    static final String REALM = ExampleWar.REALM;

    private final List<String> xmlFiles = new ArrayList<>();

    private Jetty withXml(String name, String xml) {
        write("etc/" + name, xml);
        xmlFiles.add("etc/" + name);
        return this;
    }

    /** The Jetty XML that binds a JVM-wide H2 DataSource {@code jdbc/email2fa}. */
    static String dataSourceXml(String url) {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure id="Server" class="org.eclipse.jetty.server.Server">
                  <!-- The first argument (the scope) is empty: the name is bound for the whole JVM, and every
                       web application finds it as jdbc/email2fa (java:comp/env/... only with a resource-ref). -->
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

    /** The Jetty XML that binds a JVM-wide Jakarta Mail session {@code mail/email2fa}. */
    static String mailSessionXml(String host, int port) {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure id="Server" class="org.eclipse.jetty.server.Server">
                  <New id="email2faMail" class="org.eclipse.jetty.plus.jndi.Resource">
                    <Arg></Arg>
                    <Arg>mail/email2fa</Arg>
                    <Arg>
                      <Call class="jakarta.mail.Session" name="getInstance">
                        <Arg>
                          <New class="java.util.Properties">
                            <Call name="setProperty"><Arg>mail.smtp.host</Arg><Arg>%s</Arg></Call>
                            <Call name="setProperty"><Arg>mail.smtp.port</Arg><Arg>%d</Arg></Call>
                            <Call name="setProperty"><Arg>mail.from</Arg><Arg>no-reply@example.com</Arg></Call>
                          </New>
                        </Arg>
                      </Call>
                    </Arg>
                  </New>
                </Configure>
                """.formatted(host, port);
    }

    private static final String REALM_XML = """
            <?xml version="1.0"?>
            <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
            <Configure id="Server" class="org.eclipse.jetty.server.Server">
              <Call id="email2faRealmFactory" class="org.eclipse.jetty.util.resource.ResourceFactory" name="of">
                <Arg><Ref refid="Server"/></Arg>
                <Call id="email2faRealmFile" name="newResource">
                  <Arg><Property name="jetty.base"/>/etc/email2fa-realm.properties</Arg>
                </Call>
              </Call>
              <Call name="addBean">
                <Arg>
                  <New class="org.eclipse.jetty.security.HashLoginService">
                    <Set name="name">email2fa example</Set>
                    <Set name="config"><Ref refid="email2faRealmFile"/></Set>
                  </New>
                </Arg>
              </Call>
            </Configure>
            """;

    /** Puts a WAR into {@code webapps/}; {@code ROOT.war} is served at {@code /}. */
    Jetty deploy(WebArchive war) {
        ExampleWar.export(war, base.resolve("webapps"));
        return this;
    }

    /** Enables the modules ({@code start.jar --add-modules}), then starts Jetty with these JVM options and waits until {@code probePath} answers. */
    ServerProcess start(List<String> jvmOptions, String probePath, String... extraModules) {
        String modules = MODULES;
        if (!xmlFiles.isEmpty()) {
            // One module of the base applies the XML files above, after the modules they need.
            write("modules/email2fa.mod", "[description]\nemail2fa's resources: DataSource, mail session, realm.\n\n"
                    + "[depend]\next\nplus\nsecurity\n\n[xml]\n" + String.join("\n", xmlFiles) + "\n");
            modules += ",email2fa";
        }
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProcess.command(ServerProcess.java(), "-jar", home.resolve("start.jar").toString(),
                        "jetty.home=" + home, "jetty.base=" + base, "--add-modules=" + modules)
                .directory(base).log(base.resolve("logs/add-modules.log")).run();
    }

    @Override
    public int httpPort() {
        return port;
    }

    @Override
    public ServerProcess process() {
        return process;
    }

    private void write(String file, String text) {
        Distributions.writeFile(base.resolve(file), text);
    }
}
