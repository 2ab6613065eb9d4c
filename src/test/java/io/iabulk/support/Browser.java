package io.iabulk.support;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by {@code
 * .ci/run}) driven through Selenium, with the few moves a page test needs: open a path, find a
 * control by its label, click by accessible name, check accessibility with axe-core, read the
 * console's errors and take a screenshot. Selenium Manager is never asked for anything: the driver
 * and the browser are given by path, so nothing is ever downloaded.
 *
 * <p>Tests get one per test class through {@link BrowserTest}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Where {@link #screenshot} writes: the pictures the README shows, committed. */
    static final Path SCREENSHOTS = Path.of("docs/screenshots");

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Set<String> REPORTED_IMPACTS = Set.of("serious", "critical");

    private final ChromeDriver driver;
    private final Path profile;
    private final Duration startTime;
    private String baseUrl = "http://localhost";

    private Browser(ChromeDriver driver, Path profile, Duration startTime) {
        this.driver = driver;
        this.profile = profile;
        this.startTime = startTime;
    }

    /** Why no browser test can run here, or null when Chromium and its driver are installed. */
    static String missing() {
        List<String> missing = new ArrayList<>();
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                missing.add(binary.toString());
            }
        }
        return missing.isEmpty()
                ? null
                : String.join(" and ", missing) + " not installed; install Debian's chromium and chromium-driver"
                        + " (apt-get install -y chromium chromium-driver, as .ci/run does) to run the browser tests";
    }

    /** Starts a headless Chromium with a fresh profile. */
    static Browser start() {
        long started = System.nanoTime();
        Path profile;
        try {
            profile = Files.createTempDirectory("iabulk-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // belt and braces: the service below names the driver, so Selenium Manager is skipped
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                // the same pixels on every run: no scrollbars, no HiDPI
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15));
        Browser browser = new Browser(driver, profile, Duration.ofNanos(System.nanoTime() - started));
        browser.desktop();
        return browser;
    }

    /** How long starting Chromium and its driver took. */
    public Duration startTime() {
        return startTime;
    }

    /**
     * Points the browser at a service ({@code http://localhost:port}) with a clean slate: a blank
     * page, no cookies, the desktop window and no console messages left over.
     */
    Browser reset(String baseUrl) {
        this.baseUrl = baseUrl;
        driver.get("about:blank");
        // every site's cookies (deleteAllCookies would clear only those of the page shown, none here)
        driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        desktop();
        consoleErrors();
        return this;
    }

    /** The driver, for what the helpers here do not cover. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the service ({@code /c/launch}) and waits for it to load. */
    public Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** The path and query of the page shown ({@code /p/abc?joined=1}). */
    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    /** A desktop viewport: 1280×900 CSS pixels. */
    public Browser desktop() {
        return viewport(1280, 900, false);
    }

    /** A phone's viewport: 390×844 CSS pixels, laid out as a mobile browser does. */
    public Browser mobile() {
        return viewport(390, 844, true);
    }

    private Browser viewport(int width, int height, boolean mobile) {
        // the viewport exactly, not a window whose inner size depends on the browser's frame
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        return this;
    }

    /** Waits until an element matching a CSS selector is visible, and returns it. */
    public WebElement waitFor(String css) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(() -> "nothing visible matches " + css + " on " + path())
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /**
     * Types a value into the control whose {@code <label>} reads {@code label} (exactly, or
     * starting with it: "Email address" finds "Email address (required)"), or picks the option of
     * that text in a {@code <select>}. A control without a label cannot be found, so a test that
     * fills a form this way also proves that every control it uses is labelled.
     */
    public WebElement fill(String label, String value) {
        WebElement control = labelled(label);
        if (control.getTagName().equals("select")) {
            new Select(control).selectByVisibleText(value);
        } else {
            control.clear();
            control.sendKeys(value);
        }
        return control;
    }

    /** The control a visible {@code <label>} names (through {@code for}, or nested in it). */
    public WebElement labelled(String label) {
        List<WebElement> labels = driver.findElements(By.tagName("label")).stream()
                .filter(WebElement::isDisplayed)
                .toList();
        List<WebElement> exact = labels.stream()
                .filter(l -> normalise(l.getText()).equals(label))
                .toList();
        List<WebElement> matching = exact.isEmpty()
                ? labels.stream()
                        .filter(l -> normalise(l.getText()).startsWith(label))
                        .toList()
                : exact;
        if (matching.size() != 1) {
            throw new AssertionError("expected one label \"" + label + "\" on " + path() + ", found "
                    + matching.size() + "; the labels are "
                    + labels.stream().map(l -> normalise(l.getText())).toList());
        }
        WebElement found = matching.getFirst();
        String target = found.getDomAttribute("for");
        if (target != null && !target.isBlank()) {
            List<WebElement> controls = driver.findElements(By.id(target));
            if (controls.size() != 1) {
                throw new AssertionError("label \"" + label + "\" is for #" + target + ", which matches "
                        + controls.size() + " elements on " + path());
            }
            return controls.getFirst();
        }
        List<WebElement> nested = found.findElements(By.cssSelector("input, select, textarea"));
        if (nested.size() != 1) {
            throw new AssertionError("label \"" + label + "\" has no for= and " + nested.size() + " controls inside");
        }
        return nested.getFirst();
    }

    /** Sends keys to the focused element, such as {@code Keys.ENTER} to submit a form. */
    public Browser press(CharSequence... keys) {
        driver.switchTo().activeElement().sendKeys(keys);
        return this;
    }

    /**
     * Clicks the one visible button or link whose accessible name (what a screen reader announces)
     * is {@code text}.
     */
    public Browser click(String text) {
        List<WebElement> candidates = driver
                .findElements(By.cssSelector("button, a[href], input[type=submit], input[type=button], [role=button],"
                        + " [role=link], summary"))
                .stream()
                .filter(WebElement::isDisplayed)
                .toList();
        List<WebElement> named = candidates.stream()
                .filter(e -> normalise(e.getAccessibleName()).equals(text))
                .toList();
        if (named.size() != 1) {
            throw new AssertionError("expected one button or link named \"" + text + "\" on " + path() + ", found "
                    + named.size() + "; the names are "
                    + candidates.stream()
                            .map(e -> normalise(e.getAccessibleName()))
                            .toList());
        }
        named.getFirst().click();
        return this;
    }

    /**
     * Runs axe-core on the page and fails on any serious or critical violation, saying the rule,
     * what it asks for and the elements that break it. Frames are left out: the console's only ones
     * show an email's preview, the operator's content in a sandbox without scripts, where axe-core
     * cannot run and waited 30 s for each before giving up.
     */
    public Browser assertAccessible() {
        Results results = new AxeBuilder().disableIframeTesting().analyze(driver);
        if (results.getError() != null || results.getErrorMessage() != null) {
            throw new AssertionError("axe-core failed on " + path() + ": " + results.getErrorMessage());
        }
        List<Rule> violations = results.getViolations().stream()
                .filter(rule -> REPORTED_IMPACTS.contains(rule.getImpact()))
                .toList();
        if (!violations.isEmpty()) {
            StringBuilder message = new StringBuilder("accessibility violations on " + path() + ":");
            for (Rule rule : violations) {
                message.append("\n- ")
                        .append(rule.getId())
                        .append(" (")
                        .append(rule.getImpact())
                        .append("): ")
                        .append(rule.getHelp())
                        .append(" ")
                        .append(rule.getHelpUrl());
                rule.getNodes().forEach(node -> message.append("\n    ").append(node.getTarget()));
            }
            throw new AssertionError(message.toString());
        }
        return this;
    }

    /**
     * The errors the page logged to the console since the last call (scripts that failed, resources
     * that did not load, content-security-policy violations). Reading them clears them.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /**
     * Saves the whole page (not only the viewport) as {@code docs/screenshots/<name>.png}, as wide
     * as the viewport and as tall as the page. The file is only rewritten when its bytes changed, so
     * a rerun of a page with the same content leaves the committed picture alone.
     */
    public Path screenshot(String name) {
        JavascriptExecutor js = driver;
        Number width = (Number) js.executeScript("return document.documentElement.clientWidth");
        Number height = (Number)
                js.executeScript("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), png)) {
                Files.write(file, png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            System.err.println("Could not delete the Chromium profile " + profile + ": " + e.getMessage());
        }
    }

    private static String normalise(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
