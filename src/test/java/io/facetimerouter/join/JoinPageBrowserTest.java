package io.facetimerouter.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.facetimerouter.call.AgoraCredentials;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The join page in a real headless Chromium (Debian's chromium and chromium-driver, which
 * {@code .ci/run} installs). The Agora SDK is a stub that records what the page joins with.
 */
class JoinPageBrowserTest extends JoinPageSupport {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ChromeDriver browser;

    @BeforeEach
    void chromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: the join page test needs Debian's chromium and chromium-driver (apt-get install chromium"
                        + " chromium-driver), which .ci/run installs; they are not on this machine");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--user-data-dir=" + Files.createTempDirectory("join-page-chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        browser = new ChromeDriver(driver, options);
        serveStubSdk();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageJoinsTheCallsAgoraChannelWithItsStoredCredentials() {
        String path = sendblueCall("browser-join-1");

        browser.get("http://127.0.0.1:" + port + path);

        waitForState("joined");
        AgoraCredentials stored = ledger.find("browser-join-1").orElseThrow().agora();
        Object joins = ((JavascriptExecutor) browser).executeScript("return window.__agoraJoins;");
        assertThat(joins).isEqualTo(List.of(List.of(stored.appId(), stored.channelName(), stored.token(), stored.uid())));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__published;")).isEqualTo(List.of(1L));
        assertThat(browser.findElement(By.id("status")).getText())
                .isEqualTo("You are in the call. Waiting for the other side...");
    }

    @Test
    void anExpiredLinkShowsTheExpiredPage() {
        sendblueCall("browser-expired-1");

        browser.get("http://127.0.0.1:" + port + "/join/" + tokens.issue("browser-expired-1", Instant.now().minusSeconds(1)));

        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("This call link has expired.");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__agoraJoins === undefined;")).isEqualTo(true);
    }

    private void waitForState(String state) {
        await().atMost(Duration.ofSeconds(15)).until(() ->
                state.equals(browser.findElement(By.id("status")).getDomAttribute("data-state")));
    }
}
