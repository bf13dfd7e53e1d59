package io.github.email2fa.bench;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Instances and bytes per class of the live heap, as {@code jcmd <pid> GC.class_histogram} prints
 * them, taken from inside the JVM through the diagnostic command MBean (which runs a full
 * collection first).
 */
final class ClassHistogram {

    /** One row: {@code    1:       1000000       72000000  some.Class (module)}. */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);
    /** Rows that make up at least this share of the bytes are listed one by one. */
    private static final double SHOWN_SHARE = 0.005;

    private final Map<String, long[]> instancesAndBytes;

    private ClassHistogram(Map<String, long[]> instancesAndBytes) {
        this.instancesAndBytes = instancesAndBytes;
    }

    /** The histogram of the live heap now. */
    static ClassHistogram take() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("the JVM gives no class histogram", e);
        }
        Map<String, long[]> rows = new HashMap<>();
        Matcher row = ROW.matcher(text);
        while (row.find()) {
            rows.put(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))});
        }
        return new ClassHistogram(rows);
    }

    /** What this histogram has more of than {@code earlier}, per class. */
    ClassHistogram minus(ClassHistogram earlier) {
        Map<String, long[]> growth = new HashMap<>();
        instancesAndBytes.forEach((name, now) -> {
            long[] then = earlier.instancesAndBytes.getOrDefault(name, new long[2]);
            growth.put(name, new long[] {now[0] - then[0], now[1] - then[1]});
        });
        return new ClassHistogram(growth);
    }

    /** The rows as a table, largest first, with instances and bytes divided by {@code per}. */
    String table(int per) {
        long total = instancesAndBytes.values().stream().mapToLong(r -> r[1]).sum();
        StringBuilder out = new StringBuilder(String.format("%14s %16s %12s %10s  %s%n",
                "instances", "bytes", "per item", "B per item", "class"));
        long[] rest = new long[2];
        instancesAndBytes.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .forEach(e -> {
                    long[] r = e.getValue();
                    if (Math.abs(r[1]) >= SHOWN_SHARE * total) {
                        out.append(row(r[0], r[1], per, e.getKey()));
                    } else {
                        rest[0] += r[0];
                        rest[1] += r[1];
                    }
                });
        out.append(row(rest[0], rest[1], per, "(all other classes)"));
        long instances = instancesAndBytes.values().stream().mapToLong(r -> r[0]).sum();
        return out.append(row(instances, total, per, "total")).toString();
    }

    private static String row(long instances, long bytes, int per, String name) {
        return String.format("%,14d %,16d %,12.2f %,10.1f  %s%n", instances, bytes, (double) instances / per,
                (double) bytes / per, name);
    }
}
