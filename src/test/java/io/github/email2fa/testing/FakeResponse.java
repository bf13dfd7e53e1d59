package io.github.email2fa.testing;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A response that records what the code under test answered: status, headers, cookies,
 * content type and body. Like a container's, it refuses {@link #resetBuffer()} once committed
 * (after a forward, say, or {@link #commit()}). Methods it does not model throw.
 */
public final class FakeResponse extends HttpServletResponseWrapper {

    private int status = SC_OK;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<Cookie> cookies = new ArrayList<>();
    private String contentType;
    private String characterEncoding = "ISO-8859-1";
    private StringWriter body = new StringWriter();
    private final PrintWriter writer = new PrintWriter(new Appender(), true);
    private boolean committed;

    public FakeResponse() {
        super(ServletFakes.throwing(HttpServletResponse.class, "FakeResponse does not model it"));
    }

    /** Marks the response as sent to the client, as a container does once its buffer is flushed. */
    public void commit() {
        committed = true;
    }

    /** What was written to {@link #getWriter()}. */
    public String body() {
        return body.toString();
    }

    /** Every cookie added, in order. */
    public List<Cookie> cookies() {
        return List.copyOf(cookies);
    }

    /** The last cookie added with this name. */
    public Optional<Cookie> cookie(String name) {
        Cookie found = null;
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                found = cookie;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setHeader(String name, String value) {
        headers.put(name, new ArrayList<>(List.of(value)));
    }

    @Override
    public void addHeader(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    @Override
    public boolean containsHeader(String name) {
        return headers.containsKey(name);
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return List.copyOf(headers.getOrDefault(name, List.of()));
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.copyOf(headers.keySet());
    }

    @Override
    public void addCookie(Cookie cookie) {
        cookies.add(cookie);
    }

    @Override
    public void setContentType(String type) {
        contentType = type;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void setCharacterEncoding(String charset) {
        characterEncoding = charset;
    }

    @Override
    public String getCharacterEncoding() {
        return characterEncoding;
    }

    @Override
    public PrintWriter getWriter() {
        return writer;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public void resetBuffer() {
        if (committed) {
            throw new IllegalStateException("the response is already committed");
        }
        body = new StringWriter();
    }

    @Override
    public void flushBuffer() {
        committed = true;
    }

    /** Writes into the current body, so {@link #resetBuffer()} can start a fresh one under the same writer. */
    private final class Appender extends Writer {

        @Override
        public void write(char[] chars, int offset, int length) {
            body.write(chars, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
