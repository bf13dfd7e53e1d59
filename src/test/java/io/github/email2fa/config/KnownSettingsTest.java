package io.github.email2fa.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Covers {@link KnownSettings}: one declaration for each name and default in {@link ContextParams}. */
class KnownSettingsTest {

    @Test
    void allWhenLoadedThenHoldsEveryNameOfContextParams() {
        TreeSet<String> names = new TreeSet<>();
        constants(ContextParams.class).forEach((field, value) -> {
            if (!field.startsWith("DEFAULT_") && !field.equals("PREFIX") && value instanceof String name) {
                names.add(name);
            }
        });

        assertEquals(names, new TreeSet<>(ContextParams.ALL));
    }

    @Test
    void allWhenLoadedThenHoldsEveryDeclaration() {
        long declarations = constants(KnownSettings.class).values().stream().filter(Setting.class::isInstance).count();

        assertEquals(declarations, KnownSettings.ALL.size());
    }

    @Test
    void allWhenLoadedThenEachNameOnce() {
        assertEquals(ContextParams.ALL.size(), new HashSet<>(ContextParams.ALL).size(), ContextParams.ALL.toString());
    }

    @Test
    void declarationWhenContextParamsHasDefaultThenShowsIt() {
        Map<String, Object> constants = constants(ContextParams.class);
        Stream<String> mismatches = KnownSettings.ALL.stream().flatMap(setting -> {
            String field = constants.entrySet().stream().filter(c -> setting.name().equals(c.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            if (!constants.containsKey("DEFAULT_" + field)) {
                return Stream.empty();
            }
            String written = String.valueOf(constants.get("DEFAULT_" + field));
            String expected = written.isEmpty() ? Setting.NONE : written;
            return expected.equals(setting.shownDefault()) ? Stream.empty()
                    : Stream.of(setting.name() + " shows " + setting.shownDefault() + ", DEFAULT_" + field + " is " + written);
        });

        assertEquals(List.of(), mismatches.toList());
    }

    @Test
    void secretsWhenLoadedThenOnlyThePassword() {
        assertEquals(List.of(ContextParams.SMTP_PASSWORD), ContextParams.SECRETS);
    }

    /** The static final fields of a class by name, with their values. */
    private static Map<String, Object> constants(Class<?> type) {
        Map<String, Object> constants = new TreeMap<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
                try {
                    field.setAccessible(true);
                    constants.put(field.getName(), field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return constants;
    }
}
