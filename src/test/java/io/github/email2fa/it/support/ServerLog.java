package io.github.email2fa.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything Payara Micro wrote during the integration tests ({@code --logtofile} in
 * {@code arquillian.xml}), for checks that no code ever reached a log.
 */
public final class ServerLog {

    private ServerLog() {
    }

    /** The log files Payara wrote: the current one and any rotated ones. */
    public static List<Path> files() throws IOException {
        Path dir = Path.of(System.getProperty("it.buildDir", "target"));
        List<Path> files = new ArrayList<>();
        try (var listing = Files.list(dir)) {
            listing.filter(p -> p.getFileName().toString().startsWith("payara-it.log")).forEach(files::add);
        }
        return files;
    }

    /** All of the server log as one text. */
    public static String text() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : files()) {
            text.append(Files.readString(file, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    /**
     * Fails unless the captured server log exists and none of its lines holds one of the codes.
     *
     * @param codes every code the tests saw in mail; a handful at least, or the check proves nothing
     */
    public static void assertHoldsNone(List<String> codes) throws IOException {
        if (codes.size() < 10) {
            throw new AssertionError("only " + codes.size() + " codes were collected; the check would prove little");
        }
        if (files().isEmpty()) {
            throw new AssertionError("no server log was captured (see --logtofile in arquillian.xml)");
        }
        List<String> hits = linesContainingAny(codes);
        if (!hits.isEmpty()) {
            throw new AssertionError("codes reached the server log:\n" + String.join("\n", hits));
        }
    }

    /** Every line in the server log files that contains one of the codes. */
    public static List<String> linesContainingAny(List<String> codes) throws IOException {
        List<String> hits = new ArrayList<>();
        for (Path file : files()) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String scrubbed = withoutTimestamps(line);
                for (String code : codes) {
                    if (Pattern.compile("(?<!\\d)" + code + "(?!\\d)").matcher(scrubbed).find()) {
                        hits.add(code + " in " + file.getFileName() + ": " + line);
                    }
                }
            }
        }
        return hits;
    }

    /** The line without Payara's own numbers (timestamps, millis, thread ids), where six digits turn up by chance. */
    private static String withoutTimestamps(String line) {
        return line.replaceAll("timeMillis: \\d+", "").replaceAll("_ThreadID=\\d+", "")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.+\\-]+Z?", "").replaceAll("sinceSentMs=\\d+", "")
                .replaceAll("levelValue: \\d+", "");
    }
}
