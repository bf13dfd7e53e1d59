package io.github.email2fa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Covers the cache names of the grid store: one application's never come out like another's. */
class CachePrefixTest {

    private static ServletContext at(String server, String path) {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getContextPath" -> path;
                    case "getVirtualServerName" -> server;
                    default -> null;
                });
    }

    @Test
    void cachePrefixWhenPathsDifferOnlyByDotOrSlashThenDifferent() {
        assertNotEquals(Email2fa.cachePrefix(at("server", "/shop.admin")), Email2fa.cachePrefix(at("server", "/shop/admin")));
        assertNotEquals(Email2fa.cachePrefix(at("server", "")), Email2fa.cachePrefix(at("server", "/ROOT")));
    }

    @Test
    void cachePrefixWhenSamePathOnAnotherVirtualServerThenDifferent() {
        assertNotEquals(Email2fa.cachePrefix(at("Catalina/localhost", "/shop")), Email2fa.cachePrefix(at("Catalina/other", "/shop")));
    }

    @Test
    void cachePrefixWhenReadThenEscapedAndStable() {
        assertEquals("email2fa.server.%2Fshop", Email2fa.cachePrefix(at("server", "/shop")));
        assertEquals("email2fa.server.%2Fshop%2Eadmin", Email2fa.cachePrefix(at("server", "/shop.admin")));
        assertEquals("email2fa..%2F", Email2fa.cachePrefix(at(null, "")));
        assertEquals("email2fa.server.%2Fk%C3%B6ln", Email2fa.cachePrefix(at("server", "/köln")));
    }
}
