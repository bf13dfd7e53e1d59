package io.github.email2fa.config;

import java.time.Duration;

/**
 * How the module treats the sessions around the second factor.
 *
 * @param verifiedMaxAge how long a verified session goes on without a new code; {@link Duration#ZERO} for no limit
 * @param rejectUrlIds whether a request whose session ID came in the URL is refused
 * @param sameSite the {@code SameSite} value given to a session cookie the application left without
 *        one ({@code Lax}, {@code Strict}, {@code None}), or {@code keep} to leave the cookie alone
 */
public record SessionSettings(Duration verifiedMaxAge, boolean rejectUrlIds, String sameSite) {

    /** The {@code sameSite} value that leaves the session cookie alone. */
    public static final String KEEP = "keep";
}
