package org.harmledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.harmledger.ledger.Json;
import org.harmledger.server.ApiServer;
import org.harmledger.service.LedgerService;
import org.harmledger.storage.SqliteLedgerStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user runs it (in-process), against a real SQLite file. */
class CliTest {
  @TempDir Path dir;
  Path db;

  Cli run(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--db";
    all[1] = db.toString();
    all[2] = "--actor";
    all[3] = "tester";
    System.arraycopy(args, 0, all, 4, args.length);
    return Cli.run(all);
  }

  @BeforeEach
  void demo() {
    db = dir.resolve("ledger.db");
    Cli r = run("demo", "--no-serve");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void tallyJsonMeetsTheContract() {
    Cli r = run("tally", "raqqa-2017", "--as-of", "2018-12-31", "--json");
    assertThat(r.exit()).isZero();
    JsonNode t = Json.readTree(r.out());
    assertThat(t.at("/killed/official/min").asLong()).isEqualTo(23);
    assertThat(t.at("/killed/official/max").asLong()).isEqualTo(23);
    assertThat(t.at("/killed/independent/min").asLong()).isEqualTo(200);
    assertThat(t.at("/killed/independent/max").isNull()).isTrue();
    assertThat(t.at("/killed/documented/min").asLong()).isEqualTo(70);
    assertThat(t.at("/killed/documented/max").asLong()).isEqualTo(70);
    assertThat(t.at("/killed/documented/incidents").asInt()).isEqualTo(4);
    assertThat(t.at("/cases/reopened").asInt()).isEqualTo(4);
  }

  @Test
  void theGapEvolutionShowsEachDateSomethingChanged() {
    Cli r = run("tally", "raqqa-2017", "--evolution", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode points = Json.readTree(r.out());
    java.util.Map<String, JsonNode> byDate = new java.util.HashMap<>();
    points.forEach(p -> byDate.put(p.get("date").asText(), p));
    assertThat(byDate.get("2018-06-05").at("/killed/official/min").asLong()).isEqualTo(23);
    assertThat(byDate.get("2018-06-05").get("reopened").asInt()).isEqualTo(4);
    assertThat(byDate.get("2019-04-25").at("/killed/independent/min").asLong()).isEqualTo(1601);
    assertThat(byDate.get("2019-04-30").at("/killed/official/min").asLong()).isEqualTo(180);
    assertThat(run("tally", "raqqa-2017", "--evolution").out()).contains("2018-06-05", "2019-04-30");
  }

  @Test
  void withoutAsOfTheTallyIsAsOfToday() {
    JsonNode t = Json.readTree(run("tally", "raqqa-2017", "--json").out());
    assertThat(t.get("as_of").asText()).isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
    assertThat(t.at("/killed/official/min").asLong()).as("the coalition's 2019 figure").isEqualTo(180);
  }

  @Test
  void theApiServesTheSameTallyAsTheCli() throws Exception {
    JsonNode cli = Json.readTree(run("tally", "raqqa-2017", "--as-of", "2018-12-31", "--json").out());
    try (SqliteLedgerStore store = SqliteLedgerStore.open(db)) {
      ApiServer server = ApiServer.start(new LedgerService(store), "127.0.0.1", 0);
      try {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/campaigns/raqqa-2017/tally?as_of=2018-12-31")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(Json.readTree(r.body())).isEqualTo(cli);
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void verifyExitsNonZeroAfterAHandEditAndNamesTheRow() throws Exception {
    assertThat(run("verify").exit()).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE incidents SET title = 'changed' WHERE id = 'inc-raqqa-amnesty-3'");
    }
    Cli r = run("verify");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("TAMPERED", "incidents row inc-raqqa-amnesty-3", "column title");
  }

  @Test
  void aRecorderAddsASourceWithTwoConflictingClaimsAndReadsTheHistory() {
    Cli src = run("add", "source", "--kind", "news", "--publisher", "Enab Baladi", "--role", "media", "--published", "2018-07-10", "--language", "ar");
    assertThat(src.exit()).as(src.err()).isZero();
    String id = src.out().trim();
    Cli a = run("add", "claim", "--source", id, "--incident", "inc-raqqa-amnesty-1", "--killed", "18-20", "--quote", "قتل 18 مدنيا");
    Cli b = run("add", "claim", "--source", id, "--incident", "inc-raqqa-amnesty-1", "--killed", "31", "--claimant", "Raqqa Civil Defence", "--claimant-role", "local_authority");
    assertThat(a.exit()).as(a.err()).isZero();
    assertThat(b.exit()).as(b.err()).isZero();
    assertThat(run("grade", "inc-raqqa-amnesty-1", "fair", "--rationale", "two sources and coalition strikes that day", "--on", "2018-07-11").exit()).isZero();
    assertThat(run("case", "case-raqqa-reopened-3", "non_credible", "--on", "2018-09-01", "--reason-code", "insufficient_information", "--note", "monthly report").exit()).isZero();
    Cli h = run("history", "incident", "inc-raqqa-amnesty-1");
    assertThat(h.out()).contains("grade by tester: two sources and coalition strikes that day", "gradings[1].grade: — → \"fair\"");
    Cli list = run("list", "claims", "--incident", "inc-raqqa-amnesty-1");
    assertThat(list.out()).contains(a.out().trim(), b.out().trim());
    Cli page = run("list", "claims", "--limit", "1", "--offset", "1");
    assertThat(page.exit()).isZero();
    assertThat(page.out().lines().count()).isEqualTo(1);
    Cli badPage = run("list", "claims", "--limit", "0", "--offset", "-2");
    assertThat(badPage.exit()).isEqualTo(2);
    assertThat(badPage.err()).contains("--limit = 0", "--offset = -2");
    JsonNode t = Json.readTree(run("tally", "raqqa-2017", "--as-of", "2018-12-31", "--json").out());
    assertThat(t.at("/killed/documented/by_grading").has("mixed")).as("fair and weak incidents joined by the set claim").isTrue();
    assertThat(t.at("/cases/non_credible").asInt()).isEqualTo(2);
    assertThat(run("verify").exit()).isZero();
  }

  @Test
  void theSameProblemOnManyRowsIsOneLineNamingEveryRow() throws Exception {
    Path csv = dir.resolve("claims.csv");
    StringBuilder rows = new StringBuilder("source,incident,killed,claimant,claimant_role\n");
    for (int i = 0; i < 6; i++) rows.append("ritzau-2018-06,inc-raqqa-amnesty-1,").append(i == 3 ? "x" : "1").append(",Monitor,").append(i == 4 ? "media" : "monitor").append('\n');
    Files.writeString(csv, rows);
    Cli r = run("import", "claims", csv.toString());
    assertThat(r.exit()).isEqualTo(2);
    List<String> lines = r.err().lines().toList();
    assertThat(lines).containsExactly(
        "error: rejected, nothing was written:",
        "  rows 2–5, 7 (5 rows): claimant_role = monitor: must be one of accused_belligerent, partner_force, opposing_party, independent_monitor, media, victims_family, witness, local_authority, other",
        lines.get(2)); // row 5 also has its killed "x", after the group first met on row 2
    assertThat(lines.get(2)).startsWith("  row 5: killed = x:");
    assertThat(Main.ranges(List.of(1, 2, 3, 5, 8, 9))).isEqualTo("1–3, 5, 8–9");
  }

  @Test
  void aUcdpGedFileBringsItsEventsInTheCampaignAsIncidentsWithTheirClaims() throws Exception {
    Path ged = dir.resolve("ged241.csv");
    Files.writeString(ged, """
        id,type_of_violence,side_a,side_b,where_prec,where_description,adm_1,latitude,longitude,country,date_start,date_end,deaths_civilians,best,high,low
        244001,3,Government of Syria,Civilians,1,Raqqa town,Ar Raqqah governorate,35.95,39.01,Syria,2017-08-20 00:00:00.000,2017-08-20 00:00:00.000,27,27,40,19
        244004,3,Government of Syria,Civilians,1,Damascus,Damascus governorate,33.51,36.29,Syria,2017-08-20,2017-08-20,5,5,5,5
        """);
    Cli missing = run("import", "ged", ged.toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--campaign", "--source", "is required for ged");
    assertThat(run("import", "claims", ged.toString(), "--campaign", "raqqa-2017").err()).contains("--campaign = raqqa-2017", "only goes with ged");
    String source = run("add", "source", "--kind", "ngo_report", "--publisher", "Uppsala Conflict Data Program", "--role", "independent_monitor", "--published", "2024-06-10", "--language", "en").out().trim();
    Cli r = run("import", "ged", ged.toString(), "--campaign", "raqqa-2017", "--source", source);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Imported 1 incident and 1 claim of " + source, "1 event outside raqqa-2017's period or area left out");
    assertThat(run("show", "claim", "clm-ged-244001").out()).contains("\"min\" : 19", "\"max\" : 40", "inc-ged-244001");
    assertThat(run("verify").exit()).isZero();
  }

  @Test
  void aListOfVictimsComesInAsCsvAndItsBadRowsAreEachNamed() throws Exception {
    long before = Json.readTree(run("verify", "--json").out()).get("entries").asLong();
    Path bad = dir.resolve("register-bad.csv");
    Files.writeString(bad, """
        name_original,name_latin,sex,age,outcome,date,incident,sources,confidential
        محمد أحمد النجار,,m,34,killed,2017-08-14,inc-raqqa-amnesty-1,ritzau-2018-06,no
        ,Fatima al-Hassan,woman,29,killed,2017-08-14,inc-raqqa-amnesty-1,rvr-2019-04-25,no
        ,Youssef Najjar,m,seven,killed,2017-08-14,inc-raqqa-amnesty-1,rvr-2019-04-25,no
        ,Hassan al-Shami,m,40,killed,2017-08-14,inc-nowhere,rvr-2019-04-25,
        """);
    Cli r = run("import", "victims", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nothing was written", "row 3: sex = woman: must be one of female, male, unknown", "row 4: age = seven: must be a whole number of years",
        "row 5: confidential: is required: yes or no (may this person be named publicly?)", "row 5: incident = inc-nowhere: no incident has this id");
    assertThat(r.err()).doesNotContain("row 2");
    Cli noColumn = run("import", "victims", write("register-nocol.csv", "name_latin,outcome,incident,sources\nA B,killed,inc-raqqa-amnesty-1,ritzau-2018-06\n").toString());
    assertThat(noColumn.exit()).isEqualTo(2);
    assertThat(noColumn.err()).contains("header = name_latin,outcome,incident,sources: needs the column confidential");
    assertThat(Json.readTree(run("verify", "--json").out()).get("entries").asLong()).as("nothing written").isEqualTo(before);

    Path good = dir.resolve("register.csv");
    Files.writeString(good, """
        id,name_original,name_latin,sex,age,age_group,outcome,date,incident,sources,confidential
        ,محمد أحمد النجار,,m,34,,killed,2017-08-14,inc-raqqa-amnesty-1,ritzau-2018-06,no
        ,,Mohammed Ahmad al-Najjar,male,35,,killed,2017-08-14,inc-raqqa-amnesty-1,rvr-2019-04-25;ritzau-2018-06,no
        vic-h1,,Hassan al-Shami,M,,adult,injured,2017-08-14,inc-raqqa-amnesty-1,rvr-2019-04-25,yes
        """);
    Cli ok = run("import", "victims", good.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("Imported 3 records");
    JsonNode h1 = Json.readTree(run("show", "victim", "vic-h1").out());
    assertThat(h1.at("/record/confidential").asBoolean()).isTrue();
    assertThat(h1.at("/record/sex").asText()).isEqualTo("male");
    assertThat(h1.at("/record/outcome").asText()).isEqualTo("injured");
    assertThat(run("verify").exit()).isZero();
  }

  @Test
  void aVictimKeepsThePlaceAndCauseAListGivesAndIsNeverPublicByDefault() throws Exception {
    long before = Json.readTree(run("verify", "--json").out()).get("entries").asLong();
    Cli unasked = run("add", "victim", "--name-latin", "Amina al-Hassan", "--outcome", "killed", "--source", "rvr-2019-04-25");
    assertThat(unasked.exit()).isEqualTo(2);
    assertThat(unasked.err()).contains("--confidential", "is required: yes or no");
    Cli badCause = run("add", "victim", "--name-latin", "Amina al-Hassan", "--outcome", "killed", "--source", "rvr-2019-04-25", "--confidential", "no", "--cause", "bombing");
    assertThat(badCause.exit()).isEqualTo(2);
    assertThat(badCause.err()).contains("--cause = bombing", "airstrike");
    assertThat(Json.readTree(run("verify", "--json").out()).get("entries").asLong()).as("nothing written").isEqualTo(before);
    Cli added = run("add", "victim", "--name-latin", "Amina al-Hassan", "--outcome", "killed", "--source", "rvr-2019-04-25", "--confidential", "yes",
        "--place", "al-Badu district", "--cause", "airstrike");
    assertThat(added.exit()).as(added.err()).isZero();
    JsonNode v = Json.readTree(run("show", "victim", added.out().trim()).out());
    assertThat(v.at("/record/place").asText()).isEqualTo("al-Badu district");
    assertThat(v.at("/record/cause").asText()).isEqualTo("airstrike");
    assertThat(v.at("/record/confidential").asBoolean()).isTrue();

    Path list = write("list-with-causes.csv", """
        name_latin,outcome,sources,confidential,place,cause
        Hassan al-Shami,killed,rvr-2019-04-25,no,Raqqa old city,Ground fighting
        Youssef Najjar,killed,rvr-2019-04-25,no,Raqqa,sniper
        """);
    Cli bad = run("import", "victims", list.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("row 3: cause = sniper").doesNotContain("row 2");
    Files.writeString(list, Files.readString(list).replace("sniper", "shooting"));
    Cli ok = run("import", "victims", list.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(run("list", "victims").out()).contains("Hassan al-Shami");
    assertThat(run("verify").exit()).isZero();
  }

  Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void anIncidentTakesItsPlaceInOtherLanguagesAndOtherDatasetsCodes() throws Exception {
    Cli add = run("add", "incident", "--campaign", "raqqa-2017", "--title", "Strike on the al-Badu market", "--time", "2017-08-20", "--place", "al-Badu market",
        "--place-name", "ar=سوق البدو", "--code", "airwars:CS1234", "--code", "ucdp-ged:244001", "--reason", "Airwars' record", "--print-json");
    assertThat(add.exit()).as(add.err()).isZero();
    JsonNode stored = Json.readTree(run("show", "incident", Json.readTree(add.out()).get("id").asText()).out());
    assertThat(stored.at("/record/place/names/ar").asText()).isEqualTo("سوق البدو");
    assertThat(stored.at("/record/codes")).extracting(JsonNode::asText).containsExactly("airwars:CS1234", "ucdp-ged:244001");
    long before = Json.readTree(run("verify", "--json").out()).get("entries").asLong();
    Cli bad = run("add", "incident", "--campaign", "raqqa-2017", "--title", "X", "--time", "2017-08-20", "--place", "X",
        "--place-name", "سوق البدو", "--code", "CS1234", "--reason", "r");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--place-name = سوق البدو: write each as language=name");
    Cli badCode = run("add", "incident", "--campaign", "raqqa-2017", "--title", "X", "--time", "2017-08-20", "--place", "X", "--code", "CS1234", "--code", "airwars:CS1", "--code", "airwars:CS1", "--reason", "r");
    assertThat(badCode.err()).contains("--code = CS1234: must be dataset:code", "--code = airwars:CS1: is listed twice");
    Cli blank = run("add", "incident", "--campaign", "raqqa-2017", "--title", "X", "--time", "2017-08-20", "--place", "X", "--belligerent", " ", "--reason", "r");
    assertThat(blank.exit()).isEqualTo(2);
    assertThat(blank.err()).contains("--belligerent", "must not be blank");
    assertThat(Json.readTree(run("verify", "--json").out()).get("entries").asLong()).as("nothing written").isEqualTo(before);
  }

  @Test
  void theBenchBuildsALedgerWithCasesThatTheTallyCountsAndVerifyPasses() throws Exception {
    Cli bench = run("bench", "--dir", dir.resolve("bench").toString(), "--incidents", "300", "--claims", "900", "--entries", "3000", "--cases", "40",
        "--runs", "1", "--warmup", "0");
    assertThat(bench.exit()).as(bench.err()).isZero();
    JsonNode r = Json.readTree(bench.out());
    assertThat(r.get("cases_imported").asInt()).isEqualTo(40);
    assertThat(r.get("tally_cases_opened").asInt()).as("every case opened before today").isEqualTo(40);
    assertThat(r.get("tally_documented_incidents_matched").asInt()).as("two in five cases are matched").isPositive();
    assertThat(r.get("ledger_entries").asLong()).isEqualTo(3000);
    assertThat(r.get("verify_ok").asBoolean()).isTrue();
  }

  @Test
  void aCaseMatchedWithAConfidenceIsListedReassessedAndUnlinked() throws Exception {
    long before = Json.readTree(run("verify", "--json").out()).get("entries").asLong();
    Cli noBasis = run("link", "case", "case-raqqa-reopened-2", "--incident", "inc-raqqa-amnesty-1", "--confidence", "probable", "--reason", "r");
    assertThat(noBasis.exit()).isEqualTo(2);
    assertThat(noBasis.err()).contains("--basis", "is required with --confidence");
    Cli noConfidence = run("link", "case", "case-raqqa-reopened-2", "--incident", "inc-raqqa-amnesty-1", "--basis", "same street", "--reason", "r");
    assertThat(noConfidence.exit()).isEqualTo(2);
    assertThat(noConfidence.err()).contains("--confidence", "is required with --basis");
    Cli notLinked = run("unlink", "case", "case-raqqa-reopened-2", "--incident", "inc-raqqa-amnesty-1", "--reason", "r");
    assertThat(notLinked.exit()).isEqualTo(2);
    assertThat(notLinked.err()).contains("--incident = [inc-raqqa-amnesty-1]", "not linked to case-raqqa-reopened-2");
    Cli unknown = run("link", "case", "case-raqqa-reopened-2", "--incident", "inc-nowhere", "--confidence", "possible", "--basis", "b", "--reason", "r");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).as("named by the option typed").contains("--incident = inc-nowhere", "no incident has this id").doesNotContain("incidents[0]");
    assertThat(Json.readTree(run("verify", "--json").out()).get("entries").asLong()).isEqualTo(before);

    Cli dateAlone = run("link", "case", "case-raqqa-reopened-2", "--incident", "inc-raqqa-amnesty-1", "--matched-on", "2018-06-28", "--reason", "r");
    assertThat(dateAlone.exit()).isEqualTo(2);
    assertThat(dateAlone.err()).contains("--confidence", "is required with --matched-on");
    String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
    Cli future = run("link", "case", "case-raqqa-reopened-2", "--incident", "inc-raqqa-amnesty-1", "--confidence", "possible", "--basis", "b", "--matched-on", tomorrow, "--reason", "r");
    assertThat(future.exit()).isEqualTo(2);
    assertThat(future.err()).contains("--matched-on = " + tomorrow, "must not be after today");
    assertThat(Json.readTree(run("verify", "--json").out()).get("entries").asLong()).isEqualTo(before);

    Cli linked = run("link", "case", "case-raqqa-reopened-2", "--incident", "inc-raqqa-amnesty-1", "--confidence", "possible", "--basis", "reopened after Amnesty's four incidents",
        "--matched-on", "2018-06-28", "--reason", "provisional");
    assertThat(linked.exit()).as(linked.err()).isZero();
    assertThat(linked.out()).contains("linked (possible since 2018-06-28)");
    assertThat(Json.readTree(run("tally", "raqqa-2017", "--as-of", "2018-06-27", "--json").out()).at("/cases/documented_incidents/matched").asInt()).isZero();
    assertThat(Json.readTree(run("tally", "raqqa-2017", "--as-of", "2018-06-28", "--json").out()).at("/cases/documented_incidents/matched").asInt()).isEqualTo(1);
    assertThat(run("list", "cases").out()).contains("case-raqqa-reopened-2", "[inc-raqqa-amnesty-1 (possible since 2018-06-28)]");
    assertThat(run("link", "case", "case-raqqa-reopened-2", "--incident", "inc-raqqa-amnesty-1", "--confidence", "probable", "--basis", "the June letter", "--reason", "letter").exit()).isZero();
    assertThat(run("list", "cases").out()).contains("[inc-raqqa-amnesty-1 (probable since 2018-06-28)]");
    assertThat(Json.readTree(run("show", "case", "case-raqqa-reopened-2").out()).at("/record/matches/inc-raqqa-amnesty-1/on").asText())
        .as("re-assessed, the case still concerns it since the first match").isEqualTo("2018-06-28");
    Cli unlinked = run("unlink", "case", "case-raqqa-reopened-2", "--incident", "inc-raqqa-amnesty-1", "--reason", "another strike");
    assertThat(unlinked.exit()).as(unlinked.err()).isZero();
    Cli h = run("history", "case", "case-raqqa-reopened-2");
    assertThat(h.out()).contains("matches.inc-raqqa-amnesty-1.confidence: \"possible\" → \"probable\"", "unlink by tester: another strike");
    assertThat(run("verify").exit()).isZero();
  }

  @Test
  void theCaseReportNamesTheCasesBehindEachMonthsCounts() throws Exception {
    assertThat(run("case", "case-raqqa-new-1", "credible", "--on", "2018-09-12", "--conceded-killed", "3-4", "--note", "monthly report").exit()).isZero();
    Cli text = run("tally", "raqqa-2017", "--cases-by", "month");
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains("by month", "2018-06", "2018-09", "1 (+4)", "3–4",
        "reopened: case-raqqa-reopened-1, case-raqqa-reopened-2, case-raqqa-reopened-3, case-raqqa-reopened-4",
        "credible: case-raqqa-new-1", "non-credible: case-raqqa-reopened-1 (reasons: not stated 1)");
    JsonNode r = Json.readTree(run("tally", "raqqa-2017", "--cases-by", "quarter", "--as-of", "2018-12-31", "--json").out());
    assertThat(r.at("/periods/0/label").asText()).isEqualTo("2018-Q2");
    assertThat(r.at("/periods/1/label").asText()).isEqualTo("2018-Q3");
    assertThat(r.at("/periods/1/carried_over").size()).isEqualTo(4);
    assertThat(r.at("/periods/1/conceded_killed/min").asLong()).isEqualTo(3);
    assertThat(r.at("/periods/1/conceded_killed/max").asLong()).isEqualTo(4);
    // the open cases at the report's end are the tally's on the same date
    JsonNode t = Json.readTree(run("tally", "raqqa-2017", "--as-of", "2018-12-31", "--json").out());
    assertThat(r.at("/periods/1/open_at_end").size()).isEqualTo(t.at("/cases/open").asInt());

    Cli unit = run("tally", "raqqa-2017", "--cases-by", "week");
    assertThat(unit.exit()).isEqualTo(2);
    assertThat(unit.err()).contains("--cases-by = week", "month, quarter, year");
    Cli who = run("tally", "raqqa-2017", "--cases-by", "month", "--belligerent", "Russia");
    assertThat(who.exit()).isEqualTo(2);
    assertThat(who.err()).contains("belligerent = Russia", "US-led coalition (CJTF-OIR)");
    assertThat(run("tally", "raqqa-2017", "--belligerent", "Russia").err()).contains("--belligerent", "only goes with --cases-by");
  }

  @Test
  void aCaseKeepsTheAllegationAsTheBelligerentDescribesItAndTheReportCountsItsChannel() throws Exception {
    Cli add = run("add", "case", "--belligerent", "US-led coalition (CJTF-OIR)", "--campaign", "raqqa-2017", "--reference", "2017-0614-R", "--opened", "2017-07-01",
        "--alleged-time", "14 June 2017", "--alleged-span", "2017-06-14", "--alleged-place", "near Raqqa, Syria", "--alleged-precision", "near",
        "--channel", "ngo", "--alleged-by", "Airwars", "--alleged-source", "rvr-2019-04-25", "--reason", "CJTF-OIR's July report", "--print-json");
    assertThat(add.exit()).as(add.err()).isZero();
    JsonNode k = Json.readTree(add.out());
    String id = k.get("id").asText();
    JsonNode stored = Json.readTree(run("show", "case", id).out());
    assertThat(stored.at("/record/allegation/time/text").asText()).isEqualTo("14 June 2017");
    assertThat(stored.at("/record/allegation/time/span/start").asText()).isEqualTo("2017-06-14");
    assertThat(stored.at("/record/allegation/time/span/end").asText()).isEqualTo("2017-06-14");
    assertThat(stored.at("/record/allegation/place/text").asText()).isEqualTo("near Raqqa, Syria");
    assertThat(stored.at("/record/allegation/place/precision").asText()).isEqualTo("near");
    assertThat(stored.at("/record/allegation/channel").asText()).isEqualTo("ngo");
    assertThat(stored.at("/record/allegation/by").asText()).isEqualTo("Airwars");
    assertThat(stored.at("/record/allegation/source").asText()).isEqualTo("rvr-2019-04-25");
    Cli cited = run("retract", "source", "rvr-2019-04-25", "--reason", "t");
    assertThat(cited.exit()).isEqualTo(2);
    assertThat(cited.err()).contains("still used by", "case " + id);

    Cli report = run("tally", "raqqa-2017", "--cases-by", "month");
    assertThat(report.out()).contains("2017-07", "new: " + id, "new, by how the allegation came in: NGO 1");
    var rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new java.io.StringReader(run("tally", "raqqa-2017", "--cases-by", "month", "--csv").out())).getRecords();
    assertThat(rows.stream().filter(r -> r.get("period").equals("2017-07")).findFirst().orElseThrow().get("opened_by_channel")).isEqualTo("ngo:1");
    assertThat(rows.stream().filter(r -> r.get("period").equals("2018-06")).findFirst().orElseThrow().get("opened_by_channel")).isEqualTo("not_stated:5");

    long before = Json.readTree(run("verify", "--json").out()).get("entries").asLong();
    Cli channel = run("add", "case", "--belligerent", "X", "--opened", "2017-07-01", "--channel", "radio", "--reason", "t");
    assertThat(channel.exit()).isEqualTo(2);
    assertThat(channel.err()).contains("--channel = radio", "self_report, media, social_media, ngo");
    Cli span = run("add", "case", "--belligerent", "X", "--opened", "2017-07-01", "--alleged-span", "2017-06-14/2017-06-01", "--reason", "t");
    assertThat(span.exit()).isEqualTo(2);
    assertThat(span.err()).contains("--alleged-span.end = 2017-06-01", "must not be before start");
    Cli precision = run("add", "case", "--belligerent", "X", "--opened", "2017-07-01", "--alleged-precision", "near", "--reason", "t");
    assertThat(precision.err()).contains("--alleged-precision = near", "only goes with --alleged-place");
    Cli source = run("add", "case", "--belligerent", "X", "--opened", "2017-07-01", "--alleged-source", "src-nope", "--reason", "t");
    assertThat(source.exit()).isEqualTo(2);
    assertThat(source.err()).contains("--alleged-source = src-nope", "no source has this id");
    assertThat(Json.readTree(run("verify", "--json").out()).get("entries").asLong()).as("nothing written").isEqualTo(before);
  }

  @Test
  void theCaseReportAsCsvGivesTheSameCountsAndCasesAsItsJson() throws Exception {
    assertThat(run("case", "case-raqqa-new-1", "credible", "--on", "2018-09-12", "--conceded-killed", "3-4", "--note", "monthly report").exit()).isZero();
    JsonNode json = Json.readTree(run("tally", "raqqa-2017", "--cases-by", "month", "--as-of", "2018-12-31", "--json").out());
    Cli csv = run("tally", "raqqa-2017", "--cases-by", "month", "--as-of", "2018-12-31", "--csv");
    assertThat(csv.exit()).as(csv.err()).isZero();
    var rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new java.io.StringReader(csv.out())).getRecords();
    assertThat(rows).hasSize(json.get("periods").size()).isNotEmpty();
    for (int i = 0; i < rows.size(); i++) {
      var row = rows.get(i);
      JsonNode p = json.get("periods").get(i);
      assertThat(row.get("period")).isEqualTo(p.get("label").asText());
      for (String count : List.of("carried_over", "opened", "opened_earlier", "credible", "non_credible", "duplicate", "closed", "reopened", "open_at_end")) {
        List<String> ids = new ArrayList<>();
        p.get(count).forEach(x -> ids.add(x.asText()));
        assertThat(row.get(count)).as(row.get("period") + " " + count).isEqualTo(Integer.toString(ids.size()));
        assertThat(row.get(count + "_cases")).as(row.get("period") + " " + count).isEqualTo(String.join(" ", ids));
      }
    }
    var september = rows.stream().filter(r -> r.get("period").equals("2018-09")).findFirst().orElseThrow();
    assertThat(september.get("conceded_killed_min")).isEqualTo("3");
    assertThat(september.get("conceded_killed_max")).isEqualTo("4");
    assertThat(september.get("conceded_injured_min")).as("none conceded").isEmpty();
    var june = rows.stream().filter(r -> r.get("period").equals("2018-06")).findFirst().orElseThrow();
    assertThat(june.get("reopened_cases")).isEqualTo("case-raqqa-reopened-1 case-raqqa-reopened-2 case-raqqa-reopened-3 case-raqqa-reopened-4");

    assertThat(run("tally", "raqqa-2017", "--csv").err()).contains("--csv", "only goes with --cases-by");
    Cli both = run("tally", "raqqa-2017", "--cases-by", "month", "--csv", "--json");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("--csv", "one of --csv and --json");
  }

  @Test
  void badInputExitsTwoNamesTheFieldAndWritesNothing() throws Exception {
    long before = Json.readTree(run("verify", "--json").out()).get("entries").asLong();
    Cli r = run("add", "claim", "--source", "ritzau-2018-06", "--incident", "no-such", "--killed", "5", "--injured", "9-3");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("rejected, nothing was written", "--injured.max = 3", "must not be less than min");
    Cli r2 = run("add", "claim", "--source", "nope", "--incident", "no-such", "--killed", "5");
    assertThat(r2.exit()).isEqualTo(2);
    // named by the options the user typed, not the record's fields (source, subject.incident)
    assertThat(r2.err()).contains("--source = nope", "--incident = no-such");
    Cli noSubject = run("add", "claim", "--source", "ritzau-2018-06", "--killed", "5");
    assertThat(noSubject.exit()).isEqualTo(2);
    assertThat(noSubject.err()).contains("--incident/--incidents/--campaign: is required");
    Cli r3 = run("add", "incident", "--title", "x", "--time", "2017-07-02/2017-07-01", "--place", "Raqqa", "--lat", "120", "--lon", "39");
    assertThat(r3.exit()).isEqualTo(2);
    assertThat(r3.err()).contains("--time.end = 2017-07-01", "--lat = 120.0");
    Cli step = run("case", "case-raqqa-reopened-3", "non_credible", "--on", "2018-01-01");
    assertThat(step.exit()).isEqualTo(2);
    assertThat(step.err()).contains("--reason-code: a non-credible assessment needs a reason code", "--on = 2018-01-01: must not be before");
    Cli grading = run("grade", "inc-raqqa-amnesty-1", "fair", "--rationale", "x", "--on", "2010-01-01");
    assertThat(grading.exit()).isEqualTo(2);
    assertThat(grading.err()).contains("--on = 2010-01-01: must not be before the previous grading");
    Cli r4 = run("add", "claim", "--json", "{\"source\":");
    assertThat(r4.exit()).isEqualTo(2);
    assertThat(r4.err()).contains("not valid JSON");
    assertThat(run("show", "claim", "no-such").exit()).isEqualTo(3);
    Cli noSettings = run("link", "--input", "list.csv");
    assertThat(noSettings.exit()).isEqualTo(2);
    assertThat(noSettings.err()).contains("error: rejected:", "--config", "is required for record linkage").doesNotContain("written");
    Cli shippedSettings = run("link", "--campaign", "raqqa-2017"); // the demo has no victims
    assertThat(shippedSettings.exit()).isEqualTo(2);
    assertThat(shippedSettings.err()).contains("error: rejected:", "--campaign = raqqa-2017", "has no victims to link").doesNotContain("written");
    Path settings = dir.resolve("victims.json");
    Files.writeString(settings, """
        {"id_column": "id", "comparisons": [{"name": "name", "column": "name", "type": "full_name", "levels": ["exact"]}], "blocking": [["name"]]}
        """);
    Cli readOnly = run("link", "--campaign", "raqqa-2017", "--config", settings.toString()); // the demo has no victims
    assertThat(readOnly.exit()).isEqualTo(2);
    assertThat(readOnly.err()).contains("error: rejected:", "has no victims to link").doesNotContain("written");
    assertThat(Json.readTree(run("verify", "--json").out()).get("entries").asLong()).isEqualTo(before);
  }

  @Test
  void readingCommandsRefuseAMissingLedgerFileInsteadOfCreatingOne() {
    db = dir.resolve("typo.db");
    Cli r = run("verify");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("no ledger file at", "typo.db");
    assertThat(Files.exists(db)).isFalse();
    assertThat(run("add", "source", "--kind", "news", "--publisher", "P", "--role", "media").exit()).isZero();
    assertThat(run("verify").exit()).isZero();
  }

  @Test
  void staleExpectVersionIsAConflict() {
    assertThat(run("amend", "claim", "clm-coalition-23", "--set", "{\"notes\":\"a\"}", "--reason", "r", "--expect-version", "1").exit()).isZero();
    Cli r = run("amend", "claim", "clm-coalition-23", "--set", "{\"notes\":\"b\"}", "--reason", "r", "--expect-version", "1");
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains("version 2, not 1");
  }

  @Test
  void exportThenImportIntoAFreshFileRoundTrips() {
    Path out = dir.resolve("ledger.json");
    assertThat(run("export", "ledger", "--out", out.toString()).exit()).isZero();
    Path original = db;
    String head = Json.readTree(run("verify", "--json").out()).get("head_hash").asText();
    db = dir.resolve("restored.db");
    Cli imp = run("import", "ledger", out.toString());
    assertThat(imp.exit()).as(imp.err()).isZero();
    JsonNode v = Json.readTree(run("verify", "--json").out());
    assertThat(v.get("ok").asBoolean()).isTrue();
    assertThat(v.get("head_hash").asText()).isEqualTo(head);
    String restored = run("tally", "raqqa-2017", "--as-of", "2018-12-31", "--json").out();
    db = original;
    assertThat(Json.readTree(restored)).isEqualTo(Json.readTree(run("tally", "raqqa-2017", "--as-of", "2018-12-31", "--json").out()));
  }

  @Test
  void failedExportLeavesNoHalfFile() throws Exception {
    Path out = dir.resolve("incidents.csv");
    Cli r = run("export", "incidents", "--campaign", "no-such", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(Files.exists(out)).isFalse();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".export-"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "serve", "tally", "verify", "add", "show", "list", "amend", "grade", "case", "link", "unlink", "review", "retract", "archive", "history", "export", "import", "bench"})
  void everyCommandHasHelp(String command) {
    Cli r = run(command, "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage:");
  }

  @Test
  void everyOptionAndParameterOfEveryCommandSaysWhatItIs() {
    // --help is the documentation a recorder reads first: an option listed with no words is a guess
    java.util.List<String> bare = new java.util.ArrayList<>();
    java.util.Deque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(new picocli.CommandLine(new Main())));
    while (!todo.isEmpty()) {
      picocli.CommandLine c = todo.pop();
      todo.addAll(c.getSubcommands().values());
      for (var o : c.getCommandSpec().options()) {
        if (!o.hidden() && String.join("", o.description()).isBlank()) bare.add(c.getCommandSpec().qualifiedName() + " " + o.longestName());
      }
      for (var p : c.getCommandSpec().positionalParameters()) {
        if (!p.hidden() && String.join("", p.description()).isBlank()) bare.add(c.getCommandSpec().qualifiedName() + " " + p.paramLabel());
      }
    }
    assertThat(bare).isEmpty();
  }

  @Test
  void extractPrintsTheContractJsonWithoutALedger() throws Exception {
    Path story = dir.resolve("story.da.txt");
    java.nio.file.Files.writeString(story, "Under kampene i Raqqa fra juni til oktober 2017 mistede 23 civile livet. I hvert fald hvis man skal tro den USA-ledede koalition.\n\n"
        + "Ifølge Amnesty dræbte koalitionen hundredvis af civile under den fire måneder lange offensiv.");
    Path none = dir.resolve("absent.db");
    Cli r = Cli.run("--db", none.toString(), "extract", story.toString(), "--lang", "da", "--json");
    int code = r.exit();
    assertThat(code).isZero();
    assertThat(java.nio.file.Files.exists(none)).as("extraction alone needs no ledger").isFalse();
    JsonNode j = Json.readTree(r.out());
    assertThat(j.at("/claims/0/killed/min").asLong()).isEqualTo(23);
    assertThat(j.at("/claims/0/killed/max").asLong()).isEqualTo(23);
    assertThat(j.at("/claims/0/counted").asText()).isEqualTo("civilians");
    assertThat(j.at("/claims/0/attributed_to").asText()).isEqualTo("US-led coalition (CJTF-OIR)");
    assertThat(j.at("/claims/0/place").asText()).isEqualTo("Raqqa");
    assertThat(j.at("/claims/0/period").asText()).isEqualTo("2017-06-01/2017-10-31");
    assertThat(j.at("/claims/1/killed/min").asLong()).isEqualTo(200);
    assertThat(j.at("/claims/1/killed/max").isMissingNode()).isTrue();
    assertThat(j.at("/claims/1/attributed_to").asText()).isEqualTo("Amnesty International");
    assertThat(j.get("case_actions")).isEmpty();
  }

  @Test
  void extractRefusesAnUnknownLanguageOrAMissingFileByName() {
    Cli r = run("extract", dir.resolve("nope.txt").toString(), "--lang", "da");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("FILE", "does not exist");
    r = run("extract", dir.resolve("nope.txt").toString(), "--lang", "fr");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--lang", "fr", "da, en, ar");
  }

  @Test
  void anArabicStoryGoesThroughExtractionReviewAndHistoryOnTheCommandLine() throws Exception {
    Path story = dir.resolve("story.ar.txt");
    java.nio.file.Files.writeString(story, "قالت منظمة العفو الدولية إن غارات التحالف قتلت 300 مدني في الرقة. وأفاد المرصد السوري لحقوق الإنسان بمقتل 12 شخصاً بينهم 5 أطفال.");
    assertThat(run("add", "source", "--id", "aj-1", "--kind", "news", "--publisher", "Al Jazeera Arabic", "--role", "media", "--language", "ar", "--published", "2018-07-01").exit()).isZero();
    Cli staged = run("extract", story.toString(), "--lang", "ar", "--source", "aj-1", "--campaign", "raqqa-2017", "--json");
    assertThat(staged.exit()).as(staged.err()).isZero();
    JsonNode j = Json.readTree(staged.out());
    assertThat(j.get("drafts")).hasSize(2);
    String amnesty = j.at("/drafts/0").asText();
    String sohr = j.at("/drafts/1").asText();
    assertThat(run("amend", "claim", amnesty, "--set", "{\"killed\":{\"min\":300,\"max\":320}}", "--reason", "report gives 300-320").exit()).isZero();
    assertThat(run("review", amnesty, "accepted", "--reason", "checked").exit()).isZero();
    assertThat(run("review", sohr, "rejected").exit()).as("rejecting needs a reason").isEqualTo(2);
    assertThat(run("review", sohr, "rejected", "--reason", "not Raqqa").exit()).isZero();
    Cli history = run("history", "source", "aj-1");
    assertThat(history.out()).contains("text archived for extraction", "claim/" + amnesty, "report gives 300-320", "checked", "claim/" + sohr, "not Raqqa");
    assertThat(run("verify").exit()).isZero();
  }

  @Test
  void anOutputFileThatCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
    assertThat(run("demo", "--no-serve").exit()).isZero();
    Path missing = dir.resolve("no-such-folder").resolve("out.json");
    Cli export = run("export", "ledger", "--out", missing.toString());
    assertThat(export.exit()).isEqualTo(2);
    assertThat(export.err()).contains("--out = " + missing, "does not exist");
    Cli intoFolder = run("export", "incidents", "--campaign", "raqqa-2017", "--out", dir.toString());
    assertThat(intoFolder.exit()).isEqualTo(2);
    assertThat(intoFolder.err()).contains("is a folder");
    java.nio.file.Files.writeString(dir.resolve("people.csv"), "id,name\n1,Ahmad\n2,Ahmad\n");
    java.nio.file.Files.writeString(dir.resolve("s.json"), "{\"id_column\":\"id\",\"comparisons\":[{\"name\":\"name\",\"column\":\"name\",\"type\":\"name\",\"levels\":[\"exact\"]}],\"blocking\":[[\"name\"]]}");
    Cli link = run("link", "--config", dir.resolve("s.json").toString(), "--input", dir.resolve("people.csv").toString(), "--clusters", missing.toString());
    assertThat(link.exit()).isEqualTo(2);
    assertThat(link.err()).contains("--clusters = " + missing);
    assertThat(java.nio.file.Files.exists(missing.getParent())).isFalse();
  }
}
