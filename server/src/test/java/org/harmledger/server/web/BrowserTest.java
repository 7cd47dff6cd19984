package org.harmledger.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.harmledger.server.ApiServer;
import org.harmledger.service.DemoLedger;
import org.harmledger.service.LedgerService;
import org.harmledger.storage.SqliteLedgerStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser: Debian's Chromium, driven by Selenium through Debian's
 * chromedriver, against the server on a real SQLite ledger with the demo loaded. Screenshots go to
 * {@code server/target/screenshots}. Skipped (with a message) where Chromium is not installed;
 * {@code .ci/run} installs it.
 */
class BrowserTest {
  static final File CHROMIUM = new File("/usr/bin/chromium");
  static final File DRIVER = new File("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");
  static WebDriver browser;
  static Path profile;

  @TempDir Path dir;
  SqliteLedgerStore store;
  LedgerService ledger;
  ApiServer server;

  @BeforeAll
  static void openBrowser() throws Exception {
    Assumptions.assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(),
        "skipped: Debian chromium and chromium-driver are not installed here (.ci/run installs them: apt-get install chromium chromium-driver)");
    profile = Files.createTempDirectory("hl-chromium");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    // Headless, and quiet towards the network this machine does not have (see the machine notes).
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
    browser = new ChromeDriver(service, o);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) browser.quit();
  }

  @BeforeEach
  void start() {
    store = SqliteLedgerStore.open(dir.resolve("web.db"));
    ledger = new LedgerService(store);
    DemoLedger.load(ledger, Optional.empty());
    server = ApiServer.start(ledger, "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.stop();
    store.close();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  String text(String id) {
    return browser.findElement(By.id(id)).getText().trim();
  }

  void shot(String name, int height) throws Exception {
    browser.manage().window().setSize(new Dimension(1280, height));
    Thread.sleep(300); // let the charts redraw at the new size
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(new Dimension(1280, 1000));
  }

  @Test
  void theRaqqaCampaignShowsTheOfficial23BesideTheIndependentFigureWithChartsAndMap() throws Exception {
    browser.get(url("/campaigns/raqqa-2017?as_of=2018-12-31"));
    assertThat(text("killed-official")).isEqualTo("23");
    assertThat(text("killed-independent")).isEqualTo("≥ 200");
    assertThat(text("killed-documented")).startsWith("70").contains("in 4 incidents");
    assertThat(text("cases-reopened")).isEqualTo("4");
    // the charts and the map are drawn by the page's scripts (ECharts canvas, Leaflet markers)
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-gap canvas")));
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#map path.leaflet-interactive")));
    // the basis of the official figure is one click away
    WebElement official = browser.findElement(By.xpath("//h4[text()='Official']/following-sibling::details"));
    official.findElement(By.tagName("summary")).click();
    assertThat(official.getText()).contains("US-led coalition (CJTF-OIR)").contains("killed 23");
    shot("campaign", 2700);
    assertThat(browser.findElement(By.linkText("ACLED columns")).getAttribute("href")).endsWith("/api/campaigns/raqqa-2017/acled.csv");
    assertThat(browser.findElement(By.id("gap-svg")).getAttribute("href")).endsWith("/campaigns/raqqa-2017/gap.svg?as_of=2018-12-31");
    assertThat(browser.findElement(By.id("case-report-csv")).getAttribute("href")).contains("/api/campaigns/raqqa-2017/case-report.csv?by=", "as_of=2018-12-31");
    // the month's report names the four reopened cases, one click away, each a link to its case
    WebElement reopened = browser.findElement(By.cssSelector("#case-report tr[data-period='2018-06'] td.reopened details"));
    assertThat(reopened.findElement(By.tagName("summary")).getText()).isEqualTo("4");
    reopened.findElement(By.tagName("summary")).click();
    assertThat(reopened.findElements(By.tagName("a"))).extracting(WebElement::getText)
        .containsExactly("case-raqqa-reopened-1", "case-raqqa-reopened-2", "case-raqqa-reopened-3", "case-raqqa-reopened-4");
    reopened.findElement(By.linkText("case-raqqa-reopened-1")).click();
    waiting().until(ExpectedConditions.urlContains("/cases/case-raqqa-reopened-1"));

    browser.get(url("/incidents?campaign=raqqa-2017"));
    assertThat(text("result-count")).startsWith("4 incidents");
    browser.findElement(By.linkText("Air strike investigated in detail by Amnesty International (1 of 4)")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("claims-h")));
    assertThat(browser.findElement(By.cssSelector("table.claims")).getText()).contains("Amnesty International");
    shot("incident", 1800);
  }

  @Test
  void aSourceAndAClaimEnteredThroughTheFormsChangeTheTally() throws Exception {
    browser.get(url("/campaigns/raqqa-2017?as_of=2018-12-31"));
    assertThat(text("killed-official")).isEqualTo("23");

    browser.get(url("/sources/new"));
    browser.findElement(By.id("publisher")).sendKeys("US-led coalition (CJTF-OIR)");
    new Select(browser.findElement(By.id("kind"))).selectByValue("belligerent_statement");
    new Select(browser.findElement(By.id("role"))).selectByValue("accused_belligerent");
    browser.findElement(By.id("published")).sendKeys("12/01/2018"); // the date field takes the browser locale's order
    browser.findElement(By.id("title")).sendKeys("Monthly civilian casualty report, December 2018");
    browser.findElement(By.id("actor")).sendKeys("ana");
    browser.findElement(By.id("save-source")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("add-claim")));
    assertThat(text("publisher")).isEqualTo("US-led coalition (CJTF-OIR)");
    String source = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);

    browser.findElement(By.id("add-claim")).click();
    new Select(browser.findElement(By.id("campaign"))).selectByValue("raqqa-2017");
    browser.findElement(By.id("killed")).sendKeys("104");
    browser.findElement(By.id("quote")).sendKeys("104 civilians were unintentionally killed by Coalition strikes in Raqqa.");
    browser.findElement(By.id("save-claim")).click();
    waiting().until(ExpectedConditions.urlContains("/sources/" + source));
    assertThat(browser.findElement(By.cssSelector("table.claims")).getText()).contains("104");
    // the save is in the source's history at once
    assertThat(browser.findElement(By.id("history")).getText()).contains("create of claim/").contains("by ana");

    browser.get(url("/campaigns/raqqa-2017?as_of=2018-12-31"));
    assertThat(text("killed-official")).as("the coalition's later figure supersedes its 23").isEqualTo("104");
    assertThat(text("killed-independent")).isEqualTo("≥ 200");
  }

  @Test
  void aBadValueIsShownBesideItsFieldAndNothingIsSaved() throws Exception {
    browser.get(url("/claims/new?source=ritzau-2018-06"));
    new Select(browser.findElement(By.id("campaign"))).selectByValue("raqqa-2017");
    browser.findElement(By.id("killed")).sendKeys("12-5");
    browser.findElement(By.id("injured")).sendKeys("many");
    browser.findElement(By.id("save-claim")).click();
    WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("e-killed")));
    assertThat(error.getText()).contains("12").containsIgnoringCase("min");
    // beside its field: the error is inside the same field block as the input it names
    assertThat(browser.findElement(By.xpath("//input[@id='killed']/parent::div")).getAttribute("class")).contains("invalid");
    assertThat(browser.findElement(By.id("killed")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(text("e-injured")).contains("many");
    assertThat(text("form-errors")).contains("Nothing was saved");
    assertThat(browser.findElement(By.id("killed")).getAttribute("value")).as("what was typed is kept").isEqualTo("12-5");
    shot("form-error", 1400);

    // an incident the ledger does not hold is the incident input's error, not the fieldset's
    browser.get(url("/claims/new?source=ritzau-2018-06"));
    browser.findElement(By.id("incident")).sendKeys("inc-nowhere");
    browser.findElement(By.id("killed")).sendKeys("3");
    browser.findElement(By.id("save-claim")).click();
    assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("e-incident"))).getText())
        .contains("inc-nowhere").contains("no incident has this id");
    assertThat(browser.findElement(By.id("incident")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.findElements(By.id("e-subject"))).isEmpty();
    assertThat(text("form-errors")).contains("1 value to correct");

    browser.get(url("/campaigns/raqqa-2017?as_of=2018-12-31"));
    assertThat(text("killed-official")).isEqualTo("23");
  }

  @Test
  void arabicTextRunsRightToLeftAndTheIntegrityPageVerifies() {
    browser.get(url("/verify"));
    assertThat(text("verify-result")).startsWith("Intact");
    String words = "قالت منظمة العفو الدولية إن غارات التحالف قتلت مئات المدنيين";
    org.harmledger.domain.Claim c = org.harmledger.ledger.Json.read("""
        {"source":"ritzau-2018-06","subject":{"kind":"aggregate","campaign":"raqqa-2017"},"killed":{"min":200},
         "quote":"%s","quote_language":"ar"}""".formatted(words), org.harmledger.domain.Claim.class);
    String id = ledger.create(c, new org.harmledger.service.Meta("test", "an Arabic quote")).id();
    browser.get(url("/sources/ritzau-2018-06"));
    WebElement quote = browser.findElement(By.cssSelector("tr[id='" + id + "'] td.quote q"));
    assertThat(quote.getText()).contains("منظمة العفو الدولية");
    assertThat(quote.getCssValue("direction")).as("recorded Arabic runs right to left inside the English page").isEqualTo("rtl");
    assertThat(browser.findElement(By.id("publisher")).getCssValue("direction")).as("Latin text stays left to right").isEqualTo("ltr");
  }

  @Test
  void aFormOnAnotherSiteCannotRetractAClaimThroughTheRecordersBrowser() throws Exception {
    // The attack: a page elsewhere that posts a retraction to the ledger the moment it loads.
    String target = url("/claims/clm-coalition-23/retract");
    byte[] page = ("<!doctype html><title>cat pictures</title><form id=f method=post action='" + target + "'>"
        + "<input name=reason value=forged><input name=back value=/></form><script>document.getElementById('f').submit()</script>")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    com.sun.net.httpserver.HttpServer attacker = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    attacker.createContext("/", x -> {
      x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      x.sendResponseHeaders(200, page.length);
      x.getResponseBody().write(page);
      x.close();
    });
    attacker.start();
    try {
      browser.get("http://localhost:" + attacker.getAddress().getPort() + "/");
      waiting().until(ExpectedConditions.urlToBe(target));
      assertThat(browser.findElement(By.tagName("body")).getText()).contains("Refused").contains("Nothing was written");
    } finally {
      attacker.stop(0);
    }
    assertThat(ledger.get(org.harmledger.domain.RecordType.CLAIM, "clm-coalition-23").isRetracted()).isFalse();
    browser.get(url("/campaigns/raqqa-2017?as_of=2018-12-31"));
    assertThat(text("killed-official")).isEqualTo("23");
  }

  @Test
  void aClosedCaseOffersOnlyReopeningAndARecorderNamesTheIncidentItConcerns() throws Exception {
    // case-raqqa-reopened-1 ends closed: the only state the rules allow next is reopened
    browser.get(url("/cases/case-raqqa-reopened-1"));
    assertThat(new Select(browser.findElement(By.id("state"))).getOptions()).extracting(WebElement::getText).containsExactly("Reopened");
    assertThat(text("case-incidents")).isEqualTo("none named yet");
    // an open case offers the assessments and closing, not "open" again
    browser.get(url("/cases/case-raqqa-new-1"));
    assertThat(new Select(browser.findElement(By.id("state"))).getOptions()).extracting(WebElement::getText)
        .containsExactly("Credible", "Non credible", "Duplicate", "Closed");

    // naming an incident: an unknown id, then no reason, are refused beside their fields
    browser.findElement(By.cssSelector("#link-incident summary")).click();
    assertThat(browser.findElements(By.cssSelector("#incident-choices option"))).extracting(o -> o.getAttribute("value"))
        .as("the campaign's incidents are offered by name").contains("inc-raqqa-amnesty-1", "inc-raqqa-amnesty-4");
    browser.findElement(By.id("incident")).sendKeys("inc-nowhere");
    browser.findElement(By.id("why")).sendKeys("matched by date and street");
    browser.findElement(By.xpath("//button[text()='Name the incident']")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("link-errors")));
    assertThat(browser.findElement(By.xpath("//input[@id='incident']/following-sibling::span[@class='error']")).getText()).contains("no incident has this id");
    WebElement incident = browser.findElement(By.id("incident"));
    incident.clear();
    incident.sendKeys("inc-raqqa-amnesty-2");
    browser.findElement(By.id("why")).clear();
    browser.findElement(By.xpath("//button[text()='Name the incident']")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("link-errors")));
    assertThat(browser.findElement(By.xpath("//input[@id='why']/following-sibling::span[@class='error']")).getText()).contains("is required");
    assertThat(ledger.get(org.harmledger.domain.RecordType.CASE, "case-raqqa-new-1").as(org.harmledger.domain.Case.class).incidents()).isEmpty();

    browser.findElement(By.id("why")).sendKeys("the coalition's report gives the date and the street");
    browser.findElement(By.xpath("//button[text()='Name the incident']")).click();
    waiting().until(ExpectedConditions.urlContains("#history"));
    assertThat(linkedIncidents()).containsExactly("inc-raqqa-amnesty-2");
    assertThat(text("case-incidents")).contains("(no confidence stated)");
    assertThat(ledger.get(org.harmledger.domain.RecordType.CASE, "case-raqqa-new-1").as(org.harmledger.domain.Case.class).incidents()).containsExactly("inc-raqqa-amnesty-2");
    var history = ledger.history(org.harmledger.domain.RecordType.CASE, "case-raqqa-new-1");
    var last = history.get(history.size() - 1);
    assertThat(last.action()).isEqualTo("link");
    assertThat(last.reason()).isEqualTo("the coalition's report gives the date and the street");
    assertThat(browser.findElements(By.cssSelector("#incident-choices option"))).extracting(o -> o.getAttribute("value"))
        .as("a linked incident is not offered again").doesNotContain("inc-raqqa-amnesty-2");

    // the match re-assessed with a confidence: a basis is needed with it, and both are shown
    browser.findElement(By.cssSelector("#link-incident summary")).click();
    browser.findElement(By.id("incident")).sendKeys("inc-raqqa-amnesty-2");
    new Select(browser.findElement(By.id("confidence"))).selectByValue("probable");
    browser.findElement(By.id("why")).sendKeys("the June letter");
    browser.findElement(By.xpath("//button[text()='Name the incident']")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("link-errors")));
    assertThat(browser.findElement(By.xpath("//input[@id='basis']/following-sibling::span[@class='error']")).getText()).contains("is required");
    assertThat(new Select(browser.findElement(By.id("confidence"))).getFirstSelectedOption().getText()).as("the choice is kept").isEqualTo("Probable");
    browser.findElement(By.id("basis")).sendKeys("same street and day as the coalition's letter");
    browser.findElement(By.id("matched_on")).sendKeys("06/28/2018"); // the letter's day
    browser.findElement(By.xpath("//button[text()='Name the incident']")).click();
    waiting().until(ExpectedConditions.urlContains("#history"));
    assertThat(text("case-incidents")).contains("Probable since 2018-06-28: same street and day as the coalition's letter");
    assertThat(ledger.get(org.harmledger.domain.RecordType.CASE, "case-raqqa-new-1").as(org.harmledger.domain.Case.class).match("inc-raqqa-amnesty-2").orElseThrow().on())
        .contains(java.time.LocalDate.parse("2018-06-28"));
    browser.get(url("/incidents/inc-raqqa-amnesty-2"));
    assertThat(browser.findElement(By.cssSelector(".match")).getText()).isEqualTo("Matched to this incident: Probable since 2018-06-28 · same street and day as the coalition's letter");
    browser.get(url("/campaigns/raqqa-2017"));
    assertThat(text("incidents-matched")).isEqualTo("Of the 4 incidents behind the documented killed figure, 1 is matched to a belligerent's case (probable 1); 3 have none.");

    // and taken back: the incident leaves the case, the reason stays in its history
    browser.get(url("/cases/case-raqqa-new-1"));
    browser.findElement(By.cssSelector("#case-incidents details.unlink summary")).click();
    // without a reason (the browser's own check taken off, as an old browser or a script would send it): refused, said
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('unlink-inc-raqqa-amnesty-2').removeAttribute('required')");
    browser.findElement(By.xpath("//button[text()='Unlink']")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("link-errors")));
    assertThat(text("link-errors")).isEqualTo("Nothing was saved. unlinking inc-raqqa-amnesty-2, why: why the change is made is required");
    assertThat(linkedIncidents()).containsExactly("inc-raqqa-amnesty-2");
    browser.findElement(By.cssSelector("#case-incidents details.unlink summary")).click();
    browser.findElement(By.id("unlink-inc-raqqa-amnesty-2")).sendKeys("the letter was about another strike");
    browser.findElement(By.xpath("//button[text()='Unlink']")).click();
    waiting().until(ExpectedConditions.urlContains("#history"));
    assertThat(text("case-incidents")).isEqualTo("none named yet");
    var after = ledger.history(org.harmledger.domain.RecordType.CASE, "case-raqqa-new-1");
    assertThat(after.get(after.size() - 1).action()).isEqualTo("unlink");
    assertThat(after.get(after.size() - 1).reason()).isEqualTo("the letter was about another strike");
  }

  private java.util.List<String> linkedIncidents() {
    return browser.findElements(By.cssSelector("#case-incidents li[data-incident] > a")).stream().map(WebElement::getText).toList();
  }

  @Test
  void aRecorderAddsAnIncidentAndOpensACaseFromThePagesBadValuesNamedBesideTheirFields() throws Exception {
    long entries = store.read(r -> r.head().orElseThrow().seq());
    browser.get(url("/incidents?campaign=raqqa-2017"));
    browser.findElement(By.id("add-incident")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("save-incident")));
    assertThat(new Select(browser.findElement(By.id("campaign"))).getFirstSelectedOption().getText()).isEqualTo("raqqa-2017");
    // nothing typed: each missing field said once beside it (the form's empty "from" is also the
    // incident's missing time, which the record's own rules would say again)
    browser.findElement(By.id("save-incident")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("form-errors")));
    assertThat(text("e-from")).isEqualTo("is required: the day it happened, or the first it may have");
    assertThat(text("e-place")).isEqualTo("is required");
    // no title, the end before the start, a latitude off the globe, a longitude that is not a number
    browser.findElement(By.id("from")).sendKeys("08/14/2017");
    browser.findElement(By.id("to")).sendKeys("08/12/2017");
    browser.findElement(By.id("place")).sendKeys("al-Badu, Raqqa");
    browser.findElement(By.id("lat")).sendKeys("95.9");
    browser.findElement(By.id("lon")).sendKeys("39,0x");
    browser.findElement(By.id("other_names")).sendKeys("ar=سوق البدو");
    browser.findElement(By.id("codes")).sendKeys("CS1234"); // without its dataset
    browser.findElement(By.id("save-incident")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("form-errors")));
    assertThat(text("e-codes")).contains("must be dataset:code");
    assertThat(text("e-title")).contains("required");
    assertThat(text("e-to")).contains("must not be before start");
    assertThat(text("e-lon")).contains("must be a number");
    shot("incident-form", 1500);
    assertThat(browser.findElement(By.id("place")).getAttribute("value")).as("what was typed is kept").isEqualTo("al-Badu, Raqqa");
    long after = store.read(r -> r.head().orElseThrow().seq());
    assertThat(after).as("nothing was written").isEqualTo(entries);
    assertThat(text("e-lat")).as("checked though the longitude could not be read").contains("latitude must be between -90 and 90");
    browser.findElement(By.id("lon")).clear();
    browser.findElement(By.id("lon")).sendKeys("39.01");
    browser.findElement(By.id("lat")).clear();
    browser.findElement(By.id("lat")).sendKeys("35.96");
    browser.findElement(By.id("to")).clear();
    browser.findElement(By.id("title")).sendKeys("Strike on the al-Badu market");
    new Select(browser.findElement(By.id("strike_type"))).selectByValue("airstrike");
    browser.findElement(By.id("belligerents")).sendKeys("US-led coalition (CJTF-OIR), SDF");
    assertThat(browser.findElement(By.id("other_names")).getAttribute("value")).as("kept").isEqualTo("ar=سوق البدو");
    browser.findElement(By.id("codes")).clear();
    browser.findElement(By.id("codes")).sendKeys("airwars:CS1234, ucdp-ged:244001");
    String incidentId = savedAs("save-incident", "incidents", "inc");
    var incident = ledger.get(org.harmledger.domain.RecordType.INCIDENT, incidentId).as(org.harmledger.domain.Incident.class);
    assertThat(incident.campaign()).contains("raqqa-2017");
    assertThat(incident.time()).isEqualTo(org.harmledger.domain.DateSpan.day(java.time.LocalDate.parse("2017-08-14")));
    assertThat(incident.place().point()).contains(new org.harmledger.domain.Coordinates(35.96, 39.01));
    assertThat(incident.strikeType()).isEqualTo(org.harmledger.domain.StrikeType.AIRSTRIKE);
    assertThat(incident.suspectedBelligerents()).containsExactly("US-led coalition (CJTF-OIR)", "SDF");
    assertThat(incident.place().names()).containsExactly(java.util.Map.entry("ar", "سوق البدو"));
    assertThat(incident.codes()).containsExactly("airwars:CS1234", "ucdp-ged:244001");
    assertThat(text("place-names")).contains("سوق البدو");
    assertThat(text("incident-codes")).isEqualTo("airwars:CS1234 ucdp-ged:244001");
    // the edit form shows both again, so an amendment of something else keeps them
    browser.get(url("/incidents/" + incidentId + "/edit"));
    assertThat(browser.findElement(By.id("other_names")).getAttribute("value")).isEqualTo("ar=سوق البدو");
    assertThat(browser.findElement(By.id("codes")).getAttribute("value")).isEqualTo("airwars:CS1234, ucdp-ged:244001");

    // an incident others name cannot be retracted: the page says which records name it
    browser.get(url("/incidents/inc-raqqa-amnesty-1"));
    browser.findElement(By.id("retract-incident")).sendKeys("entered twice");
    browser.findElement(By.xpath("//form[contains(@action,'/retract')]//button")).click();
    // (waited for: read at once, the body may still be the page the click left)
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "still used by"));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("still used by").contains("claim");
    assertThat(ledger.get(org.harmledger.domain.RecordType.INCIDENT, "inc-raqqa-amnesty-1").isRetracted()).isFalse();

    // a case the coalition opened about it: non-credible without a reason is refused beside the reason
    browser.get(url("/campaigns/raqqa-2017"));
    browser.findElement(By.linkText("Open a case")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("save-case")));
    assertThat(new Select(browser.findElement(By.id("state"))).getOptions()).extracting(WebElement::getText).doesNotContain("Reopened");
    browser.findElement(By.id("belligerent")).sendKeys("US-led coalition (CJTF-OIR)");
    browser.findElement(By.id("reference")).sendKeys("CIV-2017-0814");
    browser.findElement(By.id("incidents")).sendKeys(incidentId);
    new Select(browser.findElement(By.id("state"))).selectByValue("non_credible");
    browser.findElement(By.id("on")).sendKeys("12/20/2018");
    // the allegation as the coalition's report describes it; its last day given without its first
    browser.findElement(By.id("alleged_time")).sendKeys("mid-August 2017");
    browser.findElement(By.id("alleged_to")).sendKeys("08/20/2017");
    browser.findElement(By.id("alleged_place")).sendKeys("near Raqqa, Syria");
    new Select(browser.findElement(By.id("alleged_precision"))).selectByValue("near");
    new Select(browser.findElement(By.id("channel"))).selectByValue("ngo");
    browser.findElement(By.id("alleged_by")).sendKeys("Airwars");
    browser.findElement(By.id("alleged_source")).sendKeys("rvr-2019-4-25"); // a digit short
    browser.findElement(By.id("save-case")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("form-errors")));
    assertThat(text("e-reason_code")).contains("needs a reason code");
    assertThat(text("e-alleged_from")).contains("is needed when \"to\" is given");
    assertThat(browser.findElement(By.id("alleged_place")).getAttribute("value")).as("kept for correcting").isEqualTo("near Raqqa, Syria");
    browser.findElement(By.id("alleged_from")).sendKeys("08/10/2017");
    new Select(browser.findElement(By.id("reason_code"))).selectByValue("insufficient_information");
    browser.findElement(By.id("on_or_before")).click();
    browser.findElement(By.id("note")).sendKeys("listed in the December report");
    // the form's own rules met, the ledger's remain: the source must exist
    browser.findElement(By.id("save-case")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("e-alleged_source")));
    assertThat(text("e-alleged_source")).contains("no source has this id");
    assertThat(new Select(browser.findElement(By.id("alleged_precision"))).getFirstSelectedOption().getText()).as("kept for correcting").isEqualTo("Near");
    browser.findElement(By.id("alleged_source")).clear();
    browser.findElement(By.id("alleged_source")).sendKeys("rvr-2019-04-25");
    String caseId = savedAs("save-case", "cases", "case");
    var kase = ledger.get(org.harmledger.domain.RecordType.CASE, caseId).as(org.harmledger.domain.Case.class);
    assertThat(kase.reference()).contains("CIV-2017-0814");
    assertThat(kase.incidents()).containsExactly(incidentId);
    assertThat(kase.history()).singleElement().satisfies(st -> {
      assertThat(st.state()).isEqualTo(org.harmledger.domain.CaseState.NON_CREDIBLE);
      assertThat(st.onOrBefore()).isTrue();
      assertThat(st.reason()).contains(org.harmledger.domain.NonCredibleReason.INSUFFICIENT_INFORMATION);
    });
    assertThat(linkedIncidents()).containsExactly(incidentId);
    var alleged = kase.allegation().orElseThrow();
    assertThat(alleged.time().orElseThrow().text()).isEqualTo("mid-August 2017");
    assertThat(alleged.time().orElseThrow().span()).contains(org.harmledger.domain.DateSpan.of("2017-08-10", "2017-08-20"));
    assertThat(alleged.place().orElseThrow().text()).isEqualTo("near Raqqa, Syria");
    assertThat(alleged.channel()).contains(org.harmledger.domain.AllegationChannel.NGO);
    assertThat(alleged.by()).contains("Airwars");
    assertThat(alleged.place().orElseThrow().precision()).isEqualTo(org.harmledger.domain.PlacePrecision.NEAR);
    assertThat(alleged.source()).contains("rvr-2019-04-25");
    assertThat(text("case-allegation")).contains("mid-August 2017 (2017-08-10/2017-08-20), near Raqqa, Syria (Near)", "came in through NGO, alleged by Airwars",
        "recorded in rvr-2019-04-25");
    assertThat(browser.findElement(By.cssSelector("#case-allegation a.alleged-source")).getAttribute("href")).endsWith("/sources/rvr-2019-04-25");
    browser.findElement(By.id("alleged-incidents")).click();
    waiting().until(ExpectedConditions.urlContains("/incidents?campaign=raqqa-2017&from=2017-08-10&to=2017-08-20"));
    assertThat(browser.findElement(By.tagName("main")).getText()).as("the strike of 14 August is among them").contains("Strike on the al-Badu market");
    // and the campaign's case counts take it in
    browser.get(url("/campaigns/raqqa-2017"));
    assertThat(text("cases-opened")).isEqualTo("6");
    assertThat(browser.findElements(By.cssSelector("#case-report td.opened"))).extracting(e -> e.getAttribute("textContent"))
        .as("the new case's channel beside its id").anySatisfy(t -> assertThat(t).contains("came in through: NGO 1", caseId));

    // entered in error: the case is retracted with a reason, then the incident (nothing names it now)
    browser.get(url("/cases/" + caseId));
    browser.findElement(By.id("retract-case")).sendKeys("entered on the wrong campaign");
    browser.findElement(By.xpath("//form[contains(@action,'/retract')]//button")).click();
    // the page it returns to has the same address: wait for what it says, not for the address
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".crumbs"), "retracted"));
    assertThat(ledger.get(org.harmledger.domain.RecordType.CASE, caseId).isRetracted()).isTrue();
    browser.get(url("/incidents/" + incidentId));
    browser.findElement(By.id("retract-incident")).sendKeys("entered on the wrong campaign");
    browser.findElement(By.xpath("//form[contains(@action,'/retract')]//button")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("retracted")));
    assertThat(ledger.get(org.harmledger.domain.RecordType.INCIDENT, incidentId).isRetracted()).isTrue();
    browser.get(url("/campaigns/raqqa-2017"));
    assertThat(text("cases-opened")).as("a retracted case is not counted").isEqualTo("5");
  }

  @Test
  void anIncidentAmendedOnItsPageKeepsItsGradingsAndAColleaguesChangeIsNotOverwritten() {
    var before = ledger.get(org.harmledger.domain.RecordType.INCIDENT, "inc-raqqa-amnesty-3").as(org.harmledger.domain.Incident.class);
    browser.get(url("/incidents/inc-raqqa-amnesty-3"));
    browser.findElement(By.id("amend-incident")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("save-incident")));
    assertThat(browser.findElement(By.id("title")).getAttribute("value")).as("the form shows the incident as it is").isEqualTo(before.title());
    assertThat(browser.findElements(By.id("id"))).as("an incident's id does not change").isEmpty();
    // no reason: refused, nothing written
    WebElement place = browser.findElement(By.id("place"));
    place.clear();
    place.sendKeys("Harat al-Badu, west of the old city");
    browser.findElement(By.id("uncertainty")).clear();
    browser.findElement(By.id("uncertainty")).sendKeys("250");
    browser.findElement(By.id("save-incident")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("form-errors")));
    assertThat(text("e-reason")).contains("say why");
    assertThat(ledger.get(org.harmledger.domain.RecordType.INCIDENT, "inc-raqqa-amnesty-3").as(org.harmledger.domain.Incident.class)).isEqualTo(before);

    browser.findElement(By.id("reason")).sendKeys("a survivor's account places it in Harat al-Badu");
    browser.findElement(By.id("save-incident")).click();
    waiting().until(ExpectedConditions.urlContains("#history"));
    var after = ledger.get(org.harmledger.domain.RecordType.INCIDENT, "inc-raqqa-amnesty-3").as(org.harmledger.domain.Incident.class);
    assertThat(after.place().name()).isEqualTo("Harat al-Badu, west of the old city");
    assertThat(after.place().uncertaintyMetres()).contains(250.0);
    assertThat(after.gradings()).as("gradings are not the form's to change").isEqualTo(before.gradings());
    assertThat(after.time()).isEqualTo(before.time());
    assertThat(after.suspectedBelligerents()).isEqualTo(before.suspectedBelligerents());
    var history = ledger.history(org.harmledger.domain.RecordType.INCIDENT, "inc-raqqa-amnesty-3");
    assertThat(history.get(history.size() - 1).action()).isEqualTo("amend");
    assertThat(history.get(history.size() - 1).reason()).isEqualTo("a survivor's account places it in Harat al-Badu");

    // two recorders at once: the form was read, then a colleague amends; this form's save is refused
    browser.findElement(By.id("amend-incident")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("save-incident")));
    ledger.amend(org.harmledger.domain.RecordType.INCIDENT, "inc-raqqa-amnesty-3", org.harmledger.ledger.Json.readTree("{\"notes\":\"colleague: checked the street\"}"),
        java.util.OptionalLong.empty(), new org.harmledger.service.Meta("colleague", "checked"));
    browser.findElement(By.id("title")).sendKeys(" (revised)");
    browser.findElement(By.id("reason")).sendKeys("clearer title");
    browser.findElement(By.id("save-incident")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("form-errors")));
    assertThat(text("form-errors")).contains("someone changed it since");
    var now = ledger.get(org.harmledger.domain.RecordType.INCIDENT, "inc-raqqa-amnesty-3").as(org.harmledger.domain.Incident.class);
    assertThat(now.notes()).contains("colleague: checked the street");
    assertThat(now.title()).isEqualTo(before.title());
  }

  @Test
  void aVictimAddedOnAnIncidentsPageMustBeMarkedPublicOrNotAndAConfidentialOneIsCountedNotNamed() {
    browser.get(url("/incidents/inc-raqqa-amnesty-4"));
    assertThat(browser.findElement(By.id("victims-h")).findElement(By.xpath("..")).getText()).contains("No victim of this incident is recorded yet");
    browser.findElement(By.cssSelector("#add-victim summary")).click();
    // nothing but the outcome: the name, the sources and the public-or-not choice are named
    browser.findElement(By.id("save-victim")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("victim-errors")));
    assertThat(text("e-name_original")).contains("a name");
    assertThat(text("e-sources")).contains("at least one source");
    assertThat(text("e-named_publicly")).contains("may this person be named publicly?");
    assertThat(ledger.list(org.harmledger.domain.RecordType.VICTIM, org.harmledger.store.RecordQuery.live())).isEmpty();

    // a protected witness's relative: not to be named in public
    browser.findElement(By.id("name_original")).sendKeys("هبة محمد العلي");
    browser.findElement(By.id("name_latin")).sendKeys("Hiba Mohammed al-Ali");
    browser.findElement(By.id("age")).sendKeys("9");
    new Select(browser.findElement(By.id("age_group"))).selectByValue("adult");
    browser.findElement(By.id("sources")).sendKeys("rvr-2019-04-25");
    browser.findElement(By.xpath("//input[@name='named_publicly' and @value='no']")).click();
    browser.findElement(By.id("save-victim")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("victim-errors")));
    assertThat(text("e-age_group")).contains("does not fit age 9");
    assertThat(browser.findElement(By.id("name_latin")).getAttribute("value")).as("what was typed is kept").isEqualTo("Hiba Mohammed al-Ali");
    new Select(browser.findElement(By.id("age_group"))).selectByValue("child");
    browser.findElement(By.id("save-victim")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("confidential-victims")));
    assertThat(text("confidential-victims")).startsWith("1 more is recorded and not named here");
    assertThat(browser.getPageSource()).doesNotContain("Hiba").doesNotContain("هبة");
    var saved = ledger.list(org.harmledger.domain.RecordType.VICTIM, org.harmledger.store.RecordQuery.live()).get(0).as(org.harmledger.domain.Victim.class);
    assertThat(saved.confidential()).isTrue();
    assertThat(saved.incident()).contains("inc-raqqa-amnesty-4");
    assertThat(saved.age()).contains(9);

    // one the family wants known
    browser.findElement(By.cssSelector("#add-victim summary")).click();
    browser.findElement(By.id("name_latin")).sendKeys("Ahmad Khalil al-Hamad");
    browser.findElement(By.id("sources")).sendKeys("rvr-2019-04-25");
    browser.findElement(By.xpath("//input[@name='named_publicly' and @value='yes']")).click();
    browser.findElement(By.id("save-victim")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("victims")));
    assertThat(text("victims")).contains("Ahmad Khalil al-Hamad").contains("Killed");
    assertThat(text("confidential-victims")).startsWith("1 more");
  }

  @Test
  void aProtectedWitnessIsNotNamedBesideTheirClaimOnTheIncidentOrCampaignPage() {
    var meta = new org.harmledger.service.Meta("investigator", "field interview");
    ledger.create(org.harmledger.ledger.Json.convert(org.harmledger.ledger.Json.readTree("""
        {"id":"src-witness","kind":"witness_testimony","publisher":"Fatima Hassan al-Khalaf","role":"victims_family",
         "published":"2017-09-01","confidential":true,"secondary":false}"""), org.harmledger.domain.Source.class), meta);
    ledger.create(org.harmledger.ledger.Json.convert(org.harmledger.ledger.Json.readTree("""
        {"source":"src-witness","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-2"},"killed":{"min":9,"max":9},"status":"accepted"}"""),
        org.harmledger.domain.Claim.class), meta);
    browser.get(url("/incidents/inc-raqqa-amnesty-2"));
    String incidentPage = browser.getPageSource();
    assertThat(browser.findElement(By.cssSelector("table.claims")).getText()).contains("confidential source");
    assertThat(incidentPage).as("neither the source column nor the claimant column names the witness").doesNotContain("al-Khalaf");
    browser.get(url("/campaigns/raqqa-2017"));
    assertThat(browser.getPageSource()).doesNotContain("al-Khalaf");
  }

  /** Presses a form's save button and returns the id of the record it created, from the page it leads to. */
  String savedAs(String button, String path, String prefix) {
    browser.findElement(By.id(button)).click();
    waiting().until(ExpectedConditions.urlMatches("/" + path + "/" + prefix + "-[0-9]+$"));
    return browser.getCurrentUrl().replaceAll(".*/" + path + "/", "");
  }

  @Test
  void theGapChartEndsOnARoundNumberAndAnOpenFigureRunsToIt() {
    browser.get(url("/campaigns/raqqa-2017?as_of=2018-12-31"));
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-gap canvas")));
    var js = (org.openqa.selenium.JavascriptExecutor) browser;
    // "at least 200" is the largest figure, drawn to half again (300), the axis rounded up from 315
    Object max = js.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-gap')).getOption().xAxis[0].max");
    assertThat(((Number) max).doubleValue()).isEqualTo(350);
    Object end = js.executeScript("var o = echarts.getInstanceByDom(document.getElementById('chart-gap')).getOption();"
        + " return o.series[0].data[1] + o.series[1].data[1].value");
    assertThat(((Number) end).doubleValue()).as("the open independent figure reaches the end of the axis").isEqualTo(350);
  }

  @Test
  void aGradingMadeOnAPageSomeoneElseChangedSinceIsRefusedAndShowsTheirChange() {
    browser.get(url("/incidents/inc-raqqa-amnesty-2"));
    // meanwhile a colleague grades the same incident
    ledger.grade("inc-raqqa-amnesty-2", new org.harmledger.domain.Grading(org.harmledger.domain.Grade.CONFIRMED, "colleague: three sources", java.time.LocalDate.parse("2019-01-02")),
        java.util.OptionalLong.empty(), new org.harmledger.service.Meta("colleague", "three sources"));
    new Select(browser.findElement(By.id("grade"))).selectByValue("contested");
    browser.findElement(By.id("rationale")).sendKeys("my own reading");
    browser.findElement(By.id("on")).sendKeys("01/03/2019");
    browser.findElement(By.xpath("//button[text()='Grade']")).click();
    WebElement alert = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("grade-errors")));
    assertThat(alert.getText()).contains("Nothing was saved").contains("someone changed it since");
    assertThat(browser.findElement(By.tagName("body")).getText()).as("the colleague's grading is on the page now").contains("colleague: three sources");
    assertThat(browser.findElement(By.id("rationale")).getAttribute("value")).as("what was typed is kept").isEqualTo("my own reading");
    var gradings = ledger.get(org.harmledger.domain.RecordType.INCIDENT, "inc-raqqa-amnesty-2").as(org.harmledger.domain.Incident.class).gradings();
    assertThat(gradings.get(gradings.size() - 1).rationale()).isEqualTo("colleague: three sources");
    // having seen it, the recorder grades again: now it goes through
    browser.findElement(By.xpath("//button[text()='Grade']")).click();
    waiting().until(ExpectedConditions.urlContains("#history"));
    gradings = ledger.get(org.harmledger.domain.RecordType.INCIDENT, "inc-raqqa-amnesty-2").as(org.harmledger.domain.Incident.class).gradings();
    assertThat(gradings.get(gradings.size() - 1).rationale()).isEqualTo("my own reading");
  }

  /** Victims of the demo's first Amnesty incident, as two lists name them: one in Arabic, one in Latin letters. */
  void victimsInTwoScripts() {
    String rows = """
        {"id":"vic-a1","name_original":"محمد أحمد النجار","sex":"male","age":34,"date":"2017-08-14","sources":["ritzau-2018-06"]}
        {"id":"vic-a2","name_original":"فاطمة خالد الحسن","sex":"female","age":29,"date":"2017-08-14","sources":["ritzau-2018-06"]}
        {"id":"vic-a3","name_original":"يوسف محمد النجار","sex":"male","age":7,"date":"2017-08-14","sources":["ritzau-2018-06"]}
        {"id":"vic-l1","name_latin":"Mohammed Ahmad al-Najjar","sex":"male","age":35,"date":"2017-08-14","sources":["rvr-2019-04-25"]}
        {"id":"vic-l2","name_latin":"Fatima al-Hassan","sex":"female","date":"2017-08-14","sources":["rvr-2019-04-25"]}
        {"id":"vic-l3","name_latin":"Youssef Mohamad Najjar","sex":"male","age":7,"date":"2017-08-14","sources":["rvr-2019-04-25"]}
        {"id":"vic-l5","name_latin":"Mohammed Ali al-Najjar","sex":"male","age":61,"date":"2017-08-14","sources":["rvr-2019-04-25"]}
        {"id":"vic-c1","name_latin":"Hassan Omar al-Shami","sex":"male","age":40,"date":"2017-08-14","sources":["rvr-2019-04-25"],"confidential":true}
        {"id":"vic-c2","name_original":"حسن عمر الشامي","sex":"male","age":40,"date":"2017-08-14","sources":["ritzau-2018-06"]}
        """;
    java.util.List<org.harmledger.domain.LedgerRecord> victims = new java.util.ArrayList<>();
    for (String row : rows.strip().split("\n")) {
      var o = (com.fasterxml.jackson.databind.node.ObjectNode) org.harmledger.ledger.Json.readTree(row);
      o.put("incident", "inc-raqqa-amnesty-1").put("outcome", "killed");
      if (!o.has("confidential")) o.put("confidential", false);
      victims.add(org.harmledger.ledger.Json.read(o.toString(), org.harmledger.domain.Victim.class));
    }
    ledger.createAll(victims, new org.harmledger.service.Meta("test", "two lists of the dead"));
  }

  @Test
  void aReviewerDecidesWhetherTwoVictimRecordsAreOnePersonAndCanUndoIt() throws Exception {
    victimsInTwoScripts();
    browser.get(url("/review"));
    browser.findElement(By.linkText("Battle of Raqqa, 2017: victims to review")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));
    String page = browser.getPageSource();
    assertThat(page).as("a confidential victim is not named on a page").doesNotContain("Hassan Omar al-Shami").doesNotContain("vic-c1");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("1 pair involves a confidential victim");
    java.util.List<WebElement> queue = browser.findElements(By.cssSelector("#queue article.pair"));
    assertThat(queue).as("the model is unsure of at least one pair").isNotEmpty();
    WebElement pair = queue.get(0);
    String a = pair.findElement(By.name("a")).getAttribute("value");
    String b = pair.findElement(By.name("b")).getAttribute("value");
    String anchor = pair.getAttribute("id");
    // every comparison explained, with each record's value and the weight it gave
    WebElement why = pair.findElement(By.cssSelector("table.explain"));
    assertThat(why.getText()).contains("name", "date", "sex", "age", "incident", "before comparing");
    shot("victim-review", 1700);

    pair.findElement(By.name("reason")).sendKeys("same father's name in the hospital register");
    pair.findElement(By.name("actor")).clear();
    pair.findElement(By.name("actor")).sendKeys("lina");
    pair.findElement(By.xpath(".//button[text()='Same person']")).click();
    waiting().until(ExpectedConditions.urlContains("#decided"));
    WebElement decisions = browser.findElement(By.cssSelector("table.decisions"));
    assertThat(decisions.getText()).contains("same person", a, b);
    assertThat(browser.findElements(By.cssSelector("#queue #" + anchor))).as("a decided pair leaves the queue").isEmpty();
    assertThat(browser.findElement(By.id(anchor)).getText()).contains("decided: same person");
    // the decision is a ledger entry, with who and why
    var stored = ledger.listAll(org.harmledger.domain.RecordType.LINK_DECISION, org.harmledger.store.RecordQuery.live());
    assertThat(stored).singleElement().satisfies(d -> {
      var entry = ledger.history(org.harmledger.domain.RecordType.LINK_DECISION, d.id()).get(0);
      assertThat(entry.actor()).isEqualTo("lina");
      assertThat(entry.reason()).isEqualTo("same father's name in the hospital register");
    });

    // undone: the decision is retracted (kept in the ledger) and the pair is asked about again
    String decision = stored.get(0).id();
    browser.findElement(By.id("undo-" + decision)).sendKeys("the register was misread");
    browser.findElement(By.xpath("//tr[@id='" + decision + "']//button[text()='Undo']")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));
    assertThat(browser.findElements(By.cssSelector("table.decisions"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("#queue #" + anchor))).isNotEmpty();
    assertThat(ledger.get(org.harmledger.domain.RecordType.LINK_DECISION, decision).isRetracted()).isTrue();
  }

  @Test
  void aListOfVictimsUploadedOnThePageIsImportedWholeOrRefusedRowByRow() throws Exception {
    browser.get(url("/campaigns/raqqa-2017/victims/review"));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("no victim records");
    Path bad = dir.resolve("hospital-bad.csv");
    Files.writeString(bad, """
        name_original,name_latin,sex,age,outcome,date,incident,sources,confidential
        محمد أحمد النجار,,m,34,killed,2017-08-14,inc-raqqa-amnesty-1,ritzau-2018-06,no
        ,Fatima al-Hassan,f,29,killed,2017-08-14,inc-raqqa-amnesty-1,ritzau-2018-06,maybe
        """);
    browser.findElement(By.id("list-file")).sendKeys(bad.toAbsolutePath().toString());
    browser.findElement(By.id("import-list")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "nothing was written"));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("row 3: confidential = maybe: must be yes or no");
    assertThat(ledger.listAll(org.harmledger.domain.RecordType.VICTIM, org.harmledger.store.RecordQuery.live())).as("all or nothing").isEmpty();

    Path good = dir.resolve("hospital.csv");
    Files.writeString(good, """
        name_original,name_latin,sex,age,outcome,date,incident,sources,confidential
        محمد أحمد النجار,,m,34,killed,2017-08-14,inc-raqqa-amnesty-1,ritzau-2018-06,no
        يوسف محمد النجار,,m,7,killed,2017-08-14,inc-raqqa-amnesty-1,ritzau-2018-06,no
        ,Mohammed Ahmad al-Najjar,m,35,killed,2017-08-14,inc-raqqa-amnesty-1,rvr-2019-04-25,no
        ,Youssef Mohamad Najjar,m,7,killed,2017-08-14,inc-raqqa-amnesty-1,rvr-2019-04-25,no
        """);
    browser.get(url("/campaigns/raqqa-2017/victims/review"));
    browser.findElement(By.id("list-file")).sendKeys(good.toAbsolutePath().toString());
    browser.findElement(By.id("list-actor")).clear(); // another test's name, remembered in a cookie
    browser.findElement(By.id("list-actor")).sendKeys("lina");
    browser.findElement(By.id("import-list")).click();
    WebElement done = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("imported")));
    assertThat(done.getText()).startsWith("Imported 4 victim records");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("4 victim records of this campaign");
    assertThat(browser.findElements(By.cssSelector("article.pair"))).as("the two lists' records of one boy are paired").isNotEmpty();
    var stored = ledger.listAll(org.harmledger.domain.RecordType.VICTIM, org.harmledger.store.RecordQuery.live());
    assertThat(stored).hasSize(4);
    assertThat(ledger.history(org.harmledger.domain.RecordType.VICTIM, stored.get(0).id()).get(0).actor()).isEqualTo("lina");
  }

  @Test
  void eventsFromAUcdpGedFileUploadedOnTheCampaignPageBecomeIncidentsOrAreRefusedRowByRow() throws Exception {
    String source = ledger.create(org.harmledger.ledger.Json.convert(org.harmledger.ledger.Json.readTree("""
        {"kind":"ngo_report","publisher":"Uppsala Conflict Data Program","role":"independent_monitor","title":"UCDP GED 24.1","published":"2024-06-10","language":"en","confidential":false,"secondary":false}"""),
        org.harmledger.domain.RecordType.SOURCE.recordClass()), new org.harmledger.service.Meta("tester", "the dataset")).id();
    String header = "id,type_of_violence,side_a,side_b,where_prec,where_description,latitude,longitude,country,date_start,date_end,deaths_civilians,best,high,low\n";
    Path bad = dir.resolve("ged-bad.csv");
    Files.writeString(bad, header + "244001,3,Government of Syria,Civilians,1,Raqqa town,35.95,39.01,Syria,2017-08-20,2017-08-20,27,27,40,19\n"
        + "244002,3,Government of Syria,Civilians,9,Raqqa town,35.95,39.01,Syria,2017-08-21,2017-08-21,4,4,4,4\n");
    uploadGed(bad, source);
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "nothing was written"));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("row 3: where_prec = 9: must be 1 to 7");
    assertThat(ledger.listAll(org.harmledger.domain.RecordType.INCIDENT, org.harmledger.store.RecordQuery.live())).as("all or nothing").hasSize(4);

    Path good = dir.resolve("ged.csv");
    Files.writeString(good, header + "244001,3,Government of Syria,Civilians,1,Raqqa town,35.95,39.01,Syria,2017-08-20,2017-08-20,27,27,40,19\n"
        + "244004,3,Government of Syria,Civilians,1,Damascus,33.51,36.29,Syria,2017-08-20,2017-08-20,5,5,5,5\n");
    uploadGed(good, source);
    WebElement done = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("ged-imported")));
    assertThat(done.getText()).startsWith("Imported 1 incident and 1 claim from UCDP GED; 1 event was outside");
    // the documented figure now has the event's own 19–40 beside the 70 in four incidents
    assertThat(text("killed-documented")).startsWith("89–110").contains("in 5 incidents");
    browser.get(url("/incidents/inc-ged-244001"));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Raqqa town (UCDP GED 244001)", "Uppsala Conflict Data Program");
  }

  @Test
  void eachStepOfACaseNamesTheSourceThatReportedIt() {
    browser.get(url("/cases/case-raqqa-new-1"));
    assertThat(text("case-timeline")).contains("reported by Ritzau");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("state"))).selectByValue("credible");
    browser.findElement(By.id("on")).sendKeys("09/12/2018");
    browser.findElement(By.id("conceded_killed")).sendKeys("3");
    browser.findElement(By.id("source")).sendKeys("no-such-report");
    browser.findElement(By.id("note")).sendKeys("monthly report");
    browser.findElement(By.xpath("//button[text()='Record the step']")).click();
    WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("e-source")));
    assertThat(error.getText()).contains("no-such-report", "no source has this id");
    assertThat(browser.findElement(By.id("conceded_killed")).getAttribute("value")).as("what was typed is kept").isEqualTo("3");
    browser.findElement(By.id("source")).clear();
    browser.findElement(By.id("source")).sendKeys("mct-2018-06-28");
    browser.findElement(By.xpath("//button[text()='Record the step']")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-timeline"), "Credible"));
    assertThat(text("case-timeline")).contains("conceded killed 3", "reported by Marine Corps Times");
  }

  @Test
  void aSourcesOriginalFileIsArchivedFromItsPageWithItsHash() throws Exception {
    Path copy = dir.resolve("ritzau-2018-06.txt");
    Files.writeString(copy, "Amnesty: Koalitionen dræbte hundredvis af civile i Raqqa\n");
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(copy)));
    browser.get(url("/sources/ritzau-2018-06"));
    browser.findElement(By.xpath("//summary[text()='Archive the original file']")).click();
    browser.findElement(By.id("archive-file")).sendKeys(copy.toAbsolutePath().toString());
    browser.findElement(By.id("archive-upload")).click();
    WebElement hash = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("archive-sha")));
    assertThat(hash.getText()).isEqualTo(sha);
    byte[] original = Files.readAllBytes(copy);
    assertThat(ledger.archiveBytes(sha)).hasValueSatisfying(b -> assertThat(b).isEqualTo(original));
    // a replacement says why, and the earlier copy's hash stays in the history
    browser.findElement(By.xpath("//summary[text()='Replace the archived copy']")).click();
    assertThat(browser.findElement(By.id("archive-reason")).getAttribute("required")).isNotNull();
    // with the browser's own check taken off, the server refuses it too
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('archive-reason').removeAttribute('required')");
    Path other = dir.resolve("other.txt");
    Files.writeString(other, "another text");
    browser.findElement(By.id("archive-file")).sendKeys(other.toAbsolutePath().toString());
    browser.findElement(By.id("archive-upload")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "say why the archived copy is replaced"));
    browser.get(url("/sources/ritzau-2018-06"));
    assertThat(text("archive-sha")).as("the first copy stays").isEqualTo(sha);
    browser.get(url("/verify"));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Intact: 31 entries");
  }

  /** Opens the campaign page's GED upload and sends {@code file} as events of {@code source}. */
  private void uploadGed(Path file, String source) {
    browser.get(url("/campaigns/raqqa-2017"));
    browser.findElement(By.xpath("//summary[contains(., 'Bring events from UCDP GED')]")).click();
    browser.findElement(By.id("ged-file")).sendKeys(file.toAbsolutePath().toString());
    browser.findElement(By.id("ged-source")).sendKeys(source);
    browser.findElement(By.id("import-ged")).click();
  }
}
