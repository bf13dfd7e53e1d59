package io.github.email2fa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The module's packages form no cycle. The graph is what the compiled classes use, as the JDK's
 * {@code jdeps} reads it from the bytecode, so it counts every reference code makes (imports,
 * fully qualified names, constants) and nothing a comment says. The same reading checks that only
 * the JCache store uses {@code javax.cache}, an API the server may lack.
 */
class PackageDependencyTest {

    private static final String ROOT = "io.github.email2fa";
    /** One line of {@code jdeps -verbose:package}: {@code    from    -> to    location}. */
    private static final Pattern EDGE = Pattern.compile("^\\s+(" + Pattern.quote(ROOT) + "[\\w.]*)\\s+->\\s+(" + Pattern.quote(ROOT)
            + "[\\w.]*)\\s");

    @Test
    void mainClassesWhenReadByJdepsThenNoPackageCycle() throws Exception {
        Map<String, Set<String>> graph = packageGraph();
        assertTrue(graph.size() > 15, "packages found: " + graph.keySet());

        List<List<String>> cycles = cycles(graph);

        assertEquals(List.of(), cycles, "package cycles in " + graph);
    }

    @Test
    void mainClassesWhenReadByJdepsThenOnlyTheJCacheStoreUsesJavaxCache() throws Exception {
        Pattern jcacheUse = Pattern.compile("^\\s+(" + Pattern.quote(ROOT) + "\\S*)\\s+->\\s+javax\\.cache\\.");
        Set<String> users = new TreeSet<>();
        for (String line : jdeps("-verbose:class").split("\\R")) {
            Matcher use = jcacheUse.matcher(line);
            if (use.find()) {
                users.add(use.group(1));
            }
        }

        // The server may lack JCache: every other class must load without it. JCacheStores opens the store, and
        // is only reached when email2fa.store=jcache.
        assertTrue(users.contains(ROOT + ".store.JCacheSharedStore"), "users found: " + users);
        users.removeIf(user -> user.matches(Pattern.quote(ROOT) + "\\.store\\.(JCacheSharedStore|JCacheMap)(\\$.*)?")
                || user.matches(Pattern.quote(ROOT) + "\\.JCacheStores(\\$.*)?"));
        assertEquals(Set.of(), users);
    }

    @Test
    void cyclesWhenTwoPackagesUseEachOtherThenFound() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));

        assertEquals(List.of(List.of("a", "b", "c")), cycles(graph));
    }

    /** Package to the module's packages it uses, from the compiled main classes. */
    private static Map<String, Set<String>> packageGraph() throws URISyntaxException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : jdeps("-verbose:package").split("\\R")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find()) {
                graph.computeIfAbsent(edge.group(1), p -> new TreeSet<>());
                if (!edge.group(1).equals(edge.group(2))) {
                    graph.get(edge.group(1)).add(edge.group(2));
                }
            }
        }
        return graph;
    }

    /** What jdeps prints for the compiled main classes at this level of detail. */
    private static String jdeps(String verbose) throws URISyntaxException {
        Path classes = Path.of(Email2fa.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("a JDK with jdeps"));
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), verbose, "-filter:none", "--multi-release", "17",
                "--ignore-missing-deps", classes.toString());
        assertEquals(0, status, out.toString());
        return out.toString();
    }

    /** The strongly connected components with more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<List<String>> found = new ArrayList<>();
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, Set<String> onStack, List<List<String>> found) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, found);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            TreeSet<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                found.add(List.copyOf(component));
            }
        }
    }
}
