package io.github.email2fa.device;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The cookie that carries a remembered device's token.
 *
 * <p>Over HTTPS it is {@value #SECURE_NAME}: the {@code __Host-} prefix makes the browser accept it
 * only with {@code Secure}, {@code Path=/} and no {@code Domain}, so neither a subdomain nor a plain
 * HTTP response can plant or overwrite it. Over plain HTTP (development) it is {@value #NAME}.
 * Either way it is {@code HttpOnly}, {@code SameSite=Lax} (it still comes along when the user follows
 * a link to the login page) and has a finite {@code Max-Age}, so it does not outlive the device.
 */
public final class DeviceCookie {

    /** The cookie's name when the site is served over HTTPS. */
    public static final String SECURE_NAME = "__Host-email2fa-device";

    /** The cookie's name when the site is served over plain HTTP. */
    public static final String NAME = "email2fa-device";

    /** Longest value {@link #read} accepts; a token is {@value DeviceToken#LENGTH} characters. */
    static final int MAX_VALUE_LENGTH = 100;

    private DeviceCookie() {
    }

    /**
     * The cookie that gives the browser this token.
     *
     * @param maxAge how long the browser keeps it, rounded up to whole seconds
     * @param secure whether the site is served over HTTPS
     * @throws IllegalArgumentException if the token is not {@link DeviceToken#isWellFormed well formed},
     *         or the max age is not more than zero and at most {@link RememberedDevices#MAX_LIFETIME}
     */
    public static Cookie create(String token, Duration maxAge, boolean secure) {
        if (!DeviceToken.isWellFormed(token)) {
            throw new IllegalArgumentException("token must be " + DeviceToken.LENGTH + " base64url characters");
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(RememberedDevices.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("maxAge must be more than 0 and at most "
                    + RememberedDevices.MAX_LIFETIME.toDays() + " days; got " + maxAge);
        }
        long seconds = maxAge.getSeconds() + (maxAge.getNano() > 0 ? 1 : 0);
        return cookie(token, (int) seconds, secure);
    }

    /** A cookie that makes the browser drop its device cookie ({@code Max-Age=0}). */
    public static Cookie clear(boolean secure) {
        return cookie("", 0, secure);
    }

    /**
     * The token the request's device cookie carries, preferring {@value #SECURE_NAME} to
     * {@value #NAME}. Empty values and values longer than {@value #MAX_VALUE_LENGTH} characters
     * are ignored; the value is otherwise not checked, {@link RememberedDevices#recognize} does that.
     */
    public static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return valueOf(cookies, SECURE_NAME).or(() -> valueOf(cookies, NAME));
    }

    /** The first usable value of a cookie with this name. */
    private static Optional<String> valueOf(Cookie[] cookies, String name) {
        for (Cookie cookie : cookies) {
            if (cookie == null || !name.equals(cookie.getName())) {
                continue;
            }
            String value = cookie.getValue();
            if (value != null && !value.isEmpty() && value.length() <= MAX_VALUE_LENGTH) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The device cookie with all its attributes; no Domain, as {@code __Host-} requires. */
    private static Cookie cookie(String value, int maxAgeSeconds, boolean secure) {
        Cookie cookie = new Cookie(secure ? SECURE_NAME : NAME, value);
        cookie.setSecure(secure);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        cookie.setMaxAge(maxAgeSeconds);
        return cookie;
    }
}
