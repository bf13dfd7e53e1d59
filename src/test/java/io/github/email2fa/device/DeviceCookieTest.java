package io.github.email2fa.device;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Covers {@link DeviceCookie}: the attributes it is written with, and which value it reads back. */
class DeviceCookieTest {

    private static final String TOKEN = DeviceToken.generate(new SecureRandom());
    private static final String OTHER = DeviceToken.generate(new SecureRandom());

    @Test
    void createWhenSecureThenHostPrefixedSecureHttpOnlyLaxRootPathNoDomain() {
        Cookie cookie = DeviceCookie.create(TOKEN, Duration.ofDays(30), true);

        assertAll(
                () -> assertEquals("__Host-email2fa-device", cookie.getName()),
                () -> assertEquals(TOKEN, cookie.getValue()),
                () -> assertTrue(cookie.getSecure()),
                () -> assertTrue(cookie.isHttpOnly()),
                () -> assertEquals("Lax", cookie.getAttribute("SameSite")),
                () -> assertEquals("/", cookie.getPath()),
                () -> assertEquals(30 * 24 * 60 * 60, cookie.getMaxAge()),
                () -> assertNull(cookie.getDomain()));
    }

    @Test
    void createWhenNotSecureThenPlainNameHttpOnlyLaxRootPathNoDomain() {
        Cookie cookie = DeviceCookie.create(TOKEN, Duration.ofDays(30), false);

        assertAll(
                () -> assertEquals("email2fa-device", cookie.getName()),
                () -> assertEquals(TOKEN, cookie.getValue()),
                () -> assertFalse(cookie.getSecure()),
                () -> assertTrue(cookie.isHttpOnly()),
                () -> assertEquals("Lax", cookie.getAttribute("SameSite")),
                () -> assertEquals("/", cookie.getPath()),
                () -> assertEquals(30 * 24 * 60 * 60, cookie.getMaxAge()),
                () -> assertNull(cookie.getDomain()));
    }

    @Test
    void createWhenMaxAgeHasFractionOfSecondThenRoundedUp() {
        assertEquals(2, DeviceCookie.create(TOKEN, Duration.ofMillis(1_001), true).getMaxAge());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S", "P401D"})
    void createWhenMaxAgeNotFiniteAndPositiveThenIllegalArgument(String maxAge) {
        assertThrows(IllegalArgumentException.class, () -> DeviceCookie.create(TOKEN, Duration.parse(maxAge), true));
    }

    @Test
    void createWhenTokenMalformedThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> DeviceCookie.create("a;b", Duration.ofDays(1), true));
    }

    @Test
    void clearWhenSecureThenSameCookieEmptyWithMaxAgeZero() {
        Cookie cookie = DeviceCookie.clear(true);

        assertAll(
                () -> assertEquals("__Host-email2fa-device", cookie.getName()),
                () -> assertEquals("", cookie.getValue()),
                () -> assertTrue(cookie.getSecure()),
                () -> assertEquals("/", cookie.getPath()),
                () -> assertEquals(0, cookie.getMaxAge()),
                () -> assertNull(cookie.getDomain()));
    }

    @Test
    void clearWhenNotSecureThenPlainNameWithMaxAgeZero() {
        Cookie cookie = DeviceCookie.clear(false);

        assertEquals("email2fa-device", cookie.getName());
        assertEquals(0, cookie.getMaxAge());
    }

    @Test
    void readWhenBothNamesThenHostPrefixedPreferred() {
        HttpServletRequest request = request(new Cookie("email2fa-device", OTHER),
                new Cookie("__Host-email2fa-device", TOKEN));

        assertEquals(Optional.of(TOKEN), DeviceCookie.read(request));
    }

    @Test
    void readWhenOnlyPlainNameThenItsValue() {
        HttpServletRequest request = request(new Cookie("JSESSIONID", "abc"), new Cookie("email2fa-device", TOKEN));

        assertEquals(Optional.of(TOKEN), DeviceCookie.read(request));
    }

    @Test
    void readWhenHostPrefixedEmptyThenPlainValue() {
        HttpServletRequest request = request(new Cookie("__Host-email2fa-device", ""),
                new Cookie("email2fa-device", TOKEN));

        assertEquals(Optional.of(TOKEN), DeviceCookie.read(request));
    }

    @Test
    void readWhenValueLongerThan100ThenIgnored() {
        HttpServletRequest request = request(new Cookie("__Host-email2fa-device", "A".repeat(101)));

        assertEquals(Optional.empty(), DeviceCookie.read(request));
    }

    @Test
    void readWhenNoCookiesThenEmpty() {
        assertEquals(Optional.empty(), DeviceCookie.read(request((Cookie[]) null)));
    }

    @Test
    void readWhenOnlyOtherCookiesThenEmpty() {
        assertEquals(Optional.empty(), DeviceCookie.read(request(new Cookie("JSESSIONID", "abc"))));
    }

    /** A request that answers only {@code getCookies}. */
    private static HttpServletRequest request(Cookie... cookies) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCookies")) {
                        return cookies;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
