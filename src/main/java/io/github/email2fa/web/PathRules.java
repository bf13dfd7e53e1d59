package io.github.email2fa.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * A set of paths: the ones that skip the second factor ({@code email2fa.exclude}), or the ones
 * that need a fresh code ({@code email2fa.stepUp.paths}).
 *
 * <p>Paths are {@code servletPath + pathInfo}, which the container has already decoded,
 * stripped of {@code ;parameters} and normalised; {@code getRequestURI()} is never used, because
 * matching on it is how {@code ..;/} and encoded-slash bypasses happen. Matching is exact and
 * case-sensitive: an exclusion is either an exact path ({@code /login}) or a prefix
 * ({@code /static/*}, which also matches {@code /static} itself).
 */
final class PathRules {

    private final List<String> exact;
    private final List<String> prefixes;
    private final List<String> prefixRoots;

    /**
     * @param patterns exact paths and {@code /prefix/*} patterns, already validated
     */
    PathRules(List<String> patterns) {
        this.exact = patterns.stream().filter(p -> !p.endsWith("/*")).toList();
        this.prefixes = patterns.stream().filter(p -> p.endsWith("/*")).map(p -> p.substring(0, p.length() - 1)).toList();
        // "/static/*" also matches "/static" itself; computed once, so matching allocates nothing.
        this.prefixRoots = prefixes.stream().map(p -> p.substring(0, p.length() - 1)).toList();
    }

    /** Whether {@code path} is one of the set. */
    boolean matches(String path) {
        if (exact.contains(path)) {
            return true;
        }
        for (int i = 0; i < prefixes.size(); i++) {
            if (path.startsWith(prefixes.get(i)) || path.equals(prefixRoots.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path this dispatch targets: for an include, the included resource, not the page
     * that includes it.
     */
    static String pathOf(HttpServletRequest request) {
        String servletPath;
        String pathInfo;
        if (request.getDispatcherType() == DispatcherType.INCLUDE) {
            servletPath = (String) request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH);
            pathInfo = (String) request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
        } else {
            servletPath = request.getServletPath();
            pathInfo = request.getPathInfo();
        }
        if (servletPath == null) {
            servletPath = "";
        }
        return pathInfo == null ? servletPath : servletPath + pathInfo;
    }
}
