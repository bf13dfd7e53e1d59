package io.github.email2fa.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Covers {@link UserAgentSummary}: real headers, and headers an attacker wrote. */
class UserAgentSummaryTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox on Windows
        Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0 | Firefox on Linux
        Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0 | Firefox on Android
        Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15 | Firefox on iPhone
        Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 | Chrome on Windows
        Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 | Chrome on Android
        Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 | Chrome on macOS
        Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1 | Chrome on iPhone
        Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 | Chrome on ChromeOS
        Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 | Safari on iPhone
        Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 | Safari on iPad
        Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15 | Safari on macOS
        Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0 | Edge on Windows
        Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 EdgA/126.0.0.0 | Edge on Android
        Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041 | Edge on Windows
        Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/79.0.3945.79 Chrome/79.0.3945.79 Safari/537.36 | Chromium on Linux
        Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0 | Opera on Windows
        Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36 | Samsung Internet on Android
        Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko | Internet Explorer on Windows
        Mozilla/5.0 (rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox
        Mozilla/5.0 (X11; Linux x86_64) SomeNewBrowser/1.0 | Unknown browser on Linux
        curl/8.5.0 | Unknown browser
        Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | Unknown browser
        """)
    void ofWhenRealHeaderThenBrowserAndSystem(String header, String summary) {
        assertEquals(summary, UserAgentSummary.of(header));
    }

    @Test
    void ofWhenNullThenUnknownBrowser() {
        assertEquals("Unknown browser", UserAgentSummary.of(null));
    }

    @Test
    void ofWhenEmptyThenUnknownBrowser() {
        assertEquals("Unknown browser", UserAgentSummary.of(""));
    }

    @Test
    void ofWhenHeaderHasControlCharactersThenSummaryHasNone() {
        String summary = UserAgentSummary.of("Mozilla/5.0 (Windows NT 10.0)\r\n<script>\u0000\u001b[31m Firefox/128.0\u0085");

        assertEquals("Firefox on Windows", summary);
        assertTrue(summary.chars().noneMatch(Character::isISOControl), summary);
    }

    @Test
    void ofWhenHeaderIsHugeThenSummaryAtMost60Characters() {
        String summary = UserAgentSummary.of("Mozilla/5.0 (" + "x".repeat(10_000) + ") Firefox/1.0 " + "y".repeat(10_000));

        assertEquals("Firefox", summary);
        assertTrue(summary.length() <= 60, summary);
    }
}
