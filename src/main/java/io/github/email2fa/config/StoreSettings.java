package io.github.email2fa.config;

/**
 * Where the short-lived state lives, and the key that hashes codes.
 *
 * @param kind this JVM or a data grid
 * @param cacheManager with {@link Kind#JCACHE}: {@code jndi:<name>} or a supplier class name; {@code null} to
 *        look for a CDI bean, then Payara's {@code payara/CacheManager}
 * @param codeKey where to read the code-hashing key ({@code env:}, {@code file:} or {@code jndi:}); {@code null}
 *        to draw one (memory) or create one in the grid (JCache)
 * @param previousCodeKey where to read the key a rotation replaces, or {@code null}
 */
public record StoreSettings(Kind kind, String cacheManager, String codeKey, String previousCodeKey) {

    /** Where the state lives. */
    public enum Kind {
        /** In this JVM: right for one server, or for sticky sessions where losing a node's sign-ins is acceptable. */
        MEMORY,
        /** In a data grid every node shares, through JCache (JSR 107). */
        JCACHE
    }

    /** Leaves out where the keys are read from, which names a secret's location. */
    @Override
    public String toString() {
        return "StoreSettings[kind=" + kind + ", cacheManager=" + cacheManager + ", codeKey=" + (codeKey == null ? "none" : "set")
                + ", previousCodeKey=" + (previousCodeKey == null ? "none" : "set") + "]";
    }
}
