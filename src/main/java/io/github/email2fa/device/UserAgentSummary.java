package io.github.email2fa.device;

import java.util.List;
import java.util.function.Predicate;

/**
 * A short name for a browser, such as "Firefox on Windows", from its {@code User-Agent} header, so a
 * user can tell their remembered devices apart.
 *
 * <p>The header is only matched against a table of well-known tokens; the summary is made of this
 * class's own words. No character of the header reaches it, so control characters, markup and
 * whatever an attacker puts in the header never show up on a page or in a notice, and the summary is
 * never longer than {@value #MAX_LENGTH} characters. A browser not in the table is an
 * {@value #UNKNOWN_BROWSER}, still named with its system when that is known.
 */
final class UserAgentSummary {

    /** The longest summary there can be. */
    public static final int MAX_LENGTH = 60;

    /** The browser's name when the table does not know it. */
    public static final String UNKNOWN_BROWSER = "Unknown browser";

    /*
     * First match wins, so the order matters: Edge, Opera and Samsung Internet also say "Chrome/",
     * Chrome also says "Safari/", and Android also says "Linux".
     */
    private static final List<Rule> BROWSERS = List.of(
            anyOf("Edge", "Edg/", "EdgA/", "EdgiOS/", "Edge/"),
            anyOf("Opera", "OPR/", "OPiOS/", "Opera/"),
            anyOf("Samsung Internet", "SamsungBrowser/"),
            anyOf("Firefox", "Firefox/", "FxiOS/"),
            anyOf("Chromium", "Chromium/"),
            anyOf("Chrome", "Chrome/", "CriOS/"),
            new Rule("Safari", ua -> ua.contains("Safari/") && ua.contains("Version/")),
            anyOf("Internet Explorer", "Trident/", "MSIE "));

    private static final List<Rule> SYSTEMS = List.of(
            anyOf("iPhone", "iPhone"),
            anyOf("iPad", "iPad"),
            anyOf("iPod", "iPod"),
            anyOf("Android", "Android"),
            anyOf("Windows", "Windows"),
            anyOf("ChromeOS", "CrOS"),
            anyOf("macOS", "Macintosh", "Mac OS X"),
            anyOf("Linux", "Linux"));

    private UserAgentSummary() {
    }

    /**
     * The summary of this header: "Browser on System", "Browser" if the system is unknown, or
     * {@value #UNKNOWN_BROWSER}.
     *
     * @param userAgentHeader the raw header; may be {@code null}
     */
    public static String of(String userAgentHeader) {
        if (userAgentHeader == null) {
            return UNKNOWN_BROWSER;
        }
        String browser = first(BROWSERS, userAgentHeader);
        String system = first(SYSTEMS, userAgentHeader);
        String name = browser == null ? UNKNOWN_BROWSER : browser;
        return system == null ? name : name + " on " + system;
    }

    /** The name of the first rule that matches, or {@code null}. */
    private static String first(List<Rule> rules, String userAgent) {
        for (Rule rule : rules) {
            if (rule.matches().test(userAgent)) {
                return rule.name();
            }
        }
        return null;
    }

    /** A rule that matches a header containing any of these tokens, case and all. */
    private static Rule anyOf(String name, String... tokens) {
        return new Rule(name, ua -> {
            for (String token : tokens) {
                if (ua.contains(token)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** One row of a table: what to call a header that matches. */
    private record Rule(String name, Predicate<String> matches) {
    }
}
