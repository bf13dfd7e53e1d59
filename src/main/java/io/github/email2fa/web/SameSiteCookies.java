package io.github.email2fa.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Puts the session cookie's {@code SameSite} attribute into its {@code Set-Cookie} header where the
 * container left it out. Some containers (Payara, GlassFish) write the session cookie from its
 * name, path, {@code Secure} and {@code HttpOnly} only, whatever {@code SessionCookieConfig} or
 * {@code web.xml} say.
 *
 * <p>The header is fixed before the response commits: on a redirect, an error, a flush, the first
 * body write, or when the request is done. Only responses that may carry a new session cookie are
 * guarded (no valid session yet, no signed-in user, excluded paths such as the login page, the
 * module's own pages); a verified session's request is not.
 */
final class SameSiteCookies {

    private static final String SET_COOKIE = "Set-Cookie";

    private final String prefix;
    private final String attribute;

    /**
     * @param cookieName the session cookie's name, such as {@code JSESSIONID}
     * @param sameSite the value to add, or {@code null} to leave every cookie alone
     */
    SameSiteCookies(String cookieName, String sameSite) {
        this.prefix = cookieName + "=";
        this.attribute = sameSite == null ? null : "; SameSite=" + sameSite;
    }

    /** A response that fixes the header before it commits; {@code response} itself when there is nothing to add. */
    HttpServletResponse guard(HttpServletResponse response) {
        return attribute == null || response instanceof Guarded ? response : new Guarded(response);
    }

    /** Fixes the header now, if the response can still change. */
    void fix(HttpServletResponse response) {
        if (attribute == null || response.isCommitted()) {
            return;
        }
        Collection<String> headers = response.getHeaders(SET_COOKIE);
        if (headers.isEmpty()) {
            return;
        }
        List<String> fixed = new ArrayList<>(headers.size());
        boolean changed = false;
        for (String header : headers) {
            if (header.startsWith(prefix) && !header.toLowerCase(Locale.ROOT).contains("samesite=")) {
                fixed.add(header + attribute);
                changed = true;
            } else {
                fixed.add(header);
            }
        }
        if (changed) {
            response.setHeader(SET_COOKIE, fixed.get(0));
            for (int i = 1; i < fixed.size(); i++) {
                response.addHeader(SET_COOKIE, fixed.get(i));
            }
        }
    }

    /** Fixes the header at each point where the response may commit. */
    private final class Guarded extends HttpServletResponseWrapper {

        Guarded(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            fix(this);
            super.sendRedirect(location);
        }

        @Override
        public void sendError(int status) throws IOException {
            fix(this);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            fix(this);
            super.sendError(status, message);
        }

        @Override
        public void flushBuffer() throws IOException {
            fix(this);
            super.flushBuffer();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            fix(this);
            return super.getWriter();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            fix(this);
            return super.getOutputStream();
        }
    }
}
