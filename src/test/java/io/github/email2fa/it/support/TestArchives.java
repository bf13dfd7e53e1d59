package io.github.email2fa.it.support;

import com.example.accounts.OutageSimulatingAccountStore;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.zxing.qrcode.QRCodeWriter;
import io.github.email2fa.testing.ForwardingAccountStore;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.apache.commons.codec.binary.Base32;
import org.ocpsoft.prettytime.PrettyTime;
import org.owasp.encoder.Encode;
import org.slf4j.Logger;

/**
 * Builds test WARs: the example application's classes and pages, the module as the JAR Maven
 * just built, Caffeine, a few test servlets, and a {@code web.xml} with the given settings.
 */
public final class TestArchives {

    private TestArchives() {
    }

    /** The example application's settings, pointed at a test SMTP server on {@code smtpPort}. */
    public static Map<String, String> exampleSettings(int smtpPort) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("email2fa.subject.source", "session:user");
        params.put("email2fa.email.resolver", "io.github.email2fa.example.DemoEmailResolver");
        params.put("email2fa.exclude", "/login, /logout, /static/*, /public/*");
        params.put("email2fa.loginPage", "/login");
        params.put("email2fa.appName", "the email2fa test app");
        params.put("email2fa.smtp.host", "127.0.0.1");
        params.put("email2fa.smtp.port", String.valueOf(smtpPort));
        params.put("email2fa.smtp.tls", "none");
        params.put("email2fa.smtp.from", "no-reply@example.com");
        params.put("email2fa.smtp.timeout", "3s");
        params.put("email2fa.resend.cooldown", "3s");
        params.put("email2fa.mail.checkOnStartup", "false");
        params.put("email2fa.requireHttps", "false");
        return params;
    }

    /** The example's settings with limits loose enough that a long test class never trips them. */
    public static Map<String, String> relaxedLimits(int smtpPort) {
        Map<String, String> params = exampleSettings(smtpPort);
        params.put("email2fa.lockout.threshold", "100");
        params.put("email2fa.send.perAccount", "1000");
        params.put("email2fa.send.perAccountPerDay", "10000");
        params.put("email2fa.send.perIp", "100000");
        return params;
    }

    /**
     * Writes 32 random bytes, in Base64, to {@code fileName} in the build directory, and returns its
     * absolute path: {@code "file:" + path} is the value of a secret setting such as
     * {@code email2fa.app.secretKey}.
     */
    public static Path randomKeyFile(String fileName) throws IOException {
        Path key = Path.of(System.getProperty("it.buildDir", "target"), fileName).toAbsolutePath();
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.createDirectories(key.getParent());
        Files.writeString(key, Base64.getEncoder().encodeToString(bytes));
        return key;
    }

    /** A WAR of the example application with these context params. */
    public static WebArchive exampleApp(String name, Map<String, String> contextParams) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage("io.github.email2fa.example")
                .addClasses(ForwardServlet.class, IncludeServlet.class)
                .addAsLibrary(libraryJar())
                .addAsLibraries(moduleLibraries())
                .addAsWebResource(new File("webapp-example/src/main/webapp/static/site.css"), "static/site.css")
                .addAsWebResource(new File("webapp-example/src/main/webapp/index.html"), "index.html")
                .setWebXML(new StringAsset(WebXml.example(contextParams)));
    }

    /**
     * The abuse-resistance test application: many test accounts, CDI, a probe, an admin page, and an
     * account store of the application's own that can play a database outage (used when named in
     * {@code email2fa.accountStore}).
     */
    public static WebArchive abuseApp(String name, Map<String, String> contextParams) {
        return exampleApp(name, contextParams)
                .addClasses(TestLoginServlet.class, NameAtExampleResolver.class, AuditRecorder.class, RecordingAuditListener.class, RoleFilter.class, ProbeServlet.class,
                        StoreOutageServlet.class, OutageSimulatingAccountStore.class, ForwardingAccountStore.class)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" "
                        + "bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                .setWebXML(new StringAsset(WebXml.abuse(contextParams)));
    }

    /** Adds an application's own texts and notice layout, as a WAR would in {@code WEB-INF/classes}. */
    public static WebArchive withOwnTexts(WebArchive archive) {
        return archive
                .addAsResource(new StringAsset("settings.back=Back to the test shop\n"), "email2fa-messages.properties")
                .addAsResource(new StringAsset("<!DOCTYPE html><html lang=\"{lang}\"><!-- test shop layout --><body>"
                        + "<h1>{title}</h1>{paragraphs}</body></html>"), "email2fa/notice-email.html");
    }

    /** Adds a {@code SameSite} value of the application's own to the session cookie's settings in {@code web.xml}. */
    public static WebArchive withOwnSameSite(WebArchive archive, String sameSite) {
        String xml = ((StringAsset) archive.get("WEB-INF/web.xml").getAsset()).getSource();
        return archive.setWebXML(new StringAsset(xml.replace("</web-app>", WebXml.sameSiteCookie(sameSite) + "</web-app>")));
    }

    /** The module JAR that {@code mvn package} built. */
    public static JavaArchive libraryJar() {
        String path = System.getProperty("it.email2fa.libraryJar");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("run the integration tests through 'mvn verify': the module JAR is missing (" + path + ")");
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, new File(path));
    }

    /**
     * The libraries the module needs in {@code WEB-INF/lib} besides its own JAR, as the README lists
     * them: Caffeine, the OWASP encoder, PrettyTime, java-otp, commons-codec, ZXing core and the SLF4J
     * API. webauthn4j and its Jackson are inside the module's JAR, relocated.
     */
    public static JavaArchive[] moduleLibraries() {
        return Stream.of(Caffeine.class, Encode.class, PrettyTime.class, TimeBasedOneTimePasswordGenerator.class, Base32.class,
                        QRCodeWriter.class, Logger.class)
                .map(type -> ShrinkWrap.createFromZipFile(JavaArchive.class, jarOf(type)))
                .toArray(JavaArchive[]::new);
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
