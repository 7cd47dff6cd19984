package org.harmledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.harmledger.ledger.Json;
import org.harmledger.service.DemoLedger;
import org.harmledger.service.LedgerService;
import org.harmledger.storage.SqliteLedgerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over real HTTP, against a real SQLite file. */
class ApiServerTest {
  @TempDir Path dir;
  SqliteLedgerStore store;
  LedgerService ledger;
  ApiServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    store = SqliteLedgerStore.open(dir.resolve("api.db"));
    ledger = new LedgerService(store);
    DemoLedger.load(ledger, Optional.empty());
    server = ApiServer.start(ledger, "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.stop();
    store.close();
  }

  record Response(int status, JsonNode body, HttpResponse<String> raw) {}

  Response send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode n = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json") ? Json.readTree(r.body()) : null;
    return new Response(r.statusCode(), n, r);
  }

  long head() {
    return store.read(r -> r.head().orElseThrow().seq());
  }

  @Test
  void tallyAsOfEndOf2018() throws Exception {
    Response r = send("GET", "/api/campaigns/raqqa-2017/tally?as_of=2018-12-31", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().at("/killed/official/min").asLong()).isEqualTo(23);
    assertThat(r.body().at("/killed/official/max").asLong()).isEqualTo(23);
    assertThat(r.body().at("/killed/independent/min").asLong()).isEqualTo(200);
    assertThat(r.body().at("/killed/documented/min").asLong()).isEqualTo(70);
    assertThat(r.body().at("/killed/documented/incidents").asInt()).isEqualTo(4);
    assertThat(r.body().at("/cases/reopened").asInt()).isEqualTo(4);
  }

  @Test
  void aCaseIsMatchedToAnIncidentWithAConfidenceReassessedAndUnlinkedOverHttp() throws Exception {
    String path = "/api/cases/case-raqqa-reopened-2";
    long before = head();
    Response bad = send("POST", path + "/links", """
        {"incidents":["inc-raqqa-amnesty-1"],"confidence":"certain","basis":"same street","reason":"r"}""", "If-Match", "*");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().at("/problems/0/field").asText()).isEqualTo("confidence");
    assertThat(bad.body().at("/problems/0/value").asText()).isEqualTo("certain");
    Response noBasis = send("POST", path + "/links", """
        {"incidents":["inc-raqqa-amnesty-1"],"confidence":"probable","reason":"r"}""", "If-Match", "*");
    assertThat(noBasis.status()).isEqualTo(400);
    assertThat(noBasis.body().at("/problems/0/field").asText()).isEqualTo("basis");
    Response notAList = send("POST", path + "/links", """
        {"incidents":"inc-raqqa-amnesty-1","reason":"r"}""", "If-Match", "*");
    assertThat(notAList.status()).isEqualTo(400);
    assertThat(notAList.body().at("/problems/0/field").asText()).isEqualTo("incidents");
    Response badDay = send("POST", path + "/links", """
        {"incidents":["inc-raqqa-amnesty-1"],"confidence":"possible","basis":"b","matched_on":"2018-13-01","reason":"r"}""", "If-Match", "*");
    assertThat(badDay.status()).isEqualTo(400);
    assertThat(badDay.body().at("/problems/0/field").asText()).as(badDay.raw().body()).isEqualTo("matched_on");
    String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
    Response future = send("POST", path + "/links", """
        {"incidents":["inc-raqqa-amnesty-1"],"confidence":"possible","basis":"b","matched_on":"%s","reason":"r"}""".formatted(tomorrow), "If-Match", "*");
    assertThat(future.status()).isEqualTo(400);
    assertThat(future.body().at("/problems/0/field").asText()).isEqualTo("matched_on");
    assertThat(future.body().at("/problems/0/rule").asText()).startsWith("must not be after today");
    assertThat(head()).isEqualTo(before);

    Response linked = send("POST", path + "/links", """
        {"incidents":["inc-raqqa-amnesty-1"],"confidence":"possible","basis":"reopened after Amnesty's four incidents","matched_on":"2018-06-28","reason":"provisional"}""",
        "If-Match", "\"2\"", "X-Actor", "ana");
    assertThat(linked.status()).isEqualTo(200);
    assertThat(linked.body().at("/record/matches/inc-raqqa-amnesty-1/confidence").asText()).isEqualTo("possible");
    assertThat(linked.body().at("/record/matches/inc-raqqa-amnesty-1/on").asText()).isEqualTo("2018-06-28");
    Response again = send("POST", path + "/links", """
        {"incidents":["inc-raqqa-amnesty-1"],"confidence":"probable","basis":"the June letter gives the same street","reason":"new letter"}""",
        "If-Match", "\"3\"", "X-Actor", "ben");
    assertThat(again.status()).isEqualTo(200);
    assertThat(send("GET", path, null).body().at("/record/matches/inc-raqqa-amnesty-1/confidence").asText()).isEqualTo("probable");
    Response stale = send("POST", path + "/unlink", """
        {"incidents":["inc-raqqa-amnesty-1"],"reason":"another strike"}""", "If-Match", "\"3\"");
    assertThat(stale.status()).isEqualTo(412);
    Response unlinked = send("POST", path + "/unlink", """
        {"incidents":["inc-raqqa-amnesty-1"],"reason":"another strike"}""", "If-Match", "\"4\"");
    assertThat(unlinked.status()).isEqualTo(200);
    assertThat(unlinked.body().at("/record/incidents").size()).isZero();
    assertThat(unlinked.body().at("/record/matches").isMissingNode()).isTrue();
    JsonNode history = send("GET", path + "/history", null).body();
    List<String> actions = new java.util.ArrayList<>();
    history.forEach(h -> actions.add(h.get("action").asText()));
    assertThat(actions).endsWith("link", "link", "unlink");
  }

  @Test
  void aRecorderEntersASourceWithTwoConflictingClaimsGradesAndReopens() throws Exception {
    Response src = send("POST", "/api/sources", """
        {"kind":"ngo_report","publisher":"Airwars","role":"independent_monitor","published":"2018-09-01","language":"en","confidential":false,"secondary":false}""",
        "X-Actor", "ana");
    assertThat(src.status()).isEqualTo(201);
    String sourceId = src.body().get("id").asText();
    Response a = send("POST", "/api/claims", "{\"source\":\"" + sourceId + "\",\"subject\":{\"kind\":\"aggregate\",\"campaign\":\"raqqa-2017\"},\"killed\":{\"min\":1000,\"max\":1400}}", "X-Actor", "ana");
    Response b = send("POST", "/api/claims", "{\"source\":\"" + sourceId + "\",\"claimant\":{\"name\":\"Raqqa Is Being Slaughtered Silently\",\"role\":\"media\"},\"subject\":{\"kind\":\"aggregate\",\"campaign\":\"raqqa-2017\"},\"killed\":{\"min\":150,\"max\":300}}", "X-Actor", "ana");
    assertThat(a.status()).isEqualTo(201);
    assertThat(b.status()).isEqualTo(201);
    Response t = send("GET", "/api/campaigns/raqqa-2017/tally?as_of=2018-12-31", null);
    assertThat(t.body().at("/killed/independent/min").asLong()).isEqualTo(150);
    assertThat(t.body().at("/killed/independent/claims").toString()).contains(a.body().get("id").asText(), b.body().get("id").asText());

    Response g = send("POST", "/api/incidents/inc-raqqa-amnesty-2/gradings", "{\"grade\":\"fair\",\"rationale\":\"Airwars corroborates\",\"on\":\"2018-09-02\"}", "X-Actor", "ana", "If-Match", etag("/api/incidents/inc-raqqa-amnesty-2"));
    assertThat(g.status()).isEqualTo(201);
    Response c = send("POST", "/api/cases/case-raqqa-new-1/steps", "{\"state\":\"credible\",\"on\":\"2018-10-01\",\"note\":\"monthly report\",\"conceded_killed\":{\"min\":4,\"max\":4}}", "X-Actor", "ana", "If-Match", etag("/api/cases/case-raqqa-new-1"));
    assertThat(c.status()).isEqualTo(201);

    Response h = send("GET", "/api/cases/case-raqqa-new-1/history", null);
    assertThat(h.body()).hasSize(2);
    assertThat(h.body().get(1).get("actor").asText()).isEqualTo("ana");
    assertThat(h.body().get(1).get("action").asText()).isEqualTo("transition");
    Response ih = send("GET", "/api/incidents/inc-raqqa-amnesty-2/history", null);
    assertThat(ih.body().get(ih.body().size() - 1).get("action").asText()).isEqualTo("grade");
    assertThat(send("GET", "/api/verify", null).body().get("ok").asBoolean()).isTrue();
  }

  @Test
  void badInputIs400WithFieldValueAndRuleAndWritesNothing() throws Exception {
    long before = head();
    Response r = send("POST", "/api/claims", "{\"source\":\"ritzau-2018-06\",\"subject\":{\"kind\":\"incident\",\"incident\":\"no-such\"},\"killed\":{\"min\":9,\"max\":3}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("error").asText()).isEqualTo("invalid");
    assertThat(r.body().get("problems").findValuesAsText("field")).containsExactlyInAnyOrder("killed.max", "subject.incident");
    assertThat(r.body().get("problems").findValuesAsText("value")).contains("3", "no-such");

    assertThat(send("POST", "/api/claims", "{not json").status()).isEqualTo(400);
    assertThat(send("POST", "/api/incidents", "{\"title\":\"x\",\"time\":{\"start\":\"2017-07-02\",\"end\":\"2017-07-01\"},\"place\":{\"name\":\"x\",\"point\":{\"lat\":95,\"lon\":0}}}").body()
        .get("problems").findValuesAsText("field")).containsExactlyInAnyOrder("time.end", "place.point.lat");
    assertThat(send("GET", "/api/campaigns/raqqa-2017/tally?as_of=31-12-2018", null).body().get("problems").get(0).get("field").asText()).isEqualTo("as_of");
    assertThat(send("GET", "/api/campaigns/raqqa-2017/tally?period=2017-09-01/2017-08-01", null).body().get("problems").get(0).get("field").asText()).isEqualTo("period.end");
    assertThat(send("GET", "/api/campaigns/raqqa-2017/gap-history?bbox=1,2,3", null).body().get("problems").get(0).get("field").asText()).isEqualTo("bbox");
    Response control = send("POST", "/api/sources", "{\"kind\":\"news\",\"publisher\":\"Ritzau\\u001f\",\"role\":\"media\",\"confidential\":false,\"secondary\":false}");
    assertThat(control.status()).isEqualTo(400);
    assertThat(control.body().at("/problems/0/field").asText()).isEqualTo("publisher");
    assertThat(control.body().at("/problems/0/value").asText()).isEqualTo("Ritzau\\u001F");
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void unknownThingsAre404() throws Exception {
    assertThat(send("GET", "/api/claims/no-such", null).status()).isEqualTo(404);
    assertThat(send("GET", "/api/campaigns/no-such/tally", null).status()).isEqualTo(404);
    assertThat(send("GET", "/api/nonsense", null).status()).isIn(400, 404);
  }

  @Test
  void aCaseStepFromAPageShownBeforeSomeoneElsesStepIsRefused() throws Exception {
    long version = ledger.get(org.harmledger.domain.RecordType.CASE, "case-raqqa-new-1").version();
    send("POST", "/api/cases/case-raqqa-new-1/steps", "{\"state\":\"credible\",\"on\":\"2018-10-01\",\"note\":\"colleague\",\"conceded_killed\":{\"min\":4,\"max\":4}}", "X-Actor", "colleague", "If-Match", "*");
    long before = head();
    String form = "state=non_credible&on=2018-10-02&reason_code=insufficient_information&note=mine&version=" + version;
    HttpResponse<String> stale = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/cases/case-raqqa-new-1/steps"))
        .POST(HttpRequest.BodyPublishers.ofString(form)).header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.body()).contains("someone changed it since").contains("colleague");
    assertThat(head()).isEqualTo(before);
    String fresh = form.replace("version=" + version, "version=" + ledger.get(org.harmledger.domain.RecordType.CASE, "case-raqqa-new-1").version());
    HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/cases/case-raqqa-new-1/steps"))
        .POST(HttpRequest.BodyPublishers.ofString(fresh)).header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(head()).isEqualTo(before + 1);
  }

  @Test
  void aRetractionFromAPageShownBeforeAnAmendmentIsRefused() throws Exception {
    long version = ledger.get(org.harmledger.domain.RecordType.CLAIM, "clm-coalition-23").version();
    send("PATCH", "/api/claims/clm-coalition-23", "{\"notes\":\"checked against the monthly report\"}", "X-Reason", "note", "If-Match", "\"" + version + "\"");
    long before = head();
    HttpResponse<String> stale = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/claims/clm-coalition-23/retract"))
        .POST(HttpRequest.BodyPublishers.ofString("reason=wrong&back=%2F&version=" + version)).header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.body()).contains("someone changed it since");
    assertThat(head()).isEqualTo(before);
    assertThat(ledger.get(org.harmledger.domain.RecordType.CLAIM, "clm-coalition-23").isRetracted()).isFalse();
  }

  @Test
  void theGapHistoryCanBeAskedForAtMostSoManyDates() throws Exception {
    JsonNode all = send("GET", "/api/campaigns/raqqa-2017/gap-history", null).body();
    assertThat(all.size()).isGreaterThan(2);
    JsonNode two = send("GET", "/api/campaigns/raqqa-2017/gap-history?points=2", null).body();
    assertThat(two).hasSize(2);
    assertThat(two.get(0)).isEqualTo(all.get(0));
    assertThat(two.get(1)).isEqualTo(all.get(all.size() - 1));
    Response one = send("GET", "/api/campaigns/raqqa-2017/gap-history?points=1", null);
    assertThat(one.status()).isEqualTo(400);
    assertThat(one.body().at("/problems/0/field").asText()).isEqualTo("points");
  }

  @Test
  void theCaseReportNamesTheReopenedCases() throws Exception {
    Response r = send("GET", "/api/campaigns/raqqa-2017/case-report?by=year&as_of=2018-12-31", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("by").asText()).isEqualTo("year");
    assertThat(r.body().get("periods")).hasSize(1);
    JsonNode y = r.body().at("/periods/0");
    assertThat(y.get("label").asText()).isEqualTo("2018");
    assertThat(y.get("reopened")).extracting(JsonNode::asText)
        .containsExactly("case-raqqa-reopened-1", "case-raqqa-reopened-2", "case-raqqa-reopened-3", "case-raqqa-reopened-4");
    JsonNode tally = send("GET", "/api/campaigns/raqqa-2017/tally?as_of=2018-12-31", null).body();
    assertThat(y.get("open_at_end").size()).isEqualTo(tally.at("/cases/open").asInt());
    assertThat(y.get("opened").size()).isEqualTo(tally.at("/cases/opened").asInt());
    assertThat(send("GET", "/api/campaigns/raqqa-2017/case-report?as_of=2017-01-01", null).body().get("periods")).as("before any case").isEmpty();

    Response unit = send("GET", "/api/campaigns/raqqa-2017/case-report?by=week", null);
    assertThat(unit.status()).isEqualTo(400);
    assertThat(unit.body().at("/problems/0/field").asText()).isEqualTo("by");
    assertThat(unit.body().at("/problems/0/value").asText()).isEqualTo("week");
    Response who = send("GET", "/api/campaigns/raqqa-2017/case-report?belligerent=Russia", null);
    assertThat(who.status()).isEqualTo(400);
    assertThat(who.body().at("/problems/0/field").asText()).isEqualTo("belligerent");
    assertThat(send("GET", "/api/campaigns/no-such/case-report", null).status()).isEqualTo(404);
  }

  @Test
  void aCaseKeepsItsAllegationOverHttpAndABadChannelIsNamed() throws Exception {
    Response made = send("POST", "/api/cases", """
        {"belligerent":"US-led coalition (CJTF-OIR)","campaign":"raqqa-2017","history":[{"state":"open","on":"2017-07-01","on_or_before":false,"note":"July report"}],
         "allegation":{"time":{"text":"14 June 2017","span":{"start":"2017-06-14","end":"2017-06-14"}},"place":{"text":"near Raqqa, Syria","precision":"near"},"channel":"self_report","by":"Task force"}}
        """, "X-Actor", "ana");
    assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
    String id = made.body().get("id").asText();
    JsonNode back = send("GET", "/api/cases/" + id, null).body();
    assertThat(back.at("/record/allegation/channel").asText()).isEqualTo("self_report");
    assertThat(back.at("/record/allegation/time/span/start").asText()).isEqualTo("2017-06-14");
    JsonNode report = send("GET", "/api/campaigns/raqqa-2017/case-report?by=year", null).body();
    assertThat(report.at("/periods/0/label").asText()).isEqualTo("2017");
    assertThat(report.at("/periods/0/opened_by_channel/self_report").asInt()).isEqualTo(1);

    long before = head();
    Response bad = send("POST", "/api/cases", """
        {"belligerent":"X","history":[{"state":"open","on":"2017-07-01","on_or_before":false}],"allegation":{"channel":"radio"}}
        """, "X-Actor", "ana");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().at("/problems/0/field").asText()).isEqualTo("allegation.channel");
    assertThat(bad.body().at("/problems/0/value").asText()).isEqualTo("radio");
    Response empty = send("POST", "/api/cases", """
        {"belligerent":"X","history":[{"state":"open","on":"2017-07-01","on_or_before":false}],"allegation":{}}
        """, "X-Actor", "ana");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body().at("/problems/0/field").asText()).isEqualTo("allegation");
    assertThat(head()).as("nothing written").isEqualTo(before);
  }

  @Test
  void theCaseReportAsCsvHasARowPerPeriodWithTheSameCasesAsItsJson() throws Exception {
    JsonNode json = send("GET", "/api/campaigns/raqqa-2017/case-report?by=quarter&as_of=2018-12-31", null).body();
    var r = send("GET", "/api/campaigns/raqqa-2017/case-report.csv?by=quarter&as_of=2018-12-31", null).raw();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("raqqa-2017-cases-by-quarter-2018-12-31.csv");
    var rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new java.io.StringReader(r.body())).getRecords();
    assertThat(rows).hasSize(json.get("periods").size()).isNotEmpty();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode p = json.get("periods").get(i);
      assertThat(rows.get(i).get("period")).isEqualTo(p.get("label").asText());
      assertThat(rows.get(i).get("by")).isEqualTo("quarter");
      List<String> reopened = new java.util.ArrayList<>();
      p.get("reopened").forEach(x -> reopened.add(x.asText()));
      assertThat(rows.get(i).get("reopened_cases")).isEqualTo(String.join(" ", reopened));
      assertThat(rows.get(i).get("open_at_end")).isEqualTo(Integer.toString(p.get("open_at_end").size()));
    }
    assertThat(rows.stream().mapToInt(x -> Integer.parseInt(x.get("reopened"))).sum()).isEqualTo(4);

    Response bad = send("GET", "/api/campaigns/raqqa-2017/case-report.csv?by=week", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().at("/problems/0/field").asText()).isEqualTo("by");
    assertThat(send("GET", "/api/campaigns/no-such/case-report.csv", null).status()).isEqualTo(404);
  }

  @Test
  void aUcdpGedFileIsImportedIntoACampaignOverHttp() throws Exception {
    String ged = """
        id,type_of_violence,side_a,side_b,where_prec,where_description,latitude,longitude,date_start,date_end,deaths_civilians,best,high,low
        244001,3,Government of Syria,Civilians,1,Raqqa town,35.95,39.01,2017-08-20,2017-08-20,27,27,40,19
        244009,3,Government of Syria,Civilians,1,Raqqa town,35.95,39.01,2017-08-21,2017-08-21,lots,27,40,19
        """;
    long before = head();
    Response noSource = send("POST", "/api/import/ged?campaign=raqqa-2017", ged, "Content-Type", "text/csv");
    assertThat(noSource.status()).isEqualTo(400);
    assertThat(noSource.body().at("/problems/0/field").asText()).isEqualTo("source");
    Response bad = send("POST", "/api/import/ged?campaign=raqqa-2017&source=ritzau-2018-06", ged, "Content-Type", "text/csv");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().at("/problems/0/field").asText()).isEqualTo("row 3: deaths_civilians");
    assertThat(bad.body().at("/problems/0/value").asText()).isEqualTo("lots");
    assertThat(head()).isEqualTo(before);

    Response ok = send("POST", "/api/import/ged?campaign=raqqa-2017&source=ritzau-2018-06", ged.lines().limit(2).collect(java.util.stream.Collectors.joining("\n")), "Content-Type", "text/csv");
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.body().get("incidents").asInt()).isEqualTo(1);
    assertThat(ok.body().get("claims").asInt()).isEqualTo(1);
    assertThat(ok.body().get("outside").asInt()).isZero();
    assertThat(send("GET", "/api/claims/clm-ged-244001", null).body().at("/record/killed/max").asLong()).isEqualTo(40);
  }

  @Test
  void theGapChartToPublishIsOneSvgWithItsFiguresWhoGivesThemAndTheLedgerEntry() throws Exception {
    // a protected witness's figure counts, and the chart does not name them
    send("POST", "/api/import/records", """
        {"type":"source","id":"wit-9","kind":"witness_testimony","publisher":"Protected Witness Name","role":"witness","confidential":true,"secondary":false,"published":"2018-07-01"}
        {"type":"claim","source":"wit-9","subject":{"kind":"aggregate","campaign":"raqqa-2017"},"killed":{"min":300}}
        """, "Content-Type", "application/x-ndjson");
    var r = send("GET", "/campaigns/raqqa-2017/gap.svg?as_of=2018-12-31", null).raw();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    List<String> texts = new java.util.ArrayList<>();
    var nodes = doc.getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) texts.add(nodes.item(i).getTextContent());
    assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Civilians killed: Battle of Raqqa, 2017, as known on 2018-12-31");
    assertThat(texts).contains("23", "at least 200", "70"); // independent: the envelope of 200+ and the witness's 300+
    assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("Official: US-led coalition (CJTF-OIR) (2018-06-05)"));
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("Documented: the sum over 4 incidents"));
    assertThat(texts).anySatisfy(t -> assertThat(t).contains("ledger entry #" + head() + ", SHA-256 " + store.read(x -> x.head().orElseThrow().hash()).substring(0, 16)));
    assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("Independent: (confidential source) (2018-07-01); Amnesty International (2018-06-05)"));
    assertThat(r.body()).doesNotContain("Protected Witness");

    // part of the campaign: a period no aggregate claim fits in, then a box around none of its incidents
    List<String> part = svgTexts("/campaigns/raqqa-2017/gap.svg?as_of=2018-12-31&period=2017-06-01/2017-07-31");
    assertThat(part).anySatisfy(t -> assertThat(t).contains("as known on 2018-12-31, period 2017-06-01/2017-07-31"));
    assertThat(part).contains("not known", "70").doesNotContain("23");
    List<String> away = svgTexts("/campaigns/raqqa-2017/gap.svg?as_of=2018-12-31&bbox=0,0,1,1");
    assertThat(away).anySatisfy(t -> assertThat(t).contains("area south,west,north,east 0.0,0.0,1.0,1.0"));
    assertThat(away).contains("Documented: no incident has a figure yet").doesNotContain("70");
    assertThat(send("GET", "/campaigns/raqqa-2017/gap.svg?period=2017-08-01/2017-07-01", null).status()).isEqualTo(400);
  }

  private List<String> svgTexts(String path) throws Exception {
    var r = send("GET", path, null).raw();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    List<String> texts = new java.util.ArrayList<>();
    var nodes = doc.getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) texts.add(nodes.item(i).getTextContent());
    return texts;
  }

  @Test
  void preparingAheadLeavesThePagesAndTheTallyAsTheyWouldBeOnFirstUse() throws Exception {
    HttpResponse<String> before = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/campaigns/raqqa-2017")).build(), HttpResponse.BodyHandlers.ofString());
    ApiServer other = ApiServer.start(ledger, "127.0.0.1", 0);
    try {
      other.prepare();
      HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port() + "/campaigns/raqqa-2017")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.body()).isEqualTo(before.body().replace(":" + server.port(), ":" + other.port()));
    } finally {
      other.stop();
    }
  }

  @Test
  void aFixedPathAskedWithTheWrongMethodIs405NamingTheRightOne() throws Exception {
    Response r = send("POST", "/api/verify", "{}");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.raw().headers().firstValue("Allow")).contains("GET");
    assertThat(r.body().path("message").asText()).isEqualTo("POST is not allowed on /api/verify; use GET");
    assertThat(send("GET", "/api/extract", null).status()).isEqualTo(405);
    assertThat(send("POST", "/api/sources", "{}").status()).isEqualTo(400); // a record type still creates
  }

  @Test
  void aPathNoRouteTakesIsAJson404AndARecordIsNeverDeleted() throws Exception {
    Response unknown = send("GET", "/api/campaigns/raqqa-2017/tally/extra/parts", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).as("a JSON body, as for every other error").isNotNull();
    assertThat(unknown.body().path("error").asText()).isEqualTo("not_found");
    assertThat(unknown.body().path("message").asText()).contains("/api/campaigns/raqqa-2017/tally/extra/parts");

    long before = head();
    Response delete = send("DELETE", "/api/claims/clm-coalition-23", null);
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.raw().headers().firstValue("Allow")).contains("GET, PATCH");
    assertThat(delete.body().path("message").asText()).contains("retract").contains("POST /api/claims/clm-coalition-23/retract");
    assertThat(send("PUT", "/api/claims/clm-coalition-23", "{}").status()).isEqualTo(405);
    assertThat(head()).isEqualTo(before);
    assertThat(send("GET", "/api/claims/clm-coalition-23", null).status()).isEqualTo(200);

    // a fixed path names its own methods, not those of the record-type routes beside it
    Response verify = send("DELETE", "/api/verify", null);
    assertThat(verify.status()).isEqualTo(405);
    assertThat(verify.raw().headers().firstValue("Allow")).contains("GET");
    assertThat(verify.body().path("message").asText()).doesNotContain("retract");

    for (String q : new String[] {"offset=-1", "limit=0", "limit=10001", "limit=abc"}) {
      Response paged = send("GET", "/api/claims?" + q, null);
      assertThat(paged.status()).as(q).isEqualTo(400);
      assertThat(paged.body().at("/problems/0/field").asText()).isEqualTo(q.substring(0, q.indexOf('=')));
    }
    assertThat(send("GET", "/api/claims?offset=0&limit=10000", null).status()).isEqualTo(200);
    // a bad query is refused as such: a read has nothing to write
    Response badDate = send("GET", "/api/campaigns/raqqa-2017/tally?as_of=2018-02-30", null);
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.body().path("message").asText()).isEqualTo("rejected");
    assertThat(badDate.body().at("/problems/0/field").asText()).isEqualTo("as_of");

    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/no/such/page")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("No such page");
  }

  @Test
  void aStaleIfMatchIsRefusedSoNoEditIsSilentlyLost() throws Exception {
    Response first = send("GET", "/api/claims/clm-coalition-23", null);
    String etag = first.raw().headers().firstValue("ETag").orElseThrow();
    Response ok = send("PATCH", "/api/claims/clm-coalition-23", "{\"notes\":\"editor one\"}", "If-Match", etag, "X-Reason", "note");
    assertThat(ok.status()).isEqualTo(200);
    long before = head();
    Response stale = send("PATCH", "/api/claims/clm-coalition-23", "{\"notes\":\"editor two\"}", "If-Match", etag, "X-Reason", "note");
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.body().get("message").asText()).contains("someone changed it");
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void aChangeWithoutIfMatchIs428AndWritesNothing() throws Exception {
    long before = head();
    for (String[] write : new String[][] {
        {"PATCH", "/api/claims/clm-coalition-23", "{\"notes\":\"no version\"}"},
        {"POST", "/api/claims/clm-coalition-23/retract", "{\"reason\":\"no version\"}"},
        {"POST", "/api/claims/clm-coalition-23/review", "{\"status\":\"accepted\",\"reason\":\"no version\"}"},
        {"POST", "/api/claims/clm-coalition-23/links", "{\"incidents\":[],\"reason\":\"no version\"}"},
        {"POST", "/api/incidents/inc-raqqa-amnesty-2/gradings", "{\"grade\":\"fair\",\"rationale\":\"no version\"}"},
        {"POST", "/api/cases/case-raqqa-new-1/steps", "{\"state\":\"closed\",\"note\":\"no version\"}"}}) {
      Response r = send(write[0], write[1], write[2], "X-Reason", "no version");
      assertThat(r.status()).as(write[0] + " " + write[1]).isEqualTo(428);
      assertThat(r.body().get("error").asText()).isEqualTo("precondition_required");
      assertThat(r.body().at("/problems/0/field").asText()).isEqualTo("If-Match");
      assertThat(r.body().get("message").asText()).contains(write[1]).contains("nothing was written");
    }
    assertThat(head()).isEqualTo(before);
    // "*" is the explicit "whatever its version", for a script that means to override
    Response any = send("PATCH", "/api/claims/clm-coalition-23", "{\"notes\":\"any version\"}", "X-Reason", "note", "If-Match", "*");
    assertThat(any.status()).isEqualTo(200);
    assertThat(any.body().toString()).contains("any version");
    assertThat(send("PATCH", "/api/claims/clm-coalition-23", "{\"notes\":\"x\"}", "X-Reason", "note", "If-Match", "three").status()).isEqualTo(400);
  }

  /** The ETag a GET of the record gives: the version a change based on that read names in If-Match. */
  private String etag(String path) throws Exception {
    return send("GET", path, null).raw().headers().firstValue("ETag").orElseThrow();
  }

  @Test
  void retractionNeedsAReason() throws Exception {
    assertThat(send("POST", "/api/claims/clm-sdf-losses/retract", "{}", "If-Match", "*").status()).isEqualTo(400);
    Response r = send("POST", "/api/claims/clm-sdf-losses/retract", "{\"reason\":\"no figure to keep\"}", "If-Match", etag("/api/claims/clm-sdf-losses"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("retracted").asText()).isEqualTo("no figure to keep");
  }

  @Test
  void badCsvImportReportsEveryRowAndWritesNothing() throws Exception {
    long before = head();
    Response r = send("POST", "/api/import/claims", "source,incident,killed\nritzau-2018-06,inc-raqqa-amnesty-1,4\nritzau-2018-06,no-such,5\nno-such,inc-raqqa-amnesty-1,x\n", "Content-Type", "text/csv");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("problems").findValuesAsText("field")).allMatch(f -> f.startsWith("row 3") || f.startsWith("row 4"));
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void aCsvInAnotherEncodingIsRefusedNamingTheRowAndWritesNothing() throws Exception {
    long before = head();
    byte[] cp1256 = "source,incident,killed,claimant,claimant_role\nritzau-2018-06,inc-raqqa-amnesty-1,4,الدفاع المدني,local_authority\n"
        .getBytes(java.nio.charset.Charset.forName("windows-1256"));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/import/claims"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(cp1256)).header("Content-Type", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = Json.readTree(r.body());
    assertThat(body.at("/problems/0/field").asText()).isEqualTo("row 2");
    assertThat(body.at("/problems/0/rule").asText()).contains("not UTF-8");
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void exportsServeCsvGeoJsonGedAndAcled() throws Exception {
    var csv = send("GET", "/api/campaigns/raqqa-2017/incidents.csv", null);
    assertThat(csv.raw().body().lines().count()).isEqualTo(5);
    var geo = Json.readTree(send("GET", "/api/campaigns/raqqa-2017/incidents.geojson", null).raw().body());
    assertThat(geo.get("features")).hasSize(4);
    assertThat(geo.at("/features/0/geometry/coordinates/0").asDouble()).isEqualTo(39.0079);
    var ged = send("GET", "/api/campaigns/raqqa-2017/ged.csv", null).raw().body();
    assertThat(ged.lines().findFirst().orElseThrow()).startsWith("id,conflict_name,side_a,side_b");
    var acled = send("GET", "/api/campaigns/raqqa-2017/acled.csv", null).raw();
    assertThat(acled.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(acled.body().lines().findFirst().orElseThrow()).startsWith("event_id_cnty,event_date,year,time_precision,event_type");
    assertThat(acled.body().lines().count()).isEqualTo(5);
  }

  @Test
  void theOpenApiDocumentDescribesEveryRoute() throws Exception {
    JsonNode doc = send("GET", "/api/openapi.json", null).body();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    for (String route : ApiServer.ROUTES) {
      String[] mp = route.split(" ", 2);
      assertThat(doc.at("/paths").has(mp[1])).as(route).isTrue();
      assertThat(doc.at("/paths").get(mp[1]).has(mp[0].toLowerCase())).as(route).isTrue();
    }
  }

  @Test
  void theLedgerExportRestoresIntoAnEmptyDatabaseOverHttp() throws Exception {
    Response export = send("GET", "/api/export/ledger", null);
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.body().get("entries")).hasSize((int) head());
    try (SqliteLedgerStore other = SqliteLedgerStore.open(dir.resolve("restored.db"))) {
      ApiServer second = ApiServer.start(new LedgerService(other), "127.0.0.1", 0);
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/api/import/ledger"))
            .POST(HttpRequest.BodyPublishers.ofString(export.raw().body())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/api/import/ledger"))
            .POST(HttpRequest.BodyPublishers.ofString(export.raw().body())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as("a second import into a non-empty ledger is refused").isEqualTo(400);
      } finally {
        second.stop();
      }
      assertThat(new LedgerService(other).verify(Optional.empty(), n -> {}).headHash())
          .isEqualTo(ledger.verify(Optional.empty(), n -> {}).headHash());
    }
  }

  static final String ENGLISH = "At least 105 civilians were killed when a coalition air strike hit a building in Mosul on 17 March 2017, the Pentagon said. "
      + "Airwars said that between 1,066 and 1,579 civilians were killed in Mosul in 2017.";

  @Test
  void extractionProposesWithoutWritingAndRefusesAnUnknownLanguageByName() throws Exception {
    long head = head();
    Response r = send("POST", "/api/extract?lang=en", ENGLISH, "Content-Type", "text/plain; charset=utf-8");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().at("/claims/0/killed/min").asLong()).isEqualTo(105);
    assertThat(r.body().at("/claims/0/attributed_to").asText()).isEqualTo("Pentagon (US Department of Defense)");
    assertThat(r.body().at("/claims/1/killed/max").asLong()).isEqualTo(1579);
    assertThat(r.body().at("/claims/1/attributed_to").asText()).isEqualTo("Airwars");
    int start = r.body().at("/claims/0/span/0").asInt();
    int end = r.body().at("/claims/0/span/1").asInt();
    assertThat(ENGLISH.substring(start, end)).isEqualTo(r.body().at("/claims/0/text").asText());
    assertThat(head()).isEqualTo(head);

    Response bad = send("POST", "/api/extract?lang=fr", ENGLISH);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().at("/problems/0/field").asText()).isEqualTo("lang");
    assertThat(bad.body().at("/problems/0/value").asText()).isEqualTo("fr");
  }

  static final String MOSUL = """
      {"id":"mosul-2017","name":"Mosul 2016-17","area":{"name":"Mosul, Iraq","bbox":{"south":36.2,"west":43.0,"north":36.45,"east":43.3}},
       "period":{"start":"2016-10-17","end":"2017-07-20"},"parties":["US-led coalition","ISF","IS"]}""";

  @Test
  void anEnglishStoryGoesThroughExtractionReviewAndTheSourcesHistoryOverHttp() throws Exception {
    assertThat(send("POST", "/api/campaigns", MOSUL, "X-Actor", "ana").status()).isEqualTo(201);
    Response src = send("POST", "/api/sources", """
        {"id":"reuters-1","kind":"news","publisher":"Reuters","role":"media","published":"2018-07-01","language":"en","confidential":false,"secondary":false}""", "X-Actor", "ana");
    assertThat(src.status()).isEqualTo(201);
    Response staged = send("POST", "/api/sources/reuters-1/extract?lang=en&campaign=mosul-2017&file_name=story.txt", ENGLISH, "X-Actor", "ana", "Content-Type", "text/plain; charset=utf-8");
    assertThat(staged.status()).isEqualTo(201);
    assertThat(staged.body().get("drafts")).hasSize(2);
    String first = staged.body().at("/drafts/0/id").asText();
    String second = staged.body().at("/drafts/1/id").asText();
    assertThat(staged.body().at("/drafts/0/record/status").asText()).isEqualTo("draft");
    String sha = staged.body().get("archive_sha256").asText();
    assertThat(send("GET", "/api/archives/" + sha, null).raw().body()).isEqualTo(ENGLISH);

    assertThat(send("PATCH", "/api/claims/" + first, "{\"killed\":{\"min\":105,\"max\":110}}", "X-Actor", "ana", "X-Reason", "the release gives up to 110", "If-Match", etag("/api/claims/" + first)).status()).isEqualTo(200);
    assertThat(send("POST", "/api/claims/" + first + "/review", "{\"status\":\"accepted\",\"reason\":\"matches the Pentagon release\"}", "X-Actor", "ana", "If-Match", etag("/api/claims/" + first)).status()).isEqualTo(200);
    Response noReason = send("POST", "/api/claims/" + second + "/review", "{\"status\":\"rejected\"}", "X-Actor", "ana", "If-Match", "*");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(send("POST", "/api/claims/" + second + "/review", "{\"status\":\"rejected\",\"reason\":\"about Mosul, not this campaign\"}", "X-Actor", "ana", "If-Match", etag("/api/claims/" + second)).status()).isEqualTo(200);

    JsonNode history = send("GET", "/api/sources/reuters-1/history", null).body();
    java.util.List<String> lines = new java.util.ArrayList<>();
    for (JsonNode h : history) lines.add(h.get("record").asText() + " " + h.get("action").asText() + " " + h.get("reason").asText());
    assertThat(lines).contains(
        "source/reuters-1 amend text archived for extraction",
        "claim/" + first + " amend the release gives up to 110",
        "claim/" + first + " review matches the Pentagon release",
        "claim/" + second + " review about Mosul, not this campaign");
    assertThat(send("GET", "/api/verify", null).body().get("ok").asBoolean()).isTrue();
  }

  @Test
  void aDraftAboutAnotherTimeAndPlaceThanItsCampaignCannotBeAccepted() throws Exception {
    send("POST", "/api/sources", """
        {"id":"reuters-2","kind":"news","publisher":"Reuters","role":"media","published":"2018-07-01","language":"en","confidential":false,"secondary":false}""", "X-Actor", "ana");
    // extraction proposes what the story says (Mosul, March 2017) as drafts of the campaign asked for
    Response staged = send("POST", "/api/sources/reuters-2/extract?lang=en&campaign=raqqa-2017&file_name=story.txt", ENGLISH, "X-Actor", "ana", "Content-Type", "text/plain; charset=utf-8");
    assertThat(staged.status()).isEqualTo(201);
    String first = staged.body().at("/drafts/0/id").asText();
    long head = head();
    Response accepted = send("POST", "/api/claims/" + first + "/review", "{\"status\":\"accepted\",\"reason\":\"the Pentagon said so\"}", "X-Actor", "ana", "If-Match", "*");
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(400);
    assertThat(accepted.body().at("/problems/0/field").asText()).isEqualTo("subject.period");
    assertThat(accepted.body().at("/problems/0/rule").asText()).contains("outside the campaign's period (2017-06-06/2017-10-17)");
    assertThat(head()).isEqualTo(head);
    assertThat(send("GET", "/api/claims/" + first, null).body().at("/record/status").asText()).isEqualTo("draft");
  }

  @Test
  void aListTableIsEstimatedOverHttpAndABadOneRefusedByName() throws Exception {
    String table = "a,b,c,count\n1,0,0,120\n0,1,0,90\n0,0,1,70\n1,1,0,40\n1,0,1,30\n0,1,1,25\n1,1,1,12\n";
    Response r = send("POST", "/api/estimate?method=loglinear&model=independence", table, "Content-Type", "text/csv");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("estimate").asDouble()).isGreaterThan(387);
    assertThat(r.body().get("lower").asDouble()).isLessThan(r.body().get("estimate").asDouble());
    assertThat(r.body().get("model")).isEmpty();
    Response bad = send("POST", "/api/estimate", "a,b,count\n1,0,5\n0,1,-2\n1,1,1\n", "Content-Type", "text/csv");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().at("/problems/0/value").asText()).isEqualTo("-2");
    Response none = send("GET", "/api/campaigns/raqqa-2017/estimate", null);
    assertThat(none.status()).as("the demo records no victims").isEqualTo(400);
    assertThat(none.body().at("/problems/0/rule").asText()).contains("no victims");
  }

  @Test
  void aRejectedPageFormReportsEveryProblemInOnePass() throws Exception {
    long head = head();
    Response r = send("POST", "/sources", "publisher=&kind=news&role=media&published=2018-13-40&language=english", "Content-Type", "application/x-www-form-urlencoded");
    assertThat(r.status()).isEqualTo(400);
    String page = r.raw().body();
    assertThat(page).contains("id=\"e-published\"").contains("2018-13-40");
    assertThat(page).as("the empty publisher is reported with the unparseable date").contains("id=\"e-publisher\"");
    assertThat(page).as("and the language rule").contains("id=\"e-language\"").contains("BCP 47");
    assertThat(head()).isEqualTo(head);
  }

  @Test
  void theVictimsReviewQueueExplainsEachPairAndADecisionOverHttpTakesItOut() throws Exception {
    // two lists of the same dead, one in Arabic script and one in Latin letters, as CSV
    Response imported = send("POST", "/api/import/victims", """
        id,name_original,name_latin,sex,age,outcome,date,incident,sources,confidential
        vic-a,محمد أحمد النجار,,m,34,killed,2017-08-14,inc-raqqa-amnesty-1,ritzau-2018-06,no
        vic-b,,Mohammed Ahmad al-Najjar,m,35,killed,2017-08-14,inc-raqqa-amnesty-1,rvr-2019-04-25,no
        vic-c,,Mohammed Ali al-Najjar,m,61,killed,2017-08-14,inc-raqqa-amnesty-1,rvr-2019-04-25,no
        vic-s1,,Hassan Omar al-Shami,m,40,killed,2017-08-14,inc-raqqa-amnesty-1,rvr-2019-04-25,yes
        vic-s2,حسن عمر الشامي,,m,40,killed,2017-08-14,inc-raqqa-amnesty-1,ritzau-2018-06,no
        """, "Content-Type", "text/csv");
    assertThat(imported.status()).as(imported.raw().body()).isEqualTo(201);
    assertThat(imported.body().get("created")).hasSize(5);
    Response q = send("GET", "/api/campaigns/raqqa-2017/victims/review", null);
    assertThat(q.status()).isEqualTo(200);
    assertThat(q.body().get("victims").asInt()).isEqualTo(5);
    assertThat(q.raw().body()).as("a confidential victim is not named").doesNotContain("vic-s1").doesNotContain("Hassan Omar");
    assertThat(q.body().get("confidential_pairs_not_listed").asInt()).as(q.raw().body()).isEqualTo(1);
    List<JsonNode> pairs = new java.util.ArrayList<>();
    q.body().get("to_decide").forEach(pairs::add);
    q.body().get("linked").forEach(pairs::add);
    JsonNode ab = pairs.stream().filter(p -> p.get("victim_a").asText().equals("vic-a") && p.get("victim_b").asText().equals("vic-b")).findFirst().orElseThrow();
    // explained field by field: the weights and the prior add up to the pair's match weight
    double sum = ab.get("prior").asDouble();
    for (JsonNode c : ab.get("comparisons")) sum += c.get("weight").asDouble();
    assertThat(sum).isCloseTo(ab.get("match_weight").asDouble(), org.assertj.core.data.Offset.offset(0.05));
    assertThat(ab.get("comparisons").get(0).get("a").asText()).isEqualTo("محمد أحمد النجار");
    assertThat(ab.get("comparisons").get(0).get("b").asText()).isEqualTo("Mohammed Ahmad al-Najjar");

    Response no = send("POST", "/api/link_decisions", "{\"victim_a\":\"vic-b\",\"victim_b\":\"vic-a\",\"decision\":\"non_match\"}", "X-Actor", "ana", "X-Reason", "different mothers, per the family");
    assertThat(no.status()).as(no.raw().body()).isEqualTo(201);
    Response again = send("GET", "/api/campaigns/raqqa-2017/victims/review", null);
    List<String> listed = new java.util.ArrayList<>();
    for (String kind : List.of("to_decide", "linked")) again.body().get(kind).forEach(p -> listed.add(p.get("victim_a").asText() + "+" + p.get("victim_b").asText()));
    assertThat(listed).as("a non-match is no longer a pair to decide or a link").doesNotContain("vic-a+vic-b");
    assertThat(again.body().get("decisions").get(0).get("decision").asText()).isEqualTo("non_match");
    // a second decision on the pair is refused, naming the first
    long head = head();
    Response unexplained = send("POST", "/api/link_decisions", "{\"victim_a\":\"vic-a\",\"victim_b\":\"vic-c\",\"decision\":\"non_match\"}");
    assertThat(unexplained.status()).as("a decision says why, over HTTP too").isEqualTo(400);
    assertThat(unexplained.raw().body()).contains("\"field\":\"reason\"");
    Response twice = send("POST", "/api/link_decisions", "{\"victim_a\":\"vic-a\",\"victim_b\":\"vic-b\",\"decision\":\"match\"}", "X-Reason", "x");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.raw().body()).contains(no.body().get("id").asText() + " already decides this pair (non-match)");
    assertThat(head()).isEqualTo(head);
    assertThat(send("GET", "/api/campaigns/no-such/victims/review", null).status()).isEqualTo(404);
  }
}
