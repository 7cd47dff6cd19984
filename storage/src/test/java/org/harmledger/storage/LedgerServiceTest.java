package org.harmledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.Claim;
import org.harmledger.domain.ConflictException;
import org.harmledger.domain.Problem;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.io.LedgerFile;
import org.harmledger.io.RecordImport;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.service.DemoLedger;
import org.harmledger.service.HistoryItem;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;
import org.harmledger.store.RecordQuery;
import org.harmledger.tally.TallyFilter;
import org.junit.jupiter.api.Test;

/** The service's rules against a real SQLite file. */
class LedgerServiceTest extends DemoFileTest {
  final Meta meta = new Meta("tester", "test");

  @Test
  void verifyTellsItsTwoPhasesInOrderAndEndsEachAtItsTotal() {
    List<String> told = new java.util.ArrayList<>();
    var report = ledger.verifyInPhases(Optional.empty(), new LedgerService.VerifyProgress() {
      @Override
      public void entries(long done) {
        told.add("entries " + done);
      }

      @Override
      public void tables(long records) {
        told.add("tables " + records);
      }

      @Override
      public void records(long done) {
        told.add("records " + done);
      }
    });
    assertThat(report.ok()).isTrue();
    int tables = told.indexOf("tables " + report.records());
    assertThat(tables).as(told.toString()).isPositive();
    assertThat(told.get(tables - 1)).isEqualTo("entries " + report.entries());
    assertThat(told.subList(0, tables)).allMatch(x -> x.startsWith("entries "));
    assertThat(told.subList(tables + 1, told.size())).allMatch(x -> x.startsWith("records ")).last().isEqualTo("records " + report.records());
  }

  @Test
  void amendingWithAStaleVersionIsAConflictAndWritesNothing() {
    var patch = Json.readTree("{\"notes\":\"first editor\"}");
    ledger.amend(RecordType.CLAIM, "clm-coalition-23", patch, OptionalLong.of(1), meta);
    long before = entries();
    assertThatThrownBy(() -> ledger.amend(RecordType.CLAIM, "clm-coalition-23", Json.readTree("{\"notes\":\"second editor\"}"), OptionalLong.of(1), meta))
        .isInstanceOf(ConflictException.class).hasMessageContaining("version 2, not 1");
    assertThat(entries()).isEqualTo(before);
    assertThat(ledger.get(RecordType.CLAIM, "clm-coalition-23").as(Claim.class).notes()).contains("first editor");
  }

  @Test
  void amendKeepsHistoryAndShowsWhatChanged() {
    ledger.amend(RecordType.CLAIM, "clm-coalition-23", Json.readTree("{\"killed\":{\"min\":23,\"max\":25}}"), OptionalLong.empty(), new Meta("ana", "typo in max"));
    List<HistoryItem> h = ledger.history(RecordType.CLAIM, "clm-coalition-23");
    assertThat(h).hasSize(2);
    HistoryItem last = h.get(1);
    assertThat(last.actor()).isEqualTo("ana");
    assertThat(last.reason()).isEqualTo("typo in max");
    assertThat(last.changes()).extracting(HistoryItem.Change::field).containsExactly("killed.max");
    assertThat(last.changes().get(0).before().asLong()).isEqualTo(23);
    assertThat(last.changes().get(0).after().asLong()).isEqualTo(25);
  }

