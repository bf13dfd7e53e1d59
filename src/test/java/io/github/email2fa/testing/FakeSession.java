package io.github.email2fa.testing;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session as containers keep one: attributes in a {@link ConcurrentHashMap}, an id that
 * {@link FakeRequest#changeSessionId()} replaces, and after {@link #invalidate()} an
 * {@link IllegalStateException} from every attribute method, as the Servlet specification asks.
 */
public final class FakeSession implements HttpSession {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final boolean isNew;
    private volatile String id = nextId();
    private volatile boolean valid = true;
    private int maxInactive = 1800;

    /** A session the browser already has. */
    public FakeSession() {
        this(false);
    }

    private FakeSession(boolean isNew) {
        this.isNew = isNew;
    }

    /** A session the request creates now, as {@code getSession(true)} does. */
    static FakeSession created() {
        return new FakeSession(true);
    }

    /** Sets an attribute and returns this session, for set-up in one expression. */
    public FakeSession with(String name, Object value) {
        setAttribute(name, value);
        return this;
    }

    /** Whether {@link #invalidate()} has not been called. */
    public boolean isValid() {
        return valid;
    }

    /** Gives the session a new id, keeping its attributes; returns the new id. */
    String changeId() {
        requireValid();
        id = nextId();
        return id;
    }

    private static String nextId() {
        return "session-" + IDS.incrementAndGet();
    }

    private void requireValid() {
        if (!valid) {
            throw new IllegalStateException("the session " + id + " was invalidated");
        }
    }

    @Override
    public long getCreationTime() {
        requireValid();
        return 0L;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getLastAccessedTime() {
        requireValid();
        return 0L;
    }

    @Override
    public ServletContext getServletContext() {
        return null;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        maxInactive = interval;
    }

    @Override
    public int getMaxInactiveInterval() {
        return maxInactive;
    }

    @Override
    public Object getAttribute(String name) {
        requireValid();
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        requireValid();
        return Collections.enumeration(List.copyOf(attributes.keySet()));
    }

    @Override
    public void setAttribute(String name, Object value) {
        requireValid();
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        requireValid();
        attributes.remove(name);
    }

    @Override
    public void invalidate() {
        requireValid();
        valid = false;
        attributes.clear();
    }

    @Override
    public boolean isNew() {
        requireValid();
        return isNew;
    }
}
