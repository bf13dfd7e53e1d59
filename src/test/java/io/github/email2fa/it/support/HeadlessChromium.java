package io.github.email2fa.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), started with
 * explicit paths so Selenium never tries to download a browser.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** A new browser with a fresh profile, in US English; quit it when done. */
    public static ChromeDriver start() throws IOException {
        return start("en-US");
    }

    /** A new browser with a fresh profile that asks for pages in {@code language} (its {@code Accept-Language}). */
    public static ChromeDriver start(String language) throws IOException {
        String driverPath = System.getProperty("chromedriver", "/usr/bin/chromedriver");
        String browserPath = System.getProperty("chromium", "/usr/bin/chromium");
        Path profile = Files.createTempDirectory(Path.of(System.getProperty("it.buildDir", "target")), "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browserPath);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1000,900", "--lang=" + language, "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverPath)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Saves a screenshot of the current page under {@code target/screenshots/}. */
    public static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Path dir = Path.of(System.getProperty("it.buildDir", "target"), "screenshots");
        Files.createDirectories(dir);
        Path target = dir.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /**
     * Shows pages as a browser zoomed to {@code percent} on a screen {@code screenWidth} by
     * {@code screenHeight} device pixels does: the layout gets {@code screenWidth * 100 / percent} CSS
     * pixels, each drawn with {@code percent / 100} device pixels, so media queries, wrapping and
     * screenshots are those of a real zoom (unlike CSS {@code zoom} on the body). Undo it with
     * {@link #stopZoom}.
     */
    public static void zoom(ChromeDriver driver, int percent, int screenWidth, int screenHeight) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", screenWidth * 100 / percent, "height", screenHeight * 100 / percent,
                "deviceScaleFactor", percent / 100.0, "mobile", false));
    }

    /** Ends {@link #zoom}. */
    public static void stopZoom(ChromeDriver driver) {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    /**
     * Fails if the page is wider than the window (WCAG 1.4.10, reflow), or if {@code control} lies
     * outside it sideways once scrolled into view.
     */
    public static void assertFitsWidth(ChromeDriver driver, WebElement control, String page) {
        Object fits = driver.executeScript("""
                const c = arguments[0];
                c.scrollIntoView({block: 'center'});
                const r = c.getBoundingClientRect();
                const page = document.documentElement.scrollWidth, view = window.innerWidth;
                return page <= view && r.left >= 0 && r.right <= view && r.width > 0 && r.height > 0
                    ? 'ok' : 'page ' + page + ' px in a ' + view + ' px window; control from ' + r.left + ' to ' + r.right;
                """, control);
        if (!"ok".equals(fits)) {
            throw new AssertionError(page + " does not fit: " + fits);
        }
    }

    /** Whether this is a real browser session that can take screenshots. */
    static boolean canScreenshot(Object driver) {
        return driver instanceof TakesScreenshot;
    }
}
