package io.github.email2fa.web;

import io.github.email2fa.limit.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code email2fa.requireHttps}: codes, CSRF tokens and the session cookie must not cross the
 * network in clear text. Page loads over plain HTTP are sent to HTTPS; anything else is refused,
 * since a POST that already travelled in clear text cannot be made safe by a redirect.
 */
final class HttpsRule {

    private final boolean required;
    private final ClientAddress clientAddress;

    HttpsRule(boolean required, ClientAddress clientAddress) {
        this.required = required;
        this.clientAddress = clientAddress;
    }

    /** Whether HTTPS is required and this request did not come over it. */
    boolean isViolated(HttpServletRequest request) {
        return required && !clientAddress.isHttps(request);
    }

    /** Whether this request came over HTTPS, directly or through a trusted proxy; for cookies' {@code Secure}. */
    boolean isHttps(HttpServletRequest request) {
        return clientAddress.isHttps(request);
    }

    /**
     * The HTTPS address of {@code path} on the host the browser asked for, on the default port.
     * The host is the one in the request: a browser always sends the host of the address it opened.
     */
    static String httpsUrl(HttpServletRequest request, String path) {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "https://" + host + path;
    }

    /** 403 for a request that should never have used plain HTTP. */
    static void refuse(HttpServletResponse response) throws IOException {
        Responses.plain(response, HttpServletResponse.SC_FORBIDDEN,
                "HTTPS is required for sign-in verification. Open this site with https:// and try again.");
    }
}
