package dev.invaders.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.invaders.cpu.FetchExecuteApplication;
import dev.invaders.opcode.OpcodeServiceApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The page in a real headless Chromium against the real services, all started in this JVM on free ports:
 * an opcode service, fetch-execute (routing to it) and the UI (fronting fetch-execute). Screenshots are kept
 * in target/e2e-screenshots/ (ui.png is the README's picture, docs/ui.png).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class BrowserE2eTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Upright row 243 (bit row 12): the ground line the demo game draws when a game starts, not before. */
    static final int GROUND_ROW = 243;

    static Path shots;
    static ConfigurableApplicationContext opcodes;
    static ConfigurableApplicationContext cpu;
    static ConfigurableApplicationContext ui;
    static int uiPort;
    static Browser browser;
    static Http api;
    static String base;
    static String demoSession;

    @BeforeAll
    static void start() throws IOException {
        Browser.requireChromium();
        shots = Path.of(System.getProperty("invaders.e2e.screenshots", "target/e2e-screenshots"));
        Files.createDirectories(shots);
        opcodes = Apps.start(OpcodeServiceApplication.class, 0);
        cpu = Apps.start(FetchExecuteApplication.class, 0, "--invaders.cpu.routes.default=" + Apps.url(opcodes),
                "--invaders.cpu.max-sessions=8", "--invaders.cpu.call-deadline=30s");
        ui = Apps.start(InvadersUiApplication.class, 0, "--invaders.ui.cpu-url=" + Apps.url(cpu));
        uiPort = Apps.port(ui);
        base = Apps.url(ui);
        api = new Http(base, null);
        browser = Browser.start(shots.getParent().resolve("e2e-browser"));
        browser.driver.get(base + "/");
        waitUntil("the page's script ran", () -> "true".equals(js("return document.body.dataset.ready || ''")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {ui, cpu, opcodes}) {
            if (c != null) {
                c.close();
            }
        }
    }

    // --- helpers --------------------------------------------------------------------------------------

    static Object js(String script, Object... args) {
        return browser.driver.executeScript(script, args);
    }

    static WebElement el(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    static void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser.driver, WAIT, Duration.ofMillis(100)).withMessage(what)
                .until(d -> condition.getAsBoolean());
    }

    static long frameShown() {
        String text = el("#stat-frame").getText().replace(",", "");
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }

    /** Lit pixels of one upright row of the canvas (as the page drew it). */
    static long litInRow(int row) {
        return ((Number) js("""
                const d = document.getElementById('screen').getContext('2d').getImageData(0, arguments[0], 224, 1).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 0) n++;
                return n;""", row)).longValue();
    }

    /**
     * Where the player is: the median column of the lit pixels in the rows it is drawn in (bit rows 16-23,
     * upright rows 232-239; a bomb passing adds a few pixels, the ship is most of them), -1 when none.
     */
    static long playerX() {
        return ((Number) js("""
                const d = document.getElementById('screen').getContext('2d').getImageData(0, 232, 224, 8).data;
                const xs = [];
                for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 0) xs.push((i / 4) % 224);
                xs.sort((a, b) => a - b);
                return xs.length ? xs[Math.floor(xs.length / 2)] : -1;""")).longValue();
    }

    static byte[] canvasShot(String name) throws IOException {
        byte[] png = el("#screen").getScreenshotAs(OutputType.BYTES);
        Files.write(shots.resolve(name), png);
        return png;
    }

    static void pageShot(String name) throws IOException {
        Files.write(shots.resolve(name), browser.driver.getScreenshotAs(OutputType.BYTES));
    }

    static long differentPixels(byte[] a, byte[] b) throws IOException {
        BufferedImage x = ImageIO.read(new ByteArrayInputStream(a));
        BufferedImage y = ImageIO.read(new ByteArrayInputStream(b));
        assertThat(x.getWidth()).isEqualTo(y.getWidth());
        long n = 0;
        for (int j = 0; j < x.getHeight(); j++) {
            for (int i = 0; i < x.getWidth(); i++) {
                if (x.getRGB(i, j) != y.getRGB(i, j)) {
                    n++;
                }
            }
        }
        return n;
    }

    static String connection() {
        return el("#connection").getText();
    }

    static void focusScreen() {
        js("document.getElementById('screen').focus()");
    }

    static void press(CharSequence key) {
        browser.driver.switchTo().activeElement().sendKeys(key);
    }

    // --- the tests ------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void thePageLoadsWithLabelledControlsAndAStatusLine() throws IOException {
        assertThat(browser.driver.getTitle()).isEqualTo("Invaders");
        assertThat(el("#connection").getAttribute("role")).isEqualTo("status");
        assertThat(el("#connection").getAttribute("aria-live")).isEqualTo("polite");
        assertThat(el("#message").getAttribute("role")).isEqualTo("alert");
        assertThat(el("#screen").getAttribute("aria-label")).contains("arrows", "space", "coin");
        // Every control is a real button with a name.
        List<WebElement> buttons = browser.driver.findElements(By.cssSelector("button"));
        assertThat(buttons).hasSizeGreaterThan(10);
        for (WebElement b : buttons) {
            String name = b.getAccessibleName();
            assertThat(name).as("button " + b.getAttribute("id")).isNotBlank();
        }
        // Form fields have labels.
        for (String id : new String[] {"mode", "rom-file", "cpm-file", "cpm-mode", "overlay"}) {
            assertThat(el("#" + id).getAccessibleName()).as(id).isNotBlank();
        }
        // Crisp: whole device pixels per game pixel, no smoothing.
        assertThat(el("#screen").getCssValue("image-rendering")).isEqualTo("pixelated");
        long scale = Long.parseLong(el("#screen").getAttribute("data-scale"));
        assertThat(scale).isPositive();
        assertThat(el("#screen").getSize().getWidth()).isEqualTo(224 * (int) scale);
        assertThat(el("#screen").getSize().getHeight()).isEqualTo(256 * (int) scale);
        // Keyboard focus is visible: the page has the focus (emulated, see Browser.start), and Tab moves the
        // focus from the screen to the next control, which then shows its outline.
        assertThat(js("return document.hasFocus()")).as("the page has the focus").isEqualTo(true);
        focusScreen();
        assertThat(el("#screen").getCssValue("outline-style")).isEqualTo("solid");
        press(Keys.TAB);
        WebElement next = browser.driver.switchTo().activeElement();
        assertThat(next.getAttribute("id")).as("Tab leaves the screen").isNotEqualTo("screen");
        assertThat(next.getCssValue("outline-style")).as("outline of #" + next.getAttribute("id")).isEqualTo("solid");
        focusScreen();
        pageShot("page-loaded.png");
        // The cabinet's buttons stay in view with the screen, in this window and in a 1280 x 900 viewport.
        assertCabinetInView();
        Dimension size = browser.driver.manage().window().getSize();
        long chrome = (Long) js("return window.outerHeight - window.innerHeight");
        browser.driver.manage().window().setSize(new Dimension(1280, 900 + (int) chrome));
        waitUntil("a 900 px high viewport", () -> ((Long) js("return window.innerHeight")) == 900);
        browser.driver.executeAsyncScript( // two animation frames: the resize handlers have refitted the screen
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));");
        assertCabinetInView();
        browser.driver.manage().window().setSize(size);
        assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Uncaught"));
    }

    static void assertCabinetInView() {
        for (String control : new String[] {"p1-left", "p1-fire", "p1-right"}) {
            WebElement button = el("button[data-control='" + control + "']");
            long bottom = ((Number) js("return arguments[0].getBoundingClientRect().bottom", button)).longValue();
            long viewport = (Long) js("return window.innerHeight");
            assertThat(bottom).as(control + " button's bottom in a viewport " + viewport + " px high").isLessThanOrEqualTo(viewport);
        }
    }

    @Test
    @Order(2)
    void theDemoGameStartsAndItsPictureMoves() throws Exception {
        new Select(el("#mode")).selectByValue("local");
        el("#start-demo").click();
        waitUntil("the stream is live", () -> connection().contains("Live") && frameShown() > 10);
        demoSession = (String) js("return decodeURIComponent(location.hash.replace('#session=', ''))");
        assertThat(api.get("/api/v1/sessions/" + demoSession).json().get("status").asString()).isEqualTo("running");
        byte[] first = canvasShot("demo-1.png");
        long f1 = frameShown();
        long t1 = System.nanoTime();
        Thread.sleep(1500); // the measurement: how far the picture moves in 1.5 s
        byte[] second = canvasShot("demo-2.png");
        long f2 = frameShown();
        double seconds = (System.nanoTime() - t1) / 1e9;
        assertThat(f2).as("frames shown advance").isGreaterThan(f1);
        assertThat(differentPixels(first, second)).as("pixels that changed between two screenshots").isPositive();
        // Realtime pace: no faster than the arcade's 59.54 frames a second (with slack for timing).
        assertThat((f2 - f1) / seconds).as("frames a second").isLessThan(75);
        // The stats arrive: a mode, an emulated clock.
        waitUntil("stats", () -> el("#stat-mode").getText().equals("local") && !el("#stat-mhz").getText().equals("–"));
        // The session is listed, marked as the one shown.
        WebElement row = el("#session-list tr[data-id='" + demoSession + "']");
        assertThat(row.getAttribute("aria-current")).isEqualTo("true");
    }

    @Test
    @Order(3)
    void coinAndStartKeysBeginAGame() throws Exception {
        assumeTrue(demoSession != null, "needs the demo game from the test before");
        // Attract mode: no ground line yet.
        assertThat(litInRow(GROUND_ROW)).as("attract mode has no ground line").isLessThan(200);
        focusScreen();
        press("c");
        Thread.sleep(300); // the game counts the coin before it reads the start key
        press("1");
        waitUntil("the game's ground line is drawn (GAME_INIT)", () -> litInRow(GROUND_ROW) >= 220);
        // Playing: the left arrow moves the player (drawn at bit rows 16-23, upright rows 232-239).
        long before = playerX();
        assertThat(before).as("the player is drawn").isPositive();
        // Held until the player moves: the game takes input only once its start-up animation is over, which a
        // loaded machine stretches (a fixed short press can fall entirely before it).
        new org.openqa.selenium.interactions.Actions(browser.driver).keyDown(Keys.ARROW_LEFT).perform();
        waitUntil("the player moved left", () -> playerX() >= 0 && playerX() < before - 10);
        new org.openqa.selenium.interactions.Actions(browser.driver).keyUp(Keys.ARROW_LEFT).perform();
        // The on-screen Right button, held with the pointer (as a finger would), moves it back.
        long afterLeft = playerX();
        new org.openqa.selenium.interactions.Actions(browser.driver).clickAndHold(el("button[data-control='p1-right']"))
                .perform();
        waitUntil("the player moved right", () -> playerX() > afterLeft + 10);
        new org.openqa.selenium.interactions.Actions(browser.driver).release().perform();
        // Sound on: Web Audio starts without an error (headless Chromium plays into nothing).
        el("#sound").click();
        waitUntil("sound on", () -> "true".equals(el("#sound").getAttribute("aria-pressed")));
        assertThat(js("return document.getElementById('message').textContent")).isEqualTo("");
        canvasShot("game.png");
        // The stream while playing, as this UI relayed it and as the page counted it.
        StreamMetrics metrics = ui.getBean(StreamMetrics.class);
        double b0 = metrics.bytesRelayed();
        long t0 = System.nanoTime();
        Thread.sleep(5000); // the measurement: the bytes relayed in five seconds of play
        double kbPerSecond = (metrics.bytesRelayed() - b0) / 1024 / ((System.nanoTime() - t0) / 1e9);
        String pageKb = el("#stat-kbps").getText();
        System.out.printf("stream while playing (local mode, realtime): %.2f KB/s relayed by the UI; the page shows %s KB/s%n",
                kbPerSecond, pageKb);
        assertThat(kbPerSecond).isBetween(0.5, 200.0);
        assertThat(Double.parseDouble(pageKb)).isGreaterThan(0);
        pageShot("playing.png");
    }

    @Test
    @Order(4)
    void aBadUploadShowsTheServersMessage() throws Exception {
        Path bad = shots.getParent().resolve("e2e-browser").resolve("not-a-rom.bin");
        byte[] junk = "this is not a Space Invaders ROM".repeat(10).getBytes();
        Files.write(bad, junk);
        // What the server says about these bytes, asked directly.
        Http.Response direct = api.post("/api/v1/sessions", Map.of("machine", "invaders", "mode", "local",
                "pace", "realtime", "stopAfterFrames", 216000, "romImage", Base64.getEncoder().encodeToString(junk)));
        assertThat(direct.status()).isEqualTo(400);
        String detail = direct.json().get("detail").asString();
        assertThat(detail).isNotBlank();

        el("#rom-file").sendKeys(bad.toAbsolutePath().toString());
        waitUntil("the problem is shown", () -> !el("#message").getText().isBlank());
        assertThat(el("#message").getText()).contains(detail);
        pageShot("bad-upload.png");
        // The game shown before is still the one shown.
        assertThat(connection()).contains(demoSession.substring(0, 8));
    }

    @Test
    @Order(5)
    void pauseResumeAndSwitchingSessionsWork() throws Exception {
        assumeTrue(demoSession != null, "needs the demo game from the tests before");
        el("#pause").click();
        waitUntil("paused", () -> el("#stat-status").getText().equals("paused"));
        Thread.sleep(300); // frames already on their way are shown before the count
        long a = frameShown();
        Thread.sleep(1000); // a second passes while paused: no frame may be shown in it
        assertThat(frameShown()).as("no frames while paused").isEqualTo(a);
        assertThat(api.get("/api/v1/sessions/" + demoSession).json().get("status").asString()).isEqualTo("paused");
        el("#resume").click();
        waitUntil("running again", () -> frameShown() > a + 10);

        // A second game, in cached mode (its calls go to the opcode service: the mesh map shows them), then
        // back to the first through the list.
        new Select(el("#mode")).selectByValue("cached");
        el("#start-demo").click();
        waitUntil("a second session shown", () -> !connection().contains(demoSession.substring(0, 8))
                && connection().contains("Live"));
        String second = (String) js("return decodeURIComponent(location.hash.replace('#session=', ''))");
        waitUntil("the mesh map shows the opcode service's families", () -> el("#stat-mode").getText().equals("cached")
                && browser.driver.findElements(By.cssSelector("#mesh li.tile.remote")).size() >= 5);
        assertThat(el("#mesh-legend").getText()).contains("families");
        waitUntil("both listed", () -> browser.driver.findElements(By.cssSelector("#session-list tr")).size() >= 2);
        el("#session-list tr[data-id='" + demoSession + "'] button.watch").click();
        waitUntil("the first shown again", () -> connection().contains(demoSession.substring(0, 8))
                && connection().contains("Live"));
        // The README's picture: a taller window, so that the stats and the mesh map show too.
        Dimension size = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new Dimension(1280, 1160));
        waitUntil("the mesh map of the game shown", () -> el("#stat-mode").getText().equals("local")
                && browser.driver.findElements(By.cssSelector("#mesh li.tile")).size() >= 10);
        Thread.sleep(1500); // the picture for the README: the page settles (stats, mesh map) before the shot
        pageShot("ui.png");
        browser.driver.manage().window().setSize(size);
        // Stop the second from the list.
        el("#session-list tr[data-id='" + second + "'] button.remove").click();
        waitUntil("the second is gone", () -> api.get("/api/v1/sessions/" + second).status() == 404
                && browser.driver.findElements(By.cssSelector("#session-list tr[data-id='" + second + "']")).isEmpty());
    }

    @Test
    @Order(6)
    void whenTheUiServiceRestartsThePageSaysSoAndReconnects() throws Exception {
        assumeTrue(demoSession != null, "needs the demo game from the tests before");
        waitUntil("live", () -> connection().contains("Live"));
        ui.close();
        waitUntil("the page shows it is reconnecting", () -> connection().contains("reconnecting"));
        pageShot("reconnecting.png");
        ui = Apps.start(InvadersUiApplication.class, uiPort, "--invaders.ui.cpu-url=" + Apps.url(cpu));
        long before = frameShown();
        waitUntil("live again", () -> connection().contains("Live") && frameShown() > before + 30);
    }

    @Test
    @Order(7)
    void theCpmConsoleShowsTst8080InStrictMode() throws Exception {
        Path tst = cpuTests().resolve("TST8080.COM");
        assumeTrue(Files.isRegularFile(tst), () -> "skipped: " + tst + " not found. Put TST8080.COM there, or name its"
                + " folder with -Dinvaders.cpuTests=DIR or INVADERS_CPU_TESTS=DIR");
        el("#cpm-file").sendKeys(tst.toAbsolutePath().toString());
        new Select(el("#cpm-mode")).selectByValue("strict");
        el("#cpm-run").click();
        waitUntil("the console view", () -> el("#console").isDisplayed());
        new WebDriverWait(browser.driver, Duration.ofSeconds(90), Duration.ofMillis(200))
                .withMessage("TST8080's output").until(d -> el("#console").getText().contains("CPU IS OPERATIONAL"));
        assertThat(el("#stat-mode").getText()).isEqualTo("strict");
        waitUntil("finished", () -> el("#console-state").getText().contains("finished"));
        pageShot("cpm-tst8080.png");
        // No script error in the whole run (failed requests and refused WebSockets are logged too: expected).
        assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Uncaught"));
    }

    static Path cpuTests() {
        return Path.of(Browser.setting("invaders.cpuTests", "INVADERS_CPU_TESTS", "../../../shared/roms/cpu-tests"))
                .toAbsolutePath().normalize();
    }
}
