package io.github.email2fa.config;

import static io.github.email2fa.config.ContextParams.CODE_LENGTH;
import static io.github.email2fa.config.ContextParams.SMTP_FROM;
import static io.github.email2fa.config.ContextParams.SMTP_HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Covers {@link SettingsSource}: context params, then filter init-params, then system properties win. */
class SettingsSourceTest {

    @ParameterizedTest(name = "context={0} filter={1} system={2} -> {3}")
    @CsvSource({
            "7,  ,  , 7",
            "7, 8,  , 8",
            "7, 8, 9, 9",
            "7,  , 9, 9",
            " , 8, 9, 9"})
    void loadWhenSetInSeveralSourcesThenHighestPrecedenceWins(Integer context, Integer filter, Integer system, int expected) {
        Map<String, String> contextParams = smtp();
        Map<String, String> filterParams = new HashMap<>();
        Properties systemProperties = new Properties();
        if (context != null) {
            contextParams.put(CODE_LENGTH, context.toString());
        }
        if (filter != null) {
            filterParams.put(CODE_LENGTH, filter.toString());
        }
        if (system != null) {
            systemProperties.setProperty(CODE_LENGTH, system.toString());
        }

        Settings settings = SettingsSource.load(servletContext("Shop", contextParams), filterParams, systemProperties);

        assertEquals(expected, settings.codeLength());
    }

    @Test
    void loadWhenNamesLackPrefixThenIgnored() {
        Map<String, String> contextParams = smtp();
        contextParams.put("jakarta.faces.PROJECT_STAGE", "Development");
        Properties systemProperties = new Properties();
        systemProperties.setProperty("user.home", "/home/shop");

        Settings settings = SettingsSource.load(servletContext("Shop", contextParams), Map.of("encoding", "UTF-8"),
                systemProperties);

        assertEquals(6, settings.codeLength());
    }

    @Test
    void loadWhenNoAppNameThenServletContextNameUsed() {
        Settings settings = SettingsSource.load(servletContext("Example Shop", smtp()), Map.of(), new Properties());

        assertEquals("Example Shop", settings.appName());
    }

    private static Map<String, String> smtp() {
        Map<String, String> values = new HashMap<>();
        values.put(SMTP_HOST, "mail.example.com");
        values.put(SMTP_FROM, "no-reply@example.com");
        return values;
    }

    /** A servlet context that only knows its name and its init params. */
    private static ServletContext servletContext(String name, Map<String, String> initParams) {
        return (ServletContext) Proxy.newProxyInstance(SettingsSourceTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInitParameterNames" -> Collections.enumeration(initParams.keySet());
                    case "getInitParameter" -> initParams.get((String) args[0]);
                    case "getServletContextName" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
