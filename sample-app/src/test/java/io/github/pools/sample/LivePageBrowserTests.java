package io.github.pools.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.pools.PoolRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests the live page in a real headless browser: Debian's {@code chromium}, driven
 * through {@code chromedriver}. Without them the test fails, naming the script that
 * installs them; it never skips.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LivePageBrowserTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * Selenium warns that it has no Chrome DevTools bindings for this Chromium version;
	 * the test uses WebDriver only. Held here so the quieter levels are not collected.
	 */
	private static final List<java.util.logging.Logger> QUIET_LOGGERS = List.of(
			java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
			java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

	private static ChromeDriver browser;

	private static Path profile;

	@LocalServerPort
	private int port;

	@Autowired
	private PoolRegistry pools;

	@BeforeAll
	static void startBrowser() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("The browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
					+ " (Debian's chromium and chromium-driver): run .ci/install-browser as root");
		}
		QUIET_LOGGERS.forEach((logger) -> logger.setLevel(java.util.logging.Level.SEVERE));
		profile = Files.createTempDirectory("pools-chromium-");
		browser = start(profile);
	}

	/**
	 * Start headless Chromium on a fresh profile. The machine has no internet, so every
	 * background connection Chromium would try is switched off.
	 * @param profile an empty directory for the browser profile
	 * @return the driver
	 */
	static ChromeDriver start(Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			FileSystemUtils.deleteRecursively(profile);
		}
	}

	@Test
	void pageListsEveryPoolAndItsNumbersMoveWhenLoadIsApplied() {
		browser.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(browser, WAIT);
		wait.withMessage("a card for every configured pool")
			.until((driver) -> poolNames().equals(this.pools.names()));
		for (String name : this.pools.names()) {
			WebElement card = card(name);
			assertThat(text(card, "state")).isEqualTo("running");
			assertThat(text(card, "kind")).isEqualToIgnoringCase(this.pools.get(name).kind().name());
			assertThat(text(card, "taskType")).isEqualTo("type " + this.pools.get(name).taskType());
		}

		long completedBefore = number(card("io"), "completed");
		card("io").findElement(By.cssSelector("button[data-action=load][data-tasks='200']")).click();
		wait.withMessage("io's completed count to grow after load")
			.until((driver) -> number(card("io"), "completed") > completedBefore);
		wait.withMessage("the activity log to report the load")
			.until((driver) -> driver.findElement(By.id("log")).getText().contains("io: 200 of 200 tasks"));

		long rejectedBefore = number(card("requests"), "rejected");
		card("requests").findElement(By.cssSelector("button[data-action=wrong-type]")).click();
		wait.withMessage("requests' rejected count to grow after tasks of the wrong type")
			.until((driver) -> number(card("requests"), "rejected") >= rejectedBefore + 20);
		assertThat(text(card("requests"), "reasons")).contains("taskType");
		assertThat(browser.findElement(By.id("health")).getText()).isEqualTo("UP");

		// The process pool shows its worker JVMs, and renders an image in one of them.
		wait.withMessage("the render pool's worker pids")
			.until((driver) -> !text(card("render"), "pids").isBlank());
		browser.findElement(By.cssSelector("button[data-render='render']")).click();
		wait.withMessage("an image rendered in a worker")
			.until((driver) -> driver.findElement(By.id("render-result")).getText().startsWith("rendered by worker pid"));
		assertThat(browser.findElement(By.id("rendered")).isDisplayed()).isTrue();
	}

	private List<String> poolNames() {
		return browser.findElements(By.cssSelector("article.pool"))
			.stream()
			.map((card) -> card.getDomAttribute("data-pool"))
			.toList();
	}

	private WebElement card(String pool) {
		return browser.findElement(By.cssSelector("article.pool[data-pool='" + pool + "']"));
	}

	private static String text(WebElement card, String field) {
		return card.findElement(By.cssSelector("[data-field='" + field + "']")).getText();
	}

	private static long number(WebElement card, String field) {
		return Long.parseLong(text(card, field).replaceAll("[^0-9]", ""));
	}

}
