package dev.invaders.ui;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's headless Chromium through its own chromedriver, both named explicitly so that Selenium
 * Manager never looks for (or downloads) anything: {@code -Dinvaders.chromium} / {@code INVADERS_CHROMIUM}
 * (default /usr/bin/chromium) and {@code -Dinvaders.chromedriver} / {@code INVADERS_CHROMEDRIVER} (default
 * /usr/bin/chromedriver). When they are missing the tests are skipped with a message, unless
 * {@code -Dinvaders.e2e.required=true} (the e2e profile, CI), where that is a failure.
 */
final class Browser implements AutoCloseable {
    /*
     * Selenium looks for a CDP binding matching the browser's version at every start and warns when it has
     * none. These tests use CDP only through chromedriver's own endpoint (executeCdpCommand), which needs no
     * binding, so the warning says nothing useful; the loggers are held here so their level stays set.
     */
    private static final List<Logger> QUIET = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
            "org.openqa.selenium.chromium.ChromiumDriver").map(Logger::getLogger).toList();

    static {
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
    }

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Skips (or, when required, fails) unless Chromium and chromedriver are there. */
    static void requireChromium() {
        Path chromium = Path.of(setting("invaders.chromium", "INVADERS_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(setting("invaders.chromedriver", "INVADERS_CHROMEDRIVER", "/usr/bin/chromedriver"));
        boolean found = Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
        String message = "browser end-to-end tests need Chromium at " + chromium + " and chromedriver at "
                + chromedriver + " (Debian: apt-get install chromium chromium-driver; or name them with"
                + " -Dinvaders.chromium=... -Dinvaders.chromedriver=...)";
        if (!found) {
            if (Boolean.getBoolean("invaders.e2e.required")) {
                fail("required (-Pe2e): " + message);
            }
            System.out.println("skipped: " + message);
        }
        assumeTrue(found, () -> "skipped: " + message);
    }

    static Browser start(Path workDir) {
        Path chromium = Path.of(setting("invaders.chromium", "INVADERS_CHROMIUM", "/usr/bin/chromium"));
        File chromedriver = new File(setting("invaders.chromedriver", "INVADERS_CHROMEDRIVER", "/usr/bin/chromedriver"));
        try {
            Files.createDirectories(workDir);
            Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                    .usingAnyFreePort().withLogFile(workDir.resolve("chromedriver.log").toFile()).build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toString());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                    "--autoplay-policy=no-user-gesture-required", "--force-device-scale-factor=1",
                    "--window-size=1280,900", "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriver driver = new ChromeDriver(service, options);
            // A headless window started with a new profile may never get the OS's focus, and then the page
            // has no focus (document.hasFocus() is false) and :focus and :focus-visible never apply. The
            // DevTools protocol's focus emulation makes the page behave as the focused one, as a user's is.
            driver.executeCdpCommand("Emulation.setFocusEmulationEnabled", Map.of("enabled", true));
            return new Browser(service, driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser console's messages since the last call, as text. */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover profile in target/ is harmless
            }
        }
    }
}
