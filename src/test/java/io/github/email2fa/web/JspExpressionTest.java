package io.github.email2fa.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.el.ELException;
import jakarta.el.ExpressionFactory;
import jakarta.el.StandardELContext;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.el.ExpressionFactoryImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every EL expression in every JSP the JAR ships must work under the strictest EL in use: Apache
 * EL (Tomcat, Jetty), which refuses Java keywords and EL reserved words as identifiers
 * ({@code ${email2fa.continue}} fails there, while Payara's EL accepts it). Each expression is
 * scanned for such words and also parsed by Apache EL itself.
 */
class JspExpressionTest {

    /** Java's reserved keywords and literals (JLS 17 §3.9, §3.10.3, §3.10.8). */
    static final Set<String> JAVA_RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "true", "false", "null", "_");

    /** EL's reserved words (Jakarta Expression Language 5.0 §1.17). */
    static final Set<String> EL_RESERVED = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "true",
            "false", "null", "instanceof", "empty", "div", "mod");

    /** EL words that are fine where they stand for themselves: operators and literals, not after a dot. */
    static final Set<String> EL_OPERATORS = EL_RESERVED;

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    private static final Pattern TOKEN = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|(\\.?)\\s*([A-Za-z_$][A-Za-z0-9_$]*)");

    @Test
    void everyShippedJspWhenScannedThenNoExpressionUsesAReservedWordAsIdentifier() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> pages = shippedJsps();
        assertEquals(4, pages.size(), "the JAR's pages: " + pages);
        for (Path page : pages) {
            for (String expression : expressions(Files.readString(page, StandardCharsets.UTF_8))) {
                for (String word : reservedIdentifiers(expression)) {
                    problems.add(page.getFileName() + ": " + expression + " uses '" + word + "' as a name");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyShippedJspWhenParsedByApacheElThenEveryExpressionParses() throws Exception {
        ExpressionFactory factory = new ExpressionFactoryImpl();
        StandardELContext context = new StandardELContext(factory);
        int parsed = 0;
        for (Path page : shippedJsps()) {
            for (String expression : expressions(Files.readString(page, StandardCharsets.UTF_8))) {
                factory.createValueExpression(context, expression, Object.class);
                parsed++;
            }
        }
        assertTrue(parsed > 50, "expressions parsed: " + parsed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "${email2fa.continue}|continue",
        "${email2fa.class}|class",
        "${email2fa.default}|default",
        "${email2fa.empty}|empty",
        "${email2fa .  new}|new",
        "${import.x}|import",
        "${email2fa.continueLabel}|",
        "${email2fa['continue']}|",
        "${not empty email2fa.title}|",
        "${email2fa.a eq 'default'}|",
        "${x.y and x.z}|",
    })
    void reservedIdentifiersWhenExpressionThenFindsExactlyTheWordsUsedAsNames(String expression, String expected) {
        List<String> found = reservedIdentifiers(expression);
        assertEquals(expected == null ? List.of() : List.of(expected), found);
    }

    @Test
    void apacheElWhenKeywordIsAPropertyNameThenRefusesIt() {
        ExpressionFactory factory = new ExpressionFactoryImpl();
        StandardELContext context = new StandardELContext(factory);

        assertThrows(ELException.class, () -> factory.createValueExpression(context, "${email2fa.continue}", Object.class));
        assertFalse(reservedIdentifiers("${email2fa.continueLabel}").contains("continueLabel"));
    }

    /** The identifiers in one expression that are reserved words, in order. */
    static List<String> reservedIdentifiers(String expression) {
        List<String> found = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(expression.substring(2, expression.length() - 1));
        while (matcher.find()) {
            String word = matcher.group(2);
            if (word == null) {
                continue; // a string literal, e.g. email2fa['continue']
            }
            boolean property = !matcher.group(1).isEmpty();
            boolean reserved = JAVA_RESERVED.contains(word) || EL_RESERVED.contains(word);
            if (reserved && (property || !EL_OPERATORS.contains(word))) {
                found.add(word);
            }
        }
        return found;
    }

    /** The EL expressions in one page, in order. */
    static List<String> expressions(String jsp) {
        List<String> found = new ArrayList<>();
        Matcher matcher = EXPRESSION.matcher(jsp);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    /** The JSPs as packaged: every file under META-INF/resources in the built classes. */
    static List<Path> shippedJsps() throws IOException, URISyntaxException {
        URL root = JspExpressionTest.class.getClassLoader().getResource("META-INF/resources");
        assertTrue(root != null && "file".equals(root.getProtocol()), "the module's resources: " + root);
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".jsp") || p.toString().endsWith(".jspx")).sorted().toList();
        }
    }
}
