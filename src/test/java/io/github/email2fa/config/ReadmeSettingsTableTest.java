package io.github.email2fa.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the README's settings table to the declarations in {@link KnownSettings}.
 *
 * <p>The table is the first one in the {@code ## Settings} section; each row after the header
 * reads {@code | `email2fa.<name>` | default | accepted values |}. The Default cell, with its
 * backticks removed, is the declaration's {@link Setting#shownDefault()}: the default as written
 * in {@code web.xml} ({@code `5m`}), {@code none}, or the words for a default worked out at
 * start-up. A remark may follow after {@code "; "} or {@code " ("}, as in
 * {@code none (admin page off)}.
 */
class ReadmeSettingsTableTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern NAME_CELL = Pattern.compile("`(email2fa\\.[^`]+)`");

    private static List<Row> rows;

    /** One row of the table: the name cell as written, and the Default cell. */
    private record Row(String nameCell, String defaultCell) {

        /** The setting named, or {@code null} when the cell is not one backticked {@code email2fa.*} name. */
        String name() {
            Matcher matcher = NAME_CELL.matcher(nameCell);
            return matcher.matches() ? matcher.group(1) : null;
        }
    }

    @BeforeAll
    static void readTable() throws IOException {
        rows = table(Files.readAllLines(README));
    }

    static Stream<Named<Setting<?>>> declared() {
        return KnownSettings.ALL.stream().map(setting -> Named.of(setting.name(), setting));
    }

    @Test
    void tableWhenReadThenHasRows() {
        assertTrue(rows.size() > 1, "no settings table under '## Settings' in " + README.toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declared")
    void tableWhenSettingDeclaredThenExactlyOneRow(Setting<?> setting) {
        assertEquals(1, rowsOf(setting).size(), "rows for " + setting.name() + " in " + README);
    }

    @Test
    void tableWhenReadThenEveryRowNamesADeclaredSetting() {
        List<String> strays = rows.stream()
                .filter(row -> !ContextParams.ALL.contains(row.name()))
                .map(Row::nameCell)
                .toList();

        assertEquals(List.of(), strays, "rows that name no declared setting");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declared")
    void tableWhenSettingDeclaredThenRowShowsDeclaredDefault(Setting<?> setting) {
        for (Row row : rowsOf(setting)) {
            assertTrue(shows(row.defaultCell(), setting.shownDefault()),
                    setting.name() + ": README shows '" + row.defaultCell() + "', declared '" + setting.shownDefault() + "'");
        }
    }

    private static List<Row> rowsOf(Setting<?> setting) {
        return rows.stream().filter(row -> setting.name().equals(row.name())).toList();
    }

    /** Whether a Default cell shows {@code shownDefault}, alone or followed by a remark. */
    private static boolean shows(String cell, String shownDefault) {
        String text = cell.replace("`", "").strip();
        return text.equals(shownDefault) || text.startsWith(shownDefault + "; ") || text.startsWith(shownDefault + " (");
    }

    /** The rows of the first table under {@code ## Settings}, without its header and separator lines. */
    private static List<Row> table(List<String> lines) {
        int line = lines.indexOf("## Settings");
        while (line >= 0 && line < lines.size() && !lines.get(line).startsWith("|")) {
            line++;
        }
        List<Row> table = new ArrayList<>();
        for (line += 2; line > 1 && line < lines.size() && lines.get(line).startsWith("|"); line++) {
            String[] cells = lines.get(line).split("\\|", -1);
            table.add(new Row(cells[1].strip(), cells.length > 2 ? cells[2].strip() : ""));
        }
        return table;
    }
}
