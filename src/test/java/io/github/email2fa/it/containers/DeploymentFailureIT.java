package io.github.email2fa.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.email2fa.it.support.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an operator sees when a part email2fa needs is missing: one Tomcat 11 boot with four
 * copies of the example, three of which must fail to deploy with exactly one
 * {@code email2fa cannot start:} message each (and then serve nothing), and one on an in-memory
 * database that deploys with a WARNING. Tomcat's {@code lib/} holds only the H2 driver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentFailureIT {

    /** A log line of Tomcat's format whose message begins with {@code email2fa cannot start:}. */
    private static final Pattern RECORD = Pattern.compile("^\\S+ \\S+ SEVERE \\[[^\\]]+\\] \\S+ email2fa cannot start: ");

    private Tomcat tomcat;
    private long startNanos;
    private String log;

    @BeforeAll
    void bootOneTomcatWithFourApplications() {
        startNanos = System.nanoTime();
        tomcat = Tomcat.base(Tomcat.V11, "tomcat-" + Tomcat.V11 + "-deployment-failure-it").withH2();
        Path db = tomcat.base.resolve("db");
        tomcat.withContextResource(Tomcat.h2DataSource(db.resolve("email2fa")));
        // A database file that does not exist, and H2 told not to create it: every getConnection fails.
        tomcat.withContextResource(Tomcat.dataSource("jdbc/dead", "jdbc:h2:" + db.resolve("absent") + ";IFEXISTS=TRUE"));
        tomcat.withContextResource(Tomcat.dataSource("jdbc/memory", "jdbc:h2:mem:email2fa;DB_CLOSE_DELAY=-1"));
        // The whole example, /dev/mailbox servlet included: Tomcat's annotation scan of it must not trip first.
        tomcat.deploy(ExampleWar.withSettings("nomail", Map.of("email2fa.datasource", "java:comp/env/jdbc/email2fa")));
        tomcat.deploy(ExampleWar.withJakartaMail(ExampleWar.withSettings("nodatasource",
                Map.of("email2fa.datasource", "java:comp/env/jdbc/missing"))));
        tomcat.deploy(ExampleWar.withJakartaMail(ExampleWar.withSettings("deaddatabase",
                Map.of("email2fa.datasource", "java:comp/env/jdbc/dead"))));
        tomcat.deploy(ExampleWar.withJakartaMail(ExampleWar.withSettings("memory",
                Map.of("email2fa.datasource", "java:comp/env/jdbc/memory", "email2fa.mail.checkOnStartup", "false"))));
        tomcat.start(List.of(), "/memory/login");
        log = serverLog();
    }

    @AfterAll
    void stop() {
        if (tomcat != null) {
            tomcat.stop();
        }
        FlowScenario.recordSeconds(getClass().getSimpleName(), startNanos);
    }

    @Test
    void withoutJakartaMailTheDeploymentFailsNamingTheJars() {
        String message = onlyMessageMentioning("Jakarta Mail", "one message for the application without mail:\n");
        for (String jar : List.of("jakarta.mail-api", "angus-mail", "jakarta.activation-api", "angus-activation")) {
            assertTrue(message.contains(jar), "names " + jar + ": " + message);
        }
        assertNotServed("/nomail/login");
    }

    @Test
    void aDataSourceNameThatDoesNotResolveFailsTheDeploymentNamingKeyAndValue() {
        assertDataSourceFailure("java:comp/env/jdbc/missing", "/nodatasource/login");
    }

    @Test
    void aDataSourceWithoutConnectionFailsTheDeployment() {
        assertDataSourceFailure("java:comp/env/jdbc/dead", "/deaddatabase/login");
    }

    @Test
    void exactlyThreeApplicationsCouldNotStart() {
        List<String> all = messagesMentioning("");
        assertEquals(3, all.size(), "one message per failing application:\n" + String.join("\n", all));
    }

    @Test
    void anInMemoryDatabaseDeploysWithAWarning() {
        List<String> warnings = log.lines().filter(l -> l.contains("in-memory database")).toList();
        assertEquals(1, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).contains(" WARNING "), "logged as a WARNING: " + warnings.get(0));
        assertTrue(warnings.get(0).contains("java:comp/env/jdbc/memory"), warnings.get(0));
        WebClient client = new WebClient(tomcat.url("/memory/"));
        assertEquals(200, client.get("login").statusCode(), "the application is served");
    }

    /**
     * The log records whose message starts with {@code email2fa cannot start:} and holds this
     * text: the module's own SEVERE line. Tomcat also prints the exception that failed the
     * deployment, with the same text after {@code java.lang.IllegalStateException: }, as the
     * cause of its own record ("Exception sending context initialized event..." in
     * {@code localhost.<date>.log}); that line is part of another record and not counted.
     */
    private List<String> messagesMentioning(String text) {
        List<String> found = new ArrayList<>();
        for (String line : log.lines().toList()) {
            if (RECORD.matcher(line).find() && line.contains(text)) {
                found.add(line);
            }
        }
        return found;
    }

    /**
     * The one {@code email2fa cannot start:} message holding this text; fails, listing them, if
     * there is none or more than one.
     *
     * @param why what the failure message starts with
     */
    private String onlyMessageMentioning(String text, String why) {
        List<String> messages = messagesMentioning(text);
        assertEquals(1, messages.size(), why + String.join("\n", messages));
        return messages.get(0);
    }

    /**
     * An application whose DataSource fails: one message naming the DataSource and the setting
     * that names it ({@code email2fa.datasource}), so the operator knows what to fix, and the
     * application serves nothing.
     */
    private void assertDataSourceFailure(String dataSource, String path) {
        String message = onlyMessageMentioning(dataSource, "");
        assertTrue(message.contains("email2fa.datasource"), message);
        assertNotServed(path);
    }

    private void assertNotServed(String path) {
        int status = new WebClient(tomcat.url("/")).get(path).statusCode();
        assertTrue(status == 404 || status == 503, path + " must not be served, got " + status);
    }

    /**
     * What an operator reads: {@code catalina.out} (here the console) and the per-host log
     * {@code localhost.<date>.log}, where Tomcat writes the errors of each application.
     */
    private String serverLog() {
        StringBuilder text = new StringBuilder(tomcat.process().logText());
        try (var files = Files.list(tomcat.base.resolve("logs"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("localhost.")).toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