  @Test
  void amendNeedsAReasonAndCannotRewriteGradings() {
    assertThatThrownBy(() -> ledger.amend(RecordType.CLAIM, "clm-coalition-23", Json.readTree("{\"notes\":\"x\"}"), OptionalLong.empty(), new Meta("a", "")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("reason");
    assertThatThrownBy(() -> ledger.amend(RecordType.INCIDENT, "inc-raqqa-amnesty-1", Json.readTree("{\"gradings\":[]}"), OptionalLong.empty(), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("grade the incident again");
  }

  @Test
  void retractionNeedsAReasonAndIsRefusedWhileOthersDependOnIt() {
    assertThatThrownBy(() -> ledger.retract(RecordType.SOURCE, "ritzau-2018-06", OptionalLong.empty(), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("claim clm-coalition-23");
    ledger.retract(RecordType.CLAIM, "clm-coalition-180", OptionalLong.empty(), new Meta("a", "entered twice"));
    assertThat(ledger.tally(DemoLedger.CAMPAIGN, Optional.of(LocalDate.parse("2020-01-01")), TallyFilter.NONE).killed().official().min())
        .as("the retracted 180 no longer supersedes the 23").isEqualTo(23);
    assertThatThrownBy(() -> ledger.amend(RecordType.CLAIM, "clm-coalition-180", Json.readTree("{\"notes\":\"x\"}"), OptionalLong.empty(), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("retracted");
    assertThat(ledger.history(RecordType.CLAIM, "clm-coalition-180")).extracting(HistoryItem::action).containsExactly("create", "retract");
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  @Test
  void unknownReferencesAreRejectedTogetherWithOtherProblems() {
    Claim bad = Json.read("{\"source\":\"no-such-source\",\"subject\":{\"kind\":\"incident\",\"incident\":\"no-such-incident\"},\"killed\":{\"min\":5,\"max\":2}}", Claim.class);
    long before = entries();
    assertThatThrownBy(() -> ledger.create(bad, meta)).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::field).containsExactlyInAnyOrder("killed.max", "source", "subject.incident"));
    assertThat(entries()).isEqualTo(before);
  }

  @Test
  void aFigureForAPeriodOrPlaceOutsideItsCampaignIsRefusedAndOneLeftOutsideByAnAmendedCampaignIsNotCounted() {
    long before = entries();
    Claim otherYear = Json.read("{\"source\":\"rvr-2019-04-25\",\"subject\":{\"kind\":\"aggregate\",\"campaign\":\"raqqa-2017\",\"period\":{\"start\":\"2015-01-01\",\"end\":\"2015-12-31\"}},\"killed\":{\"min\":3}}", Claim.class);
    assertThatThrownBy(() -> ledger.create(otherYear, meta)).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).singleElement()
            .satisfies(p -> {
              assertThat(p.field()).isEqualTo("subject.period");
              assertThat(p.value()).isEqualTo("2015-01-01/2015-12-31");
              assertThat(p.rule()).contains("outside the campaign's period (2017-06-06/2017-10-17)");
            }));
    Claim otherPlace = Json.read("{\"source\":\"rvr-2019-04-25\",\"subject\":{\"kind\":\"aggregate\",\"campaign\":\"raqqa-2017\",\"area\":{\"name\":\"Mosul\",\"bbox\":{\"south\":36.2,\"west\":43.0,\"north\":36.45,\"east\":43.3}}},\"killed\":{\"min\":3}}", Claim.class);
    assertThatThrownBy(() -> ledger.create(otherPlace, meta)).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::field).containsExactly("subject.area.bbox"));
    assertThat(entries()).isEqualTo(before);

    // inside: kept and counted; then the campaign's period is amended so that it lies outside
    Claim july = Json.read("{\"id\":\"clm-july\",\"source\":\"rvr-2019-04-25\",\"subject\":{\"kind\":\"aggregate\",\"campaign\":\"raqqa-2017\",\"period\":{\"start\":\"2017-07-01\",\"end\":\"2017-07-31\"}},\"killed\":{\"min\":3}}", Claim.class);
    ledger.create(july, meta);
    assertThat(ledger.tally("raqqa-2017", Optional.empty(), TallyFilter.NONE).killed().independent().claims()).contains("clm-july");
    ledger.amend(RecordType.CAMPAIGN, "raqqa-2017", Json.readTree("{\"period\":{\"start\":\"2017-08-01\",\"end\":\"2017-10-17\"}}"), OptionalLong.empty(), meta);
    var t = ledger.tally("raqqa-2017", Optional.empty(), TallyFilter.NONE);
    assertThat(t.killed().independent().claims()).doesNotContain("clm-july");
    assertThat(t.excluded()).anySatisfy(x -> {
      assertThat(x.claim()).isEqualTo("clm-july");
      assertThat(x.reason()).isEqualTo("its period 2017-07-01/2017-07-31 lies outside the campaign's 2017-08-01/2017-10-17");
    });
  }

  @Test
  void anIncidentOutsideItsCampaignsPeriodOrAreaIsRefusedAndOneLeftOutsideByAnAmendedCampaignIsNotCounted() {
    long before = entries();
    String baghdad2015 = "{\"campaign\":\"raqqa-2017\",\"title\":\"typed year, wrong place\",\"time\":{\"start\":\"2015-03-17\",\"end\":\"2015-03-17\"},"
        + "\"place\":{\"name\":\"Baghdad\",\"point\":{\"lat\":33.3,\"lon\":44.4},\"precision\":\"near\"}}";
    assertThatThrownBy(() -> ledger.create(Json.read(baghdad2015, org.harmledger.domain.Incident.class), meta)).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field() + " = " + p.value())
            .containsExactly("time = 2015-03-17", "place.point.lat = 33.3", "place.point.lon = 44.4"))
        .hasMessageContaining("outside the campaign's period (2017-06-06/2017-10-17)");
    assertThatThrownBy(() -> ledger.create(Json.read("{\"campaign\":\"raqqa-2017\",\"title\":\"no place\",\"time\":{\"start\":\"2017-07-01\",\"end\":\"2017-07-01\"}}", org.harmledger.domain.Incident.class), meta))
        .as("a missing place is reported, not tripped over").isInstanceOf(ValidationException.class).hasMessageContaining("place");
    assertThat(entries()).isEqualTo(before);

    assertThat(ledger.tally("raqqa-2017", Optional.empty(), TallyFilter.NONE).killed().documented().incidents()).isEqualTo(4);
    ledger.amend(RecordType.CAMPAIGN, "raqqa-2017", Json.readTree("{\"period\":{\"start\":\"2018-01-01\",\"end\":\"2018-12-31\"}}"), OptionalLong.empty(), meta);
    var t = ledger.tally("raqqa-2017", Optional.empty(), TallyFilter.NONE);
    assertThat(t.killed().documented().known()).as("the four incidents of 2017 are outside a campaign of 2018").isFalse();
    assertThat(t.excluded()).anySatisfy(x -> {
      assertThat(x.claim()).isEqualTo("clm-amnesty-70");
      assertThat(x.reason()).contains("which is outside this tally's scope");
    });
  }

  @Test
  void exportThenImportRestoresEverythingIncludingHistory() {
    ledger.grade("inc-raqqa-amnesty-2", new org.harmledger.domain.Grading(org.harmledger.domain.Grade.FAIR, "second source", LocalDate.parse("2019-01-01")), OptionalLong.empty(), meta);
    ledger.archive("mct-2018-06-28", "bytes of the article".getBytes(StandardCharsets.UTF_8), "text/plain", Optional.of("a.txt"), OptionalLong.empty(), meta);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = LedgerFile.export(store, out, x -> {});
    assertThat(n).isEqualTo(entries());
    try (SqliteLedgerStore copy = SqliteLedgerStore.open(dir.resolve("copy.db"))) {
      LedgerService restored = new LedgerService(copy);
      assertThat(LedgerFile.importInto(copy, new ByteArrayInputStream(out.toByteArray()), x -> {})).isEqualTo(n);
      var v = restored.verify(Optional.empty(), x -> {});
      assertThat(v.ok()).isTrue();
      assertThat(v.headHash()).isEqualTo(ledger.verify(Optional.empty(), x -> {}).headHash());
      for (String asOf : List.of("2018-12-31", "2020-01-01")) {
        assertThat(Json.write(restored.tally(DemoLedger.CAMPAIGN, Optional.of(LocalDate.parse(asOf)), TallyFilter.NONE)))
            .isEqualTo(Json.write(ledger.tally(DemoLedger.CAMPAIGN, Optional.of(LocalDate.parse(asOf)), TallyFilter.NONE)));
      }
      assertThat(restored.history(RecordType.INCIDENT, "inc-raqqa-amnesty-2")).hasSize(3);
      assertThat(restored.archiveBytes(ledger.get(RecordType.SOURCE, "mct-2018-06-28").as(org.harmledger.domain.Source.class).archive().orElseThrow().sha256()))
          .map(b -> new String(b, StandardCharsets.UTF_8)).contains("bytes of the article");
      // A second import into a non-empty ledger is refused.
      assertThatThrownBy(() -> LedgerFile.importInto(copy, new ByteArrayInputStream(out.toByteArray()), x -> {})).isInstanceOf(ValidationException.class).hasMessageContaining("empty");
    }
  }

  @Test
  void aTamperedExportIsRefusedAndWritesNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LedgerFile.export(store, out, x -> {});
    String text = out.toString(StandardCharsets.UTF_8).replace("\\\"min\\\":23", "\\\"min\\\":3");
    try (SqliteLedgerStore copy = SqliteLedgerStore.open(dir.resolve("copy.db"))) {
      assertThatThrownBy(() -> LedgerFile.importInto(copy, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), x -> {}))
          .isInstanceOf(ValidationException.class).hasMessageContaining("do not match its hash");
      boolean written = copy.read(r -> r.head().isPresent());
      assertThat(written).isFalse();
    }
  }

  @Test
  void aBrokenOrCutExportIsRefusedNamingWhereAndWritesNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LedgerFile.export(store, out, x -> {});
    byte[] whole = out.toByteArray();
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
    byte[] notUtf8 = whole.clone();
    int at = out.toString(StandardCharsets.UTF_8).indexOf("Amnesty"); // ASCII before it, so the char index is the byte index
    notUtf8[at] = (byte) 0xE3;
    notUtf8[at + 1] = (byte) 0xCD;
    for (byte[] bad : java.util.List.of(cut, notUtf8)) {
      try (SqliteLedgerStore copy = SqliteLedgerStore.open(dir.resolve("copy-" + bad.length + "-" + bad[at] + ".db"))) {
        assertThatThrownBy(() -> LedgerFile.importInto(copy, new ByteArrayInputStream(bad), x -> {}))
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> assertThat(((ValidationException) e).problems().get(0).field()).matches("\\(file\\) line \\d+, column \\d+"))
            .hasMessageContaining("not valid JSON");
        boolean written = copy.read(r -> r.head().isPresent());
        assertThat(written).isFalse();
      }
    }
  }

  @Test
  void csvImportIsAllOrNothingAndReportsEveryBadRow() {
    String csv = """
        source,incident,campaign,killed,injured,claimant,claimant_role
        ritzau-2018-06,inc-raqqa-amnesty-1,,12,,Local council,local_authority
        ritzau-2018-06,,raqqa-2017,30-20,,X,media
        no-such-source,inc-raqqa-amnesty-2,,4,,,
        ritzau-2018-06,inc-raqqa-amnesty-3,,lots,,,
        ritzau-2018-06,inc-raqqa-amnesty-4,,3,1,Y,nobody
        """;
    long before = entries();
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field().split(":")[0])
            .containsExactly("row 3", "row 4", "row 5", "row 6"));
    assertThat(entries()).isEqualTo(before);
    assertThat(ledger.list(RecordType.CLAIM, RecordQuery.live().withIncident("inc-raqqa-amnesty-1"))).extracting(s -> s.id()).doesNotContain("clm-13");
  }

  @Test
  void controlCharactersAreRefusedNamingFieldAndValueAndLineBreaksAreText() {
    long before = entries();
    // a unit separator pasted into a publisher, a NUL into an actor, a newline into an actor
    var source = (org.harmledger.domain.Source) ledger.get(RecordType.SOURCE, "ritzau-2018-06").record();
    assertThatThrownBy(() -> ledger.amend(RecordType.SOURCE, "ritzau-2018-06", Json.readTree("{\"publisher\":\"Ritzau\\u001f\"}"), OptionalLong.empty(), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).singleElement().satisfies(p -> {
          assertThat(p.field()).isEqualTo("publisher");
          assertThat(p.value()).isEqualTo("Ritzau\\u001F");
          assertThat(p.rule()).contains("control characters");
        }));
    assertThatThrownBy(() -> ledger.retract(RecordType.CLAIM, "clm-coalition-23", OptionalLong.empty(), new Meta("an\u0000a", "why")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("actor");
    assertThatThrownBy(() -> ledger.retract(RecordType.CLAIM, "clm-coalition-23", OptionalLong.empty(), new Meta("ana\nbob", "why")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("actor").hasMessageContaining("line breaks");
    assertThat(entries()).isEqualTo(before);
    assertThat(((org.harmledger.domain.Source) ledger.get(RecordType.SOURCE, "ritzau-2018-06").record()).publisher()).isEqualTo(source.publisher());
    // a quote copied with its line breaks and tabs, and a reason over two lines, are text
    var ok = ledger.amend(RecordType.CLAIM, "clm-coalition-23", Json.readTree("{\"quote\":\"first line\\n\\tsecond line\"}"), OptionalLong.empty(), new Meta("ana", "two\nlines"));
    assertThat(ok.payload()).contains("first line\\n\\tsecond line");
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  @Test
  void aCsvRowWithAControlCharacterIsReportedWithTheOthers() {
    String csv = "source,incident,killed,claimant,claimant_role\n"
        + "ritzau-2018-06,inc-raqqa-amnesty-1,12,Local\u0007council,local_authority\n"
        + "ritzau-2018-06,inc-raqqa-amnesty-2,30-20,X,media\n"
        + "ritzau-2018-06,inc-raqqa-amnesty-3,4,Civil\u007FDefence,local_authority\n";
    long before = entries();
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field() + " = " + p.value())
            .containsExactly("row 2: claimant = Local\\u0007council", "row 3: killed.max = 20", "row 4: claimant = Civil\\u007FDefence"));
    assertThat(entries()).isEqualTo(before);
  }

  @Test
  void aCsvRowWithAnUnreadableCellAlsoReportsItsOtherProblems() {
    String claims = """
        source,incident,killed,injured,claimant,claimant_role
        no-such-source,inc-nope,lots,3-1,Council,nobody
        """;
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, new ByteArrayInputStream(claims.getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field() + " = " + p.value())
            .containsExactly("row 2: killed = lots", "row 2: injured.max = 1", "row 2: claimant_role = nobody",
                "row 2: source = no-such-source", "row 2: incident = inc-nope"));
    String incidents = """
        id,campaign,title,start,place,lat,lon
        inc-new,no-such-campaign,A strike,2017-06-31,Raqqa,north,38.9
        """;
    long before = entries();
    assertThatThrownBy(() -> RecordImport.incidentsCsv(ledger, new ByteArrayInputStream(incidents.getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field() + " = " + p.value())
            // a blank end is taken from the start, and a bad start is reported once, as the start
            .containsExactly("row 2: lat = north", "row 2: start = 2017-06-31", "row 2: campaign = no-such-campaign"));
    String ends = """
        id,campaign,title,start,end,place
        inc-a,raqqa-2017,Both written,2017-06-31,2017-07-32,Raqqa
        inc-b,raqqa-2017,End first,2017-06-10,2017-06-01,Raqqa
        """;
    assertThatThrownBy(() -> RecordImport.incidentsCsv(ledger, new ByteArrayInputStream(ends.getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field() + " = " + p.value())
            .containsExactly("row 2: start = 2017-06-31", "row 2: end = 2017-07-32", "row 3: end = 2017-06-01"));
    assertThat(entries()).isEqualTo(before);
  }

  @Test
  void aCsvSavedInWindows1256IsRefusedRatherThanImportedAsQuestionMarks() {
    String csv = "source,incident,killed,claimant,claimant_role\nritzau-2018-06,inc-raqqa-amnesty-1,3,محمد النجار,witness\n";
    long before = entries();
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, new ByteArrayInputStream(csv.getBytes(java.nio.charset.Charset.forName("windows-1256"))), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field() + " = " + p.value())
            .containsExactly("row 2 = bytes E3 CD E3 CF"));
    assertThatThrownBy(() -> RecordImport.jsonLines(ledger, new ByteArrayInputStream(
        "{\"type\":\"source\",\"kind\":\"news\",\"publisher\":\"عنب بلدي\",\"role\":\"media\",\"published\":\"2018-07-10\",\"language\":\"ar\"}\n"
            .getBytes(java.nio.charset.Charset.forName("windows-1256"))), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("line 1").hasMessageContaining("not UTF-8");
    assertThat(entries()).isEqualTo(before);
    // the same file saved by Excel as "CSV UTF-8" (a byte-order mark first) imports with its Arabic intact
    byte[] utf8 = csv.getBytes(StandardCharsets.UTF_8);
    byte[] withMark = new byte[utf8.length + 3];
    withMark[0] = (byte) 0xEF;
    withMark[1] = (byte) 0xBB;
    withMark[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, withMark, 3, utf8.length);
    var created = RecordImport.claimsCsv(ledger, new ByteArrayInputStream(withMark), meta);
    assertThat(created).hasSize(1);
    assertThat(created.get(0).payload()).contains("محمد النجار");
  }

  @Test
  void anIncidentKeepsItsPlaceInOtherLanguagesAndOtherDatasetsCodesThroughImportAndExport() {
    String csv = """
        id,campaign,title,start,place,lat,lon,place_names,codes
        inc-badu,raqqa-2017,Strike on the al-Badu market,2017-08-20,al-Badu market,35.95,39.01,ar=سوق البدو;ku=Bazara Badu,airwars:CS1234;ucdp-ged:244001
        """;
    var created = RecordImport.incidentsCsv(ledger, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), meta);
    org.harmledger.domain.Incident i = created.get(0).as(org.harmledger.domain.Incident.class);
    assertThat(i.place().names()).containsExactly(java.util.Map.entry("ar", "سوق البدو"), java.util.Map.entry("ku", "Bazara Badu"));
    assertThat(i.codes()).containsExactly("airwars:CS1234", "ucdp-ged:244001");
    var rows = org.harmledger.io.IncidentExport.rows(ledger, "raqqa-2017");
    java.io.StringWriter out = new java.io.StringWriter();
    org.harmledger.io.IncidentExport.csv(rows, out);
    assertThat(out.toString()).contains("place_names,codes").contains("ar=سوق البدو;ku=Bazara Badu,airwars:CS1234;ucdp-ged:244001");
    java.io.StringWriter geo = new java.io.StringWriter();
    org.harmledger.io.IncidentExport.geoJson(rows, geo);
    var feature = java.util.stream.StreamSupport.stream(Json.readTree(geo.toString()).get("features").spliterator(), false)
        .filter(f -> f.get("id").asText().equals("inc-badu")).findFirst().orElseThrow();
    assertThat(feature.at("/properties/place_names/ar").asText()).isEqualTo("سوق البدو");
    assertThat(feature.at("/properties/codes/0").asText()).isEqualTo("airwars:CS1234");
    // a record without either is written as before: its stored JSON has neither key
    assertThat(ledger.get(RecordType.INCIDENT, "inc-raqqa-amnesty-1").payload()).doesNotContain("\"names\"").doesNotContain("\"codes\"");

    long before = entries();
    String bad = """
        id,campaign,title,start,place,place_names,codes
        inc-x,raqqa-2017,X,2017-08-20,Raqqa,الرقة,CS1234
        inc-y,raqqa-2017,Y,2017-08-20,Raqqa,Arabic=الرقة;ar= ,airwars:CS1;airwars:CS1
        """;
    assertThatThrownBy(() -> RecordImport.incidentsCsv(ledger, new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field() + " = " + p.value() + ": " + p.rule())
            .containsExactly(
                "row 2: place_names = الرقة: write each as language=name, e.g. ar=الرقة",
                "row 2: codes[0] = CS1234: must be dataset:code, e.g. airwars:CS1234 or ucdp-ged:244001",
                "row 3: place_names = Arabic: must be keyed by a BCP 47 language tag such as ar, ku or en",
                "row 3: place_names = ar=: gives no name for ar (leave the language out)",
                "row 3: codes[1] = airwars:CS1: is listed twice"));
    assertThat(entries()).isEqualTo(before);
  }

  @Test
  void aCsvThatExcelSavedWithSemicolonsAndDecimalCommasIsRead() {
    String incidents = "id;campaign;title;start;end;place;lat;lon\r\ninc-dk;raqqa-2017;Luftangreb;2017-06-10;;Raqqa;35,9528;39,0079\r\n";
    var created = RecordImport.incidentsCsv(ledger, new ByteArrayInputStream(incidents.getBytes(StandardCharsets.UTF_8)), meta);
    org.harmledger.domain.Incident i = created.get(0).as(org.harmledger.domain.Incident.class);
    assertThat(i.place().point().orElseThrow().lat()).isEqualTo(35.9528);
    assertThat(i.place().point().orElseThrow().lon()).isEqualTo(39.0079);
    String claims = "source;incident;killed;claimant;claimant_role\nritzau-2018-06;inc-dk;10-12;Raqqa Civil Defence;local_authority\n";
    assertThat(RecordImport.claimsCsv(ledger, new ByteArrayInputStream(claims.getBytes(StandardCharsets.UTF_8)), meta)).hasSize(1);
    // with commas between cells, a decimal comma is not guessed at: "35,9528" quoted is refused as a number
    String commas = "id,campaign,title,start,place,lat,lon\ninc-x,raqqa-2017,X,2017-06-10,Raqqa,\"35,9528\",39.0\n";
    assertThatThrownBy(() -> RecordImport.incidentsCsv(ledger, new ByteArrayInputStream(commas.getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("35,9528").hasMessageContaining("must be a number");
  }

  @Test
  void malformedCsvAndUnknownColumnsAreRejected() {
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, new ByteArrayInputStream("source,kiled\nx,1\n".getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("kiled").hasMessageContaining("not a known column");
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, new ByteArrayInputStream("source,killed\n\"ritzau-2018-06,1\n".getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("malformed CSV");
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, new ByteArrayInputStream("source,killed\nritzau-2018-06,1,extra\n".getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("row 2");
  }

  @Test
  void jsonLinesImportCanReferToEarlierLinesAndReportsEveryBadLine() {
    String good = """
        {"type":"source","id":"wit-1","kind":"witness_testimony","publisher":"Field team","role":"witness","confidential":true,"secondary":false}
        {"type":"claim","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-1"},"killed":{"min":9,"max":11}}
        """;
    var created = RecordImport.jsonLines(ledger, new ByteArrayInputStream(good.getBytes(StandardCharsets.UTF_8)), meta);
    assertThat(created).hasSize(2);
    String bad = """
        {"type":"claim","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-2"},"killed":{"min":1}}
        {"type":"claim","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-2"},"killed":{"min":1}
        {"type":"victim","outcome":"killed","sources":[],"confidential":false}
        """;
    long before = entries();
    assertThatThrownBy(() -> RecordImport.jsonLines(ledger, new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field().split(":")[0]).containsExactly("line 2", "line 3", "line 3"));
    assertThat(entries()).isEqualTo(before);
  }

  @Test
  void exportsGiveEachIncidentTheTallysFigures() {
    // a witness's later statement on the incident gives only the injured: its earlier killed
    // figure stays the witness's latest killed figure (the tally's rule, per measure)
    RecordImport.jsonLines(ledger, new ByteArrayInputStream("""
        {"type":"source","id":"wit-1","kind":"witness_testimony","publisher":"Field team","role":"witness","confidential":false,"secondary":false}
        {"type":"claim","id":"clm-w0","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-1"},"killed":{"min":12,"max":12},"dated":"2017-12-01"}
        {"type":"claim","id":"clm-w1","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-1"},"killed":{"min":9,"max":11},"dated":"2018-01-01"}
        {"type":"claim","id":"clm-w2","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-1"},"injured":{"min":4,"max":4},"dated":"2018-02-01"}
        """.getBytes(StandardCharsets.UTF_8)), meta);
    var rows = org.harmledger.io.IncidentExport.rows(ledger, DemoLedger.CAMPAIGN);
    // the claims listed are the ones the figures come from: both of the witness's current claims,
    // not the one its January statement replaced
    assertThat(rows.stream().filter(r -> r.incident().id().equals("inc-raqqa-amnesty-1")).findFirst().orElseThrow().claims())
        .contains("clm-w1", "clm-w2").doesNotContain("clm-w0");
    var killed = org.harmledger.tally.Tally.incidentFigure(ledger.facts(DemoLedger.CAMPAIGN), ledger.today(), true);
    var one = rows.stream().filter(r -> r.incident().id().equals("inc-raqqa-amnesty-1")).findFirst().orElseThrow();
    assertThat(one.killed()).contains(org.harmledger.domain.Range.between(9, 11));
    assertThat(one.injured()).contains(org.harmledger.domain.Range.exactly(4));
    for (var r : rows) assertThat(r.killed()).as(r.incident().id()).isEqualTo(Optional.ofNullable(killed.get(r.incident().id())));
  }

  @Test
  void theAcledExportGivesEachIncidentAcledsColumnsAndItsConservativeCount() throws Exception {
    RecordImport.jsonLines(ledger, new ByteArrayInputStream("""
        {"type":"claim","id":"clm-w1","source":"ritzau-2018-06","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-1"},"killed":{"min":9,"max":11}}
        """.getBytes(StandardCharsets.UTF_8)), meta);
    var w = new java.io.StringWriter();
    org.harmledger.io.IncidentExport.acled(org.harmledger.io.IncidentExport.rows(ledger, DemoLedger.CAMPAIGN), w);
    var rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(w.toString())).getRecords();
    assertThat(rows).hasSize(4);
    var one = rows.stream().filter(r -> r.get("event_id_cnty").equals("inc-raqqa-amnesty-1")).findFirst().orElseThrow();
    assertThat(one.get("fatalities")).as("the killed figure's minimum").isEqualTo("9");
    assertThat(one.get("event_type")).isEqualTo("Explosions/Remote violence");
    assertThat(one.get("sub_event_type")).isEqualTo("Air/drone strike");
    assertThat(one.get("actor1")).isEqualTo("US-led coalition (CJTF-OIR)");
    assertThat(one.get("actor2")).isEqualTo("Civilians (Syria)");
    assertThat(one.get("event_date")).isEqualTo("2017-06-06");
    assertThat(one.get("time_precision")).as("known only to the campaign's four months").isEqualTo("3");
    assertThat(one.get("geo_precision")).as("near a known point").isEqualTo("2");
    assertThat(one.get("civilian_targeting")).as("not guessed").isEmpty();
    assertThat(one.get("source")).contains("Ritzau");
    assertThat(one.get("notes")).contains("between 2017-06-06 and 2017-10-17");
    var two = rows.stream().filter(r -> r.get("event_id_cnty").equals("inc-raqqa-amnesty-2")).findFirst().orElseThrow();
    assertThat(two.get("fatalities")).as("no figure of its own is not 0 dead").isEmpty();
    assertThat(two.get("notes")).contains("counted in one for a set of incidents (clm-amnesty-70)");
    var g = new java.io.StringWriter();
    org.harmledger.io.IncidentExport.ged(ledger.get(RecordType.CAMPAIGN, DemoLedger.CAMPAIGN).as(org.harmledger.domain.Campaign.class), org.harmledger.io.IncidentExport.rows(ledger, DemoLedger.CAMPAIGN), g);
    var ged = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(g.toString())).getRecords();
    var gedTwo = ged.stream().filter(r -> r.get("id").equals("inc-raqqa-amnesty-2")).findFirst().orElseThrow();
    assertThat(List.of(gedTwo.get("deaths_civilians"), gedTwo.get("best"), gedTwo.get("low"), gedTwo.get("high"))).as("GED too: unknown, not 0").containsOnly("");
    assertThat(ged.stream().filter(r -> r.get("id").equals("inc-raqqa-amnesty-1")).findFirst().orElseThrow().get("deaths_civilians")).isEqualTo("9");
  }

  @Test
  void confidentialSourcesAreNeverNamedInPublicExports() {
    RecordImport.jsonLines(ledger, new ByteArrayInputStream("""
        {"type":"source","id":"wit-1","kind":"witness_testimony","publisher":"Protected Witness Name","role":"witness","confidential":true,"secondary":false}
        {"type":"claim","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-1"},"killed":{"min":9,"max":11}}
        """.getBytes(StandardCharsets.UTF_8)), meta);
    var rows = org.harmledger.io.IncidentExport.rows(ledger, DemoLedger.CAMPAIGN);
    var w = new java.io.StringWriter();
    org.harmledger.io.IncidentExport.ged(ledger.get(RecordType.CAMPAIGN, DemoLedger.CAMPAIGN).as(org.harmledger.domain.Campaign.class), rows, w);
    var w2 = new java.io.StringWriter();
    org.harmledger.io.IncidentExport.csv(rows, w2);
    var w3 = new java.io.StringWriter();
    org.harmledger.io.IncidentExport.geoJson(rows, w3);
    String tally = Json.write(ledger.tally(DemoLedger.CAMPAIGN, Optional.empty(), TallyFilter.NONE));
    var w4 = new java.io.StringWriter();
    org.harmledger.io.IncidentExport.acled(rows, w4);
    for (String s : List.of(w.toString(), w2.toString(), w3.toString(), w4.toString(), tally)) assertThat(s).doesNotContain("Protected Witness");
    assertThat(tally).contains("(confidential source)");
    assertThat(w.toString()).contains("inc-raqqa-amnesty-1");
    assertThat(rows.stream().filter(r -> r.incident().id().equals("inc-raqqa-amnesty-1")).findFirst().orElseThrow().killed()).contains(org.harmledger.domain.Range.between(9, 11));
  }

  @Test
  void aSourceCitedByAVictimOrACaseStepCannotBeRetractedUntilTheyStopCitingIt() {
    String testimony = ledger.create(Json.convert(Json.readTree("""
        {"kind":"witness_testimony","publisher":"Family of the dead","role":"victims_family","language":"ar","published":"2018-02-01","confidential":false,"secondary":false}"""),
        RecordType.SOURCE.recordClass()), meta).id();
    String statement = ledger.create(Json.convert(Json.readTree("""
        {"kind":"belligerent_statement","publisher":"CJTF-OIR","role":"accused_belligerent","language":"en","published":"2018-06-01","confidential":false,"secondary":false}"""),
        RecordType.SOURCE.recordClass()), meta).id();
    var v = Json.read("{\"name_latin\":\"Ahmad Saleh\",\"outcome\":\"killed\",\"sources\":[\"" + testimony + "\"],\"confidential\":true}", org.harmledger.domain.Victim.class);
    String victim = ledger.create(v, meta).id();
    String kase = ledger.create(Json.convert(Json.readTree("""
        {"belligerent":"CJTF-OIR","campaign":"raqqa-2017","history":[{"state":"open","on":"2018-06-01","on_or_before":false,"note":"opened on the statement","source":"%s"}]}""".formatted(statement)),
        RecordType.CASE.recordClass()), meta).id();
    assertThat(ledger.list(RecordType.VICTIM, RecordQuery.live().withSource(testimony))).extracting(StoredRecord::id).containsExactly(victim);
    assertThat(ledger.list(RecordType.VICTIM, RecordQuery.live().withSource(statement))).isEmpty();

    long before = entries();
    assertThatThrownBy(() -> ledger.retract(RecordType.SOURCE, testimony, OptionalLong.empty(), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("still used by victim " + victim);
    assertThatThrownBy(() -> ledger.retract(RecordType.SOURCE, statement, OptionalLong.empty(), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("still used by case " + kase);
    assertThat(entries()).as("nothing written").isEqualTo(before);
    assertThat(ledger.get(RecordType.SOURCE, testimony).isRetracted()).isFalse();

    ledger.retract(RecordType.VICTIM, victim, OptionalLong.empty(), new Meta("a", "entered twice"));
    ledger.retract(RecordType.SOURCE, testimony, OptionalLong.empty(), new Meta("a", "no longer cited"));
    assertThat(ledger.get(RecordType.SOURCE, testimony).isRetracted()).isTrue();
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  @Test
  void victimsKeepBothScriptsAndLinkToAnIncident() {
    var v = Json.read("""
        {"name_original":"محمد النجار","name_latin":"Mohammed al-Najjar","sex":"male","age":9,"age_group":"child","outcome":"killed",
         "sources":["ritzau-2018-06"],"family_group":"al-Najjar family","confidential":false}""", org.harmledger.domain.Victim.class);
    var stored = ledger.create(v, meta);
    ledger.link(RecordType.VICTIM, stored.id(), List.of("inc-raqqa-amnesty-2"), OptionalLong.of(1), new Meta("a", "named in the report"));
    var back = ledger.get(RecordType.VICTIM, stored.id()).as(org.harmledger.domain.Victim.class);
    assertThat(back.nameOriginal()).contains("محمد النجار");
    assertThat(back.incident()).contains("inc-raqqa-amnesty-2");
    assertThat(ledger.list(RecordType.VICTIM, RecordQuery.live().withIncident("inc-raqqa-amnesty-2"))).hasSize(1);
    var wrongAge = Json.read("{\"name_latin\":\"X\",\"age\":40,\"age_group\":\"child\",\"outcome\":\"killed\",\"sources\":[\"ritzau-2018-06\"],\"confidential\":false}", org.harmledger.domain.Victim.class);
    assertThatThrownBy(() -> ledger.create(wrongAge, meta)).isInstanceOf(ValidationException.class).hasMessageContaining("age_group");
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  @Test
  void twoEditorsAtOnceOnTheSameVersionCannotBothWin() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    var start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
    for (String who : List.of("ana", "ben")) {
      results.add(pool.submit(() -> {
        start.await();
        try {
          ledger.amend(RecordType.CLAIM, "clm-amnesty-70", Json.readTree("{\"notes\":\"" + who + "\"}"), OptionalLong.of(1), new Meta(who, "edit"));
          return "ok";
        } catch (ConflictException e) {
          return "conflict";
        }
      }));
    }
    start.countDown();
    List<String> outcomes = new java.util.ArrayList<>();
    for (var f : results) outcomes.add(f.get());
    pool.shutdown();
    assertThat(outcomes).containsExactlyInAnyOrder("ok", "conflict");
    assertThat(ledger.history(RecordType.CLAIM, "clm-amnesty-70")).hasSize(2);
  }

  @Test
  void anImportMayInterleaveNewParentsAndTheirChildren() {
    String lines = """
        {"type":"claim","source":"ritzau-2018-06","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-1"},"killed":{"min":1}}
        {"type":"incident","id":"inc-new","campaign":"raqqa-2017","title":"New","time":{"start":"2017-07-01","end":"2017-07-01"},"place":{"name":"Raqqa"}}
        {"type":"source","id":"src-new","kind":"news","publisher":"New","role":"media","confidential":false,"secondary":false}
        {"type":"claim","source":"src-new","subject":{"kind":"incident","incident":"inc-new"},"killed":{"min":2}}
        """;
    assertThat(RecordImport.jsonLines(ledger, new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), meta)).hasSize(4);
    assertThat(ledger.list(RecordType.CLAIM, RecordQuery.live().withIncident("inc-new"))).hasSize(1);
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  @Test
  void anArchivedCopyIsOnlyEverSetByArchivingTheFile() {
    String fake = "a".repeat(64);
    assertThatThrownBy(() -> ledger.amend(RecordType.SOURCE, "mct-2018-06-28",
            Json.readTree("{\"archive\":{\"sha256\":\"" + fake + "\",\"media_type\":\"text/plain\",\"size\":1}}"), OptionalLong.empty(), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("archive");
    var withFake = Json.read("{\"kind\":\"news\",\"publisher\":\"P\",\"role\":\"media\",\"confidential\":false,\"secondary\":false,"
        + "\"archive\":{\"sha256\":\"" + fake + "\",\"media_type\":\"text/plain\",\"size\":1}}", org.harmledger.domain.Source.class);
    assertThatThrownBy(() -> ledger.create(withFake, meta)).isInstanceOf(ValidationException.class).hasMessageContaining("no archived copy has this hash");
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  @Test
  void listAllReadsPastOnePageWhereListStopsAtTheLimit() {
    java.util.List<org.harmledger.domain.LedgerRecord> victims = new java.util.ArrayList<>();
    int n = org.harmledger.store.RecordQuery.MAX_LIMIT + 37;
    for (int i = 0; i < n; i++) {
      victims.add(new org.harmledger.domain.Victim(null, Optional.empty(), Optional.of("Person " + i), org.harmledger.domain.Victim.Sex.UNKNOWN, Optional.empty(),
          org.harmledger.domain.Victim.AgeGroup.UNKNOWN, org.harmledger.domain.Victim.Outcome.KILLED, Optional.empty(), Optional.of("inc-raqqa-amnesty-1"),
          java.util.List.of("ritzau-2018-06"), Optional.empty(), false, Optional.empty()));
    }
    ledger.createAll(victims, meta);
    assertThat(ledger.list(RecordType.VICTIM, org.harmledger.store.RecordQuery.live())).hasSize(org.harmledger.store.RecordQuery.MAX_LIMIT);
    var all = ledger.listAll(RecordType.VICTIM, org.harmledger.store.RecordQuery.live());
    assertThat(all).hasSize(n);
    assertThat(all.stream().map(org.harmledger.ledger.StoredRecord::id).distinct().count()).isEqualTo(n);
  }
}
