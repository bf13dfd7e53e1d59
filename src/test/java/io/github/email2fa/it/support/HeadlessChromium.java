package io.github.email2fa.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
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

    /** Whether this is a real browser session that can take screenshots. */
    static boolean canScreenshot(Object driver) {
        return driver instanceof TakesScreenshot;
    }
}
