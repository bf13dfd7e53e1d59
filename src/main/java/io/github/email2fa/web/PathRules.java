package io.github.email2fa.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Decides which paths skip the second factor.
 *
 * <p>Paths are {@code servletPath + pathInfo}, which the container has already decoded,
 * stripped of {@code ;parameters} and normalised; {@code getRequestURI()} is never used, because
 * matching on it is how {@code ..;/} and encoded-slash bypasses happen. Matching is exact and
 * case-sensitive: an exclusion is either an exact path ({@code /login}) or a prefix
 * ({@code /static/*}, which also matches {@code /static} itself).
 */
public final class PathRules {

    /** Path prefix of the module's own servlet. */
    public static final String MODULE_PREFIX = "/email2fa/";

    private final List<String> exact;
    private final List<String> prefixes;
    private final List<String> prefixRoots;

    /**
     * @param exclusions exact paths and {@code /prefix/*} patterns, already validated
     */
    public PathRules(List<String> exclusions) {
        this.exact = exclusions.stream().filter(p -> !p.endsWith("/*")).toList();
        this.prefixes = exclusions.stream().filter(p -> p.endsWith("/*")).map(p -> p.substring(0, p.length() - 1)).toList();
        // "/static/*" also matches "/static" itself; computed once, so matching allocates nothing.
        this.prefixRoots = prefixes.stream().map(p -> p.substring(0, p.length() - 1)).toList();
    }

    /** Whether {@code path} is excluded from the second factor. */
    public boolean isExcluded(String path) {
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

    /** Whether {@code path} belongs to the module's own pages. */
    public static boolean isModulePath(String path) {
        return path.startsWith(MODULE_PREFIX);
    }

    /**
     * The path this dispatch targets: for an include, the included resource, not the page
     * that includes it.
     */
    public static String pathOf(HttpServletRequest request) {
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
