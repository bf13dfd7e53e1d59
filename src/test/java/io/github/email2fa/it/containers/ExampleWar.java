package io.github.email2fa.it.containers;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.icegreen.greenmail.util.GreenMail;
import io.github.email2fa.it.support.TestArchives;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The example application as the WAR a user deploys: {@code webapp-example/src/main/webapp}
 * (its {@code web.xml} unchanged), the example's classes, and in {@code WEB-INF/lib} the module
 * JAR Maven just built, Caffeine, GreenMail and SLF4J (for the example's development SMTP
 * server), but no Jakarta Mail or Activation jars: the server provides those.
 *
 * <p>Variants for container-managed login replace only what that needs in {@code web.xml}; see
 * {@link #containerLogin}.
 *
 * <pre>{@code
 * Path war = ExampleWar.export(ExampleWar.unchanged("ROOT"), base.resolve("webapps"));
 * }</pre>
 */
public final class ExampleWar {

    /** The example's own sources. */
    public static final Path WEBAPP = Path.of("webapp-example/src/main/webapp");

    /** The demo users of the example, also to be defined in a container's realm: user name = password. */
    public static final String[] USERS = {"alice", "bob"};

    /** The role a container realm gives the demo users; the variants' {@code web.xml} also admits {@code **}. */
    public static final String ROLE = "user";

    /** The {@code <realm-name>} of the container-login variants: the realm (login service) to use where a server has several. */
    public static final String REALM = "email2fa example";

    /** Paths the example leaves public (its {@code email2fa.exclude}), also public in the container-login variants. */
    public static final String[] PUBLIC_PATHS = {"/login", "/logout", "/static/*", "/dev/*"};

    /** How the container signs users in, for {@link #containerLogin}. */
    public enum LoginMethod {
        /** {@code j_security_check} with the form at {@code /static/login.html}. */
        FORM,
        /** HTTP BASIC on every request. */
        BASIC
    }

    private ExampleWar() {
    }

    /**
     * The unchanged example WAR.
     *
     * @param name the archive name without {@code .war}; {@code ROOT} deploys at {@code /} on Tomcat and Jetty
     */
    public static WebArchive unchanged(String name) {
        WebArchive war = ShrinkWrap.create(ExplodedImporter.class, name + ".war").importDirectory(WEBAPP.toFile()).as(WebArchive.class)
                .addPackages(true, "io.github.email2fa.example")
                .addAsLibrary(TestArchives.libraryJar())
                .addAsLibraries(TestArchives.moduleLibraries())
                .addAsLibrary(jar(GreenMail.class));
        return war;
    }

    /**
     * The example WAR with some email2fa settings changed or added in its {@code web.xml}, e.g.
     * {@code email2fa.datasource}, for a deployment that needs a setting per application (a JVM
     * system property would apply to every application on the server).
     */
    public static WebArchive withSettings(String name, Map<String, String> settings) {
        return unchanged(name).setWebXML(new StringAsset(withParams(webXml(), settings)));
    }

    /** Adds Jakarta Mail (API, Angus Mail, Activation API, Angus Activation) to the WAR's {@code WEB-INF/lib}. */
    public static WebArchive withJakartaMail(WebArchive war) {
        return war.addAsLibraries(Distributions.artifacts(Distributions.JAKARTA_MAIL).toArray(File[]::new));
    }

    /** The example's {@code web.xml} as it is in the repository. */
    public static String webXml() {
        try {
            return Files.readString(WEBAPP.resolve("WEB-INF/web.xml"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The example with container-managed login instead of its own login servlet:
     * {@code email2fa.subject.source=container}, {@code email2fa.loginPage=/account} (a protected
     * page, so the container shows its login), a security constraint on {@code /*} for any
     * authenticated user ({@code **}) except {@link #PUBLIC_PATHS}, and {@code <login-config>}
     * FORM (page {@code /static/login.html} posting {@code j_username}/{@code j_password} to
     * {@code j_security_check}) or BASIC. Every other email2fa setting is the example's.
     *
     * @param settings more context params to replace or add (name to value), e.g. {@code email2fa.policy}
     */
    public static WebArchive containerLogin(String name, LoginMethod method, Map<String, String> settings) {
        String xml = withParam(webXml(), "email2fa.subject.source", "container");
        xml = withParam(xml, "email2fa.loginPage", "/account");
        xml = withParams(xml, settings);
        xml = xml.replace("</web-app>", securityXml(method) + "</web-app>");
        return unchanged(name)
                .addAsWebResource(new StringAsset(LOGIN_PAGE), "static/login.html")
                .addAsWebResource(new StringAsset(LOGIN_ERROR_PAGE), "static/login-error.html")
                .setWebXML(new StringAsset(xml));
    }

    /** Writes the archive as {@code <dir>/<archive name>} and returns that file. */
    public static Path export(WebArchive war, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = dir.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    /** The jar (or classes directory) a class was loaded from, as an archive. */
    public static JavaArchive jar(Class<?> type) {
        try {
            File file = new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return ShrinkWrap.createFromZipFile(JavaArchive.class, file);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the values of these context params, or adds those the XML does not have. */
    public static String withParams(String xml, Map<String, String> settings) {
        String result = xml;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (result.contains("<param-name>" + setting.getKey() + "</param-name>")) {
                result = withParam(result, setting.getKey(), setting.getValue());
            } else {
                int at = result.indexOf("  <context-param>");
                result = result.substring(0, at) + "  <context-param>\n    <param-name>" + setting.getKey()
                        + "</param-name>\n    <param-value>" + setting.getValue() + "</param-value>\n  </context-param>\n"
                        + result.substring(at);
            }
        }
        return result;
    }

    /** Replaces the value of an existing context param. */
    static String withParam(String xml, String name, String value) {
        String start = "<param-name>" + name + "</param-name>";
        int at = xml.indexOf(start);
        if (at < 0) {
            throw new IllegalArgumentException("the example's web.xml has no context param " + name);
        }
        int valueStart = xml.indexOf("<param-value>", at) + "<param-value>".length();
        int valueEnd = xml.indexOf("</param-value>", valueStart);
        return xml.substring(0, valueStart) + value + xml.substring(valueEnd);
    }

    private static String securityXml(LoginMethod method) {
        StringBuilder xml = new StringBuilder();
        xml.append("\n  <!-- Container-managed login: everything needs a signed-in user except the public paths. -->\n");
        xml.append("  <security-constraint>\n    <web-resource-collection>\n      <web-resource-name>public</web-resource-name>\n");
        for (String path : PUBLIC_PATHS) {
            xml.append("      <url-pattern>").append(path).append("</url-pattern>\n");
        }
        xml.append("    </web-resource-collection>\n  </security-constraint>\n");
        xml.append("  <security-constraint>\n    <web-resource-collection>\n      <web-resource-name>application</web-resource-name>\n"
                + "      <url-pattern>/*</url-pattern>\n    </web-resource-collection>\n"
                + "    <auth-constraint>\n      <role-name>**</role-name>\n    </auth-constraint>\n  </security-constraint>\n");
        if (method == LoginMethod.FORM) {
            xml.append("  <login-config>\n    <auth-method>FORM</auth-method>\n    <realm-name>" + REALM + "</realm-name>\n"
                    + "    <form-login-config>\n"
                    + "      <form-login-page>/static/login.html</form-login-page>\n"
                    + "      <form-error-page>/static/login-error.html</form-error-page>\n"
                    + "    </form-login-config>\n  </login-config>\n");
        } else {
            xml.append("  <login-config>\n    <auth-method>BASIC</auth-method>\n    <realm-name>" + REALM + "</realm-name>\n"
                    + "  </login-config>\n");
        }
        xml.append("  <security-role>\n    <role-name>").append(ROLE).append("</role-name>\n  </security-role>\n");
        return xml.toString();
    }

    private static final String LOGIN_PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="UTF-8"><title>Sign in</title><link rel="stylesheet" href="site.css"></head>
            <body><main><h1>Sign in</h1>
            <form id="container-login" method="post" action="j_security_check">
            <label for="j_username">User name</label><input id="j_username" name="j_username" autocomplete="username">
            <label for="j_password">Password</label><input id="j_password" name="j_password" type="password" autocomplete="current-password">
            <button type="submit">Sign in</button></form>
            </main></body></html>
            """;

    private static final String LOGIN_ERROR_PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="UTF-8"><title>Sign in failed</title></head>
            <body><main><h1>Wrong user name or password</h1><p><a href="../account">Try again</a></p></main></body></html>
            """;
}
