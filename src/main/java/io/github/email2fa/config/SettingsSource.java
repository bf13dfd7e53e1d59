package io.github.email2fa.config;

import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Gathers the raw {@code email2fa.*} values from their three sources, lowest precedence first:
 * context params, filter init-params, JVM system properties.
 */
public final class SettingsSource {

    private SettingsSource() {
    }

    /**
     * Reads and parses the settings of one filter.
     *
     * @param context the web application, for its context params
     * @param filterInitParams the filter's init-params
     * @param systemProperties the JVM's system properties
     * @throws InvalidSettingsException naming every bad setting
     */
    public static Settings load(ServletContext context, Map<String, String> filterInitParams, Properties systemProperties) {
        Map<String, String> values = new TreeMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            if (name.startsWith(ContextParams.PREFIX)) {
                values.put(name, context.getInitParameter(name));
            }
        }
        filterInitParams.forEach((name, value) -> {
            if (name.startsWith(ContextParams.PREFIX)) {
                values.put(name, value);
            }
        });
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(ContextParams.PREFIX)) {
                values.put(name, systemProperties.getProperty(name));
            }
        }
        return SettingsParser.parse(values, context.getServletContextName());
    }
}
