package io.github.email2fa.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Where to send the user after success: the page they asked for, as saved on the server when
 * the flow began. Only a path inside this application qualifies; anything else becomes the
 * application root. Nothing from request parameters is ever used.
 */
final class SafeTarget {

    private static final int MAX_LENGTH = 2048;

    private SafeTarget() {
    }

    /** The page this request asked for, if it can safely be returned to, else the application root. */
    static String of(HttpServletRequest request) {
        boolean forwarded = request.getDispatcherType() == DispatcherType.FORWARD;
        String uri = forwarded ? (String) request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI) : request.getRequestURI();
        String query = forwarded ? (String) request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING) : request.getQueryString();
        String target = query == null ? uri : uri + "?" + query;
        return isSafe(request.getContextPath(), target) ? target : root(request);
    }

    /** Where the session's last completed flow led, if it can safely be returned to, else the application root. */
    static String completed(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object target = session == null ? null : session.getAttribute(SessionState.COMPLETED_TARGET);
        return target instanceof String saved && isSafe(request.getContextPath(), saved) ? saved : root(request);
    }

    /** The application root. */
    static String root(HttpServletRequest request) {
        return request.getContextPath() + "/";
    }

    /**
     * Whether {@code target} is a path inside the application: it starts with the context path
     * and a single slash, and holds no backslash, control character or scheme-relative start.
     */
    static boolean isSafe(String contextPath, String target) {
        if (target == null || target.length() > MAX_LENGTH || !target.startsWith(contextPath + "/")) {
            return false;
        }
        if (target.startsWith("//") || target.startsWith("/\\")) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
