package io.github.email2fa.address;

import java.util.regex.Pattern;

/**
 * The one check of whether a string can be an email address, for settings, forms and user names.
 *
 * <p>It is a plausibility check that catches typos and values of the wrong kind, not RFC 5322: a
 * mail server is the only judge of whether an address exists. A plausible address is a local part,
 * one {@code @} and a domain, where both parts are at least one character long and none of the
 * characters is another {@code @}, {@code <}, {@code >}, {@code "} or whitespace. Whitespace here is
 * space, tab, line feed, vertical tab, form feed and carriage return; every other character,
 * non-ASCII and no-break space included, is allowed, and the domain need not contain a dot
 * ({@code root@localhost} is plausible). {@code null} is never plausible.
 *
 * <table>
 *   <caption>Examples</caption>
 *   <tr><th>Value</th><th>{@link #isPlausible}</th><th>{@link #isPlausibleWithDottedDomain}</th></tr>
 *   <tr><td>{@code no-reply@example.com}</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@code root@localhost}</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@code Alice <alice@example.com>}</td><td>no</td><td>no</td></tr>
 *   <tr><td>{@code alice@@example.com}, {@code @example.com}, {@code alice@}</td><td>no</td><td>no</td></tr>
 * </table>
 */
public final class EmailAddresses {

    /** One or more characters that are none of whitespace, {@code @ < > "}. */
    private static final String PART = "[^\\s@<>\"]+";
    private static final Pattern PLAUSIBLE = Pattern.compile(PART + "@" + PART);
    private static final Pattern DOTTED_DOMAIN = Pattern.compile(PART + "@" + PART + "\\." + PART);

    private EmailAddresses() {
    }

    /**
     * Whether {@code candidate} is plausible as an address, as the class comment defines it: the
     * check for a configured From address and an address typed into a form.
     *
     * @param candidate the value, possibly {@code null}
     * @return {@code true} for {@code local@domain} with no whitespace, {@code < > "} or second {@code @}
     */
    public static boolean isPlausible(String candidate) {
        return candidate != null && PLAUSIBLE.matcher(candidate).matches();
    }

    /**
     * Whether {@code candidate} is {@link #isPlausible plausible} and its domain has a dot that is
     * neither its first nor its last character ({@code example.com}, not {@code localhost} or
     * {@code example.}). The stricter check for telling whether a login name is an address: a name
     * such as {@code alice@CORP} (a Kerberos-style realm) is left alone.
     *
     * @param candidate the value, possibly {@code null}
     * @return {@code true} for {@code local@name.name} with no whitespace, {@code < > "} or second {@code @}
     */
    public static boolean isPlausibleWithDottedDomain(String candidate) {
        return candidate != null && DOTTED_DOMAIN.matcher(candidate).matches();
    }
}
