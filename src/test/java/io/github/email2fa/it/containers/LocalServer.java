package io.github.email2fa.it.containers;

import java.net.URL;

/**
 * A server a container test started on the loopback address: where it answers and its process.
 * Tomcat, Jetty, WildFly and Payara Micro each set their server up differently, but a test reaches
 * and stops every one of them the same way, so that part lives here once.
 */
interface LocalServer {

    /** The HTTP port the server listens on (127.0.0.1). */
    int httpPort();

    /** The running server, or {@code null} before it was started. */
    ServerProcess process();

    /** A URL on this server, e.g. {@code url("/")}. */
    default URL url(String path) {
        return ServerProcess.localUrl(httpPort(), path);
    }

    /** Stops the server if it was started; safe to call after a failed start. */
    default void stop() {
        ServerProcess process = process();
        if (process != null) {
            process.close();
        }
    }
}
