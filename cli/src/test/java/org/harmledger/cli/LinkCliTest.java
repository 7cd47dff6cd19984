package org.harmledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `harmledger link --config … --input …` on lists a user brings: clusters, explanations, and bad settings. */
class LinkCliTest {
  @TempDir Path dir;

  static final String SETTINGS = """
      {"id_column": "id",
       "truth": {"column": "person"},
       "comparisons": [
         {"name": "name", "column": "name", "type": "full_name", "levels": ["exact", "tokens", "skeleton", "jw:0.9"]},
         {"name": "born", "column": "born", "type": "date", "format": "yyyy-MM-dd", "levels": ["exact", "swapped", "days:3"]},
         {"name": "place", "column": "place", "type": "name", "levels": ["exact", "skeleton"]}],
       "blocking": [["born"], ["name:skelfirst"]],
       "threshold": 0.8, "review_from": 0.3}
      """;

  /** SETTINGS written to a file, for --config. */
  Path settings() throws Exception {
    Path config = dir.resolve("settings.json");
    Files.writeString(config, SETTINGS);
    return config;
  }

  /** A hospital list and an NGO list of the same six people, in two scripts. */
  Path[] lists() throws Exception {
    Path a = dir.resolve("hospital.csv");
    Files.writeString(a, """
        id,name,born,place,person
        h1,محمد إبراهيم النجار,1985-03-12,الرقة,p1
        h2,فاطمة علي الحسن,1990-07-01,الرقة,p2
        h3,خالد عمر الشامي,1978-11-23,الطبقة,p3
        h4,زينب حسين العلي,2005-02-14,الرقة,p4
        h5,يوسف أحمد الخطيب,1969-09-30,الرقة,p5
        h6,عبد الرحمن سعيد حداد,2011-12-05,الطبقة,p6
        """);
    Path b = dir.resolve("ngo.csv");
    Files.writeString(b, """
        id,name,born,place,person
        n1,Mohammed Ibrahim al-Najjar,1985-03-12,Raqqa,p1
        n2,Fatima Ali Al Hasan,1990-01-07,Raqqa,p2
        n3,Khaled Omar al-Shami,1978-11-23,Tabqa,p3
        n4,Zainab Hussein al-Ali,2005-02-15,Raqqa,p4
        n5,Yousef Ahmad al-Khatib,1969-09-30,Raqqa,p5
        n6,Abdul Rahman Said Haddad,2011-12-05,Tabqa,p6
        n7,Omar Khaled al-Shami,1950-01-01,Tabqa,p7
        """);
    return new Path[] {a, b};
  }

  @Test
  void theTruthCanBeAFileOfTruePairsAndBadRowsAreNamed() throws Exception {
    Path config = settings();
    Path[] in = lists();
    // the same truth as the person column, as pairs (and one pair for n7 with no one: n7 is alone)
    Path pairs = dir.resolve("true.csv");
    StringBuilder t = new StringBuilder("record_a,record_b\n");
    for (int i = 1; i <= 6; i++) t.append("hospital.csv:h").append(i).append(",ngo.csv:n").append(i).append('\n');
    Files.writeString(pairs, t);
    Cli column = Cli.run("link", "--config", config.toString(), "--input", in[0].toString(), "--input", in[1].toString(), "--evaluate", "--json");
    Cli file = Cli.run("link", "--config", config.toString(), "--input", in[0].toString(), "--input", in[1].toString(), "--truth-pairs", pairs.toString(), "--json");
    assertThat(file.exit()).as(file.err()).isZero();
    var a = org.harmledger.ledger.Json.readTree(column.out());
    var b = org.harmledger.ledger.Json.readTree(file.out());
    for (String k : List.of("precision", "recall", "f1", "true_pairs", "cluster_precision")) assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
    assertThat(b.get("true_pairs").asLong()).isEqualTo(6);

    // a truth that says n7 is h3 too: a chain joins them, and the run's clusters now miss a pair
    Files.writeString(pairs, t + "ngo.csv:n3,ngo.csv:n7\n");
    var joined = org.harmledger.ledger.Json.readTree(Cli.run("link", "--config", config.toString(), "--input", in[0].toString(), "--input", in[1].toString(), "--truth-pairs", pairs.toString(), "--json").out());
    assertThat(joined.get("true_pairs").asLong()).as("h3, n3, n7: three pairs in one group").isEqualTo(8);
    assertThat(joined.get("recall").asDouble()).isLessThan(1.0);

    // ids without the file name, a short row, and no such record: every row named
    Files.writeString(pairs, "record_a,record_b\nh1,n1\nhospital.csv:h2\nhospital.csv:h3,ngo.csv:n99\n");
    Cli bad = Cli.run("link", "--config", config.toString(), "--input", in[0].toString(), "--input", in[1].toString(), "--truth-pairs", pairs.toString());
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("true.csv row 2: record_a = h1").contains("file:id").contains("true.csv row 3").contains("needs two record ids").contains("true.csv row 4: record_b = ngo.csv:n99");
    Files.writeString(pairs, "a,b\nx,y\n");
    assertThat(Cli.run("link", "--config", config.toString(), "--input", in[0].toString(), "--input", in[1].toString(), "--truth-pairs", pairs.toString()).err())
        .contains("--truth-pairs").contains("needs the columns record_a, record_b");
  }

  @Test
  void valuesThatCannotBeReadAsTheirTypeAreCountedAndTheFirstIsNamed() throws Exception {
    Path list = dir.resolve("mixed.csv");
    Files.writeString(list, """
        id,name,sex,birth_date,age,place
        a1,Muhammad Umar al-Hegazi,m,1957-03-01,60,Raqqa
        a2,محمد عمر الحجازي,m,01/03/1957,sixty,Raqqa
        a3,Mohammed Hijazi,m,,60,Raqqa
        a4,Fatima Ahmad al-Ali,f,1980-13-05,37,Tabqa
        a5,Khaled al-Shami,m,1990-07-07,,Raqqa
        """);
    String config = Path.of(System.getProperty("user.dir")).resolve("../examples/linkage/synthetic.json").normalize().toString();
    Cli run = Cli.run("link", "--config", config, "--input", list.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("note: birth_date: 2 values could not be read as a date in the format yyyy-MM-dd (the first: record a2, \"01/03/1957\"); compared only as text")
        .contains("note: age: 1 value could not be read as a number (the first: record a2, \"sixty\"); treated as missing");
    var json = org.harmledger.ledger.Json.readTree(Cli.run("link", "--config", config, "--input", list.toString(), "--json").out());
    assertThat(json.at("/unreadable_values/birth_date/count").asLong()).isEqualTo(2);
    assertThat(json.at("/unreadable_values/age/first_value").asText()).isEqualTo("sixty");
    assertThat(json.at("/unreadable_values/place").isMissingNode()).as("empty cells are missing, not unreadable").isTrue();
    assertThat(json.at("/unreadable_values/sex").isMissingNode()).isTrue();
  }

  @Test
  void onASmallListAFewDecidedPairsTeachTheModel() throws Exception {
    Path list = dir.resolve("mini.csv");
    Files.writeString(list, """
        id,name,sex,birth_date,age,place
        h1,Muhammad Umar al-Hegazi,m,1957-03-01,60,Raqqa
        h2,محمد عمر الحجازي,m,1957-03-01,,Raqqa
        n1,Mohammed Hijazi,m,,60,Raqqa
        n2,AlHijazi Mohamed,m,1957-03-02,,
        f1,Fatima Ahmad al-Ali,f,1980-05-05,37,Tabqa
        f2,فاطمة العلي,f,1980-05-05,37,
        f3,Fatma Hassan al-Ali,f,1961-01-20,56,Tabqa
        k1,Khaled al-Shami,m,1990-07-07,27,Raqqa
        """);
    String config = Path.of(System.getProperty("user.dir")).resolve("../examples/linkage/synthetic.json").normalize().toString();
    Path clusters = dir.resolve("c.csv");
    Cli alone = Cli.run("link", "--config", config, "--input", list.toString(), "--clusters", clusters.toString());
    assertThat(alone.exit()).as(alone.err()).isZero();
    assertThat(alone.out()).contains("a list this small gives EM little to learn from");
    Map<String, String> before = clustersOf(clusters);
    assertThat(before.get("f2")).as("eight records: EM alone does not join the two Fatimas born the same day").isNotEqualTo(before.get("f1"));

    Path labels = dir.resolve("labels.csv");
    Files.writeString(labels, "record_a,record_b,match\nh1,h2,yes\nh1,n1,yes\nf1,f3,no\n");
    Cli taught = Cli.run("link", "--config", config, "--input", list.toString(), "--clusters", clusters.toString(), "--labels", labels.toString());
    assertThat(taught.exit()).as(taught.err()).isZero();
    assertThat(taught.out()).contains("m learnt from 2 pairs decided to be the same person");
    Map<String, String> after = clustersOf(clusters);
    assertThat(List.of("h2", "n1", "n2")).allSatisfy(id -> assertThat(after.get(id)).as(id).isEqualTo(after.get("h1")));
    assertThat(after.get("f2")).isEqualTo(after.get("f1"));
    assertThat(after.get("f3")).as("decided: another woman").isNotEqualTo(after.get("f1"));
    assertThat(after.get("k1")).isEqualTo("k1");

    Files.writeString(labels, "record_a,record_b,match\nh1,h9,yes\nh1,h1,no\nf1,f3,maybe\n");
    Cli bad = Cli.run("link", "--config", config, "--input", list.toString(), "--labels", labels.toString());
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("labels.csv row 2: record_b = h9").contains("row 3: record_b = h1: is the same record").contains("row 4: match = maybe: must be yes or no");
  }

  private static Map<String, String> clustersOf(Path file) throws Exception {
    List<String> rows = Files.readAllLines(file);
    Map<String, String> out = new HashMap<>();
    for (String row : rows.subList(1, rows.size())) out.put(row.split(",")[0], row.split(",")[1]);
    return out;
  }

  @Test
  void aMixedScriptListIsLinkedAndEveryPairExplained() throws Exception {
    Path config = settings();
    Path[] in = lists();
    Path clusters = dir.resolve("clusters.csv");
    Path pairs = dir.resolve("pairs.csv");
    Cli r = Cli.run("link", "--config", config.toString(), "--input", in[0].toString(), "--input", in[1].toString(), "--clusters", clusters.toString(), "--pairs", pairs.toString(), "--evaluate");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> rows = Files.readAllLines(clusters);
    assertThat(rows.get(0)).isEqualTo("record_id,cluster_id");
    assertThat(rows).hasSize(1 + 13);
    Map<String, String> cluster = clustersOf(clusters);
    for (int i = 1; i <= 6; i++) {
      assertThat(cluster.get("ngo.csv:n" + i)).as("person " + i + " across scripts").isEqualTo(cluster.get("hospital.csv:h" + i));
    }
    assertThat(cluster.get("ngo.csv:n7")).as("a different man with the same names reordered and another birth date").isNotEqualTo(cluster.get("hospital.csv:h3"));
    assertThat(r.out()).contains("F1 1.0");
    // where the time went, phase by phase, in the order the work is done
    assertThat(r.out()).containsPattern("time: reading [0-9.]+ s, preparing [0-9.]+ s, blocking [0-9.]+ s, comparing [0-9.]+ s, estimating [0-9.]+ s, scoring [0-9.]+ s, clustering [0-9.]+ s");
    // each pair's explanation: the level reached on each comparison and its weight
    String explained = Files.readAllLines(pairs).stream().filter(l -> l.startsWith("hospital.csv:h2,ngo.csv:n2")).findFirst().orElseThrow();
    assertThat(explained).contains("swapped").contains("skeleton");
    assertThat(LinkCommand.weight(-0.001)).as("a weight that rounds to nothing has no sign").isEqualTo("0.00");
    assertThat(LinkCommand.weight(-1.234)).isEqualTo("-1.23");
  }

  @Test
  void theJsonReportKeepsPhasesInTheOrderTheyRanAndLevelsInTheSettingsOrder() throws Exception {
    Path config = settings();
    Path[] in = lists();
    Cli r = Cli.run("link", "--config", config.toString(), "--input", in[0].toString(), "--input", in[1].toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    com.fasterxml.jackson.databind.JsonNode report = org.harmledger.ledger.Json.readTree(r.out());
    List<String> phases = new java.util.ArrayList<>();
    report.get("phase_seconds").fieldNames().forEachRemaining(phases::add);
    assertThat(phases).containsExactly("reading", "preparing", "blocking", "comparing", "estimating", "scoring", "clustering");
    org.harmledger.linkage.Settings s = org.harmledger.linkage.Settings.parse(SETTINGS);
    for (org.harmledger.linkage.Settings.Comparison c : s.comparisons()) {
      List<String> levels = new java.util.ArrayList<>();
      report.at("/parameters/" + c.name()).fieldNames().forEachRemaining(levels::add);
      List<String> expected = new java.util.ArrayList<>(c.levels());
      expected.add("else");
      assertThat(levels).as(c.name()).isEqualTo(expected);
    }
  }

  @Test
  void badSettingsAndInputsAreRefusedByName() throws Exception {
    Path[] in = lists();
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, """
        {"id_column": "id", "comparisons": [{"column": "name", "type": "fuzzy", "levels": ["jw:1.5"]}], "blocking": [], "threshold": 2}
        """);
    Cli r = Cli.run("link", "--config", bad.toString(), "--input", in[0].toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("comparisons[0].type", "fuzzy").contains("jw:1.5").contains("blocking").contains("threshold");

    Path wrongColumn = dir.resolve("wrong.json");
    Files.writeString(wrongColumn, SETTINGS.replace("\"column\": \"place\"", "\"column\": \"city\""));
    r = Cli.run("link", "--config", wrongColumn.toString(), "--input", in[0].toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("city").contains("not a column");

    r = Cli.run("link", "--config", wrongColumn.toString(), "--input", dir.resolve("absent.csv").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("absent.csv").contains("does not exist");

    // a list saved as Windows-1256, its bad bytes far past the reader's first buffer: named by row
    Path config = settings();
    StringBuilder csv = new StringBuilder(Files.readString(in[1])); // Latin script only
    for (int i = 0; i < 3000; i++) csv.append("x").append(i).append(",Ahmad Ali,1980-01-01,Raqqa,q").append(i).append("\n");
    csv.append("late,محمد علي,1980-01-01,الرقة,q\n");
    Path cp1256 = dir.resolve("cp1256.csv");
    Files.write(cp1256, csv.toString().getBytes(java.nio.charset.Charset.forName("windows-1256")));
    long row = csv.chars().filter(c -> c == '\n').count();
    r = Cli.run("link", "--config", config.toString(), "--input", cp1256.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cp1256.csv: row " + row + " = bytes E3 CD E3 CF").contains("not UTF-8");
  }

  /** The demo ledger plus 24 people named twice each (Arabic, Latin); returns the ledger file and linkage settings. */
  Path[] victimLedger() throws Exception {
    Path db = dir.resolve("victims.db");
    try (var store = org.harmledger.storage.SqliteLedgerStore.open(db)) {
      var l = new org.harmledger.service.LedgerService(store);
      org.harmledger.service.DemoLedger.load(l, java.util.Optional.empty());
      java.util.List<org.harmledger.domain.LedgerRecord> v = new java.util.ArrayList<>();
      // 24 people, each named once in Arabic (one list) and once in Latin (another), birth dates apart
      String[][] given = {{"محمد", "Mohammed"}, {"فاطمة", "Fatima"}, {"خالد", "Khaled"}, {"زينب", "Zainab"}, {"يوسف", "Yousef"}, {"مريم", "Maryam"}};
      String[][] family = {{"النجار", "al-Najjar"}, {"الحسن", "Al Hasan"}, {"الشامي", "al-Shami"}, {"الخطيب", "al-Khatib"}};
      int n = 0;
      for (String[] g : given) {
        for (String[] f : family) {
          java.time.LocalDate born = java.time.LocalDate.parse("1960-01-01").plusDays(397L * n++);
          for (int script = 0; script < 2; script++) {
            String name = g[script] + " " + f[script];
            v.add(new org.harmledger.domain.Victim(null, script == 0 ? java.util.Optional.of(name) : java.util.Optional.empty(), script == 1 ? java.util.Optional.of(name) : java.util.Optional.empty(),
                org.harmledger.domain.Victim.Sex.UNKNOWN, java.util.Optional.empty(), org.harmledger.domain.Victim.AgeGroup.UNKNOWN, org.harmledger.domain.Victim.Outcome.KILLED,
                java.util.Optional.of(born), java.util.Optional.of("inc-raqqa-amnesty-1"), java.util.List.of(script == 0 ? "ritzau-2018-06" : "rvr-2019-04-25"), java.util.Optional.empty(), false, java.util.Optional.empty()));
          }
        }
      }
      l.createAll(v, new org.harmledger.service.Meta("test", "victims in two scripts"));
    }
    Path config = dir.resolve("victims.json");
    Files.writeString(config, """
        {"id_column": "id",
         "comparisons": [
           {"name": "name", "column": "name", "type": "full_name", "levels": ["exact", "tokens", "skeleton", "jw:0.9"]},
           {"name": "date", "column": "date", "type": "date", "format": "yyyy-MM-dd", "levels": ["exact", "swapped", "days:3"]}],
         "blocking": [["date"], ["name:skelfirst"]], "threshold": 0.8, "review_from": 0.3}
        """);
    return new Path[] {db, config};
  }

  @Test
  void aCampaignsVictimsInTheLedgerAreLinkedTheSameWay() throws Exception {
    Path[] lc = victimLedger();
    Path db = lc[0];
    Path config = lc[1];
    Path clusters = dir.resolve("victim-clusters.csv");
    Cli r = Cli.run("--db", db.toString(), "link", "--config", config.toString(), "--campaign", "raqqa-2017", "--clusters", clusters.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> rows = Files.readAllLines(clusters);
    assertThat(rows).hasSize(1 + 48);
    assertThat(rows.stream().skip(1).map(x -> x.split(",")[1]).distinct().count()).as("48 records, 24 people").isEqualTo(24);
  }

  @Test
  void aVictimRecordedLaterJoinsAClusterWithoutRenamingIt() throws Exception {
    Path[] lc = victimLedger();
    String db = lc[0].toString();
    Path out = dir.resolve("c.csv");
    String[] link = linkCampaign(lc, out);
    assertThat(Cli.run(link).exit()).isZero();
    Map<String, String> before = clusters(out);
    assertThat(before.get("vic-6")).as("Mohammed al-Shami, in both scripts").isEqualTo(before.get("vic-5")).isEqualTo("vic-5");
    // a third list names him again; its record's id, vic-49, sorts before vic-5
    Cli add = Cli.run("--db", db, "add", "victim", "--json", """
        {"name_latin": "Muhammad al-Shami", "date": "1962-03-05", "incident": "inc-raqqa-amnesty-1", "outcome": "killed", "sources": ["rvr-2019-04-25"], "confidential": false}""");
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out().trim()).isEqualTo("vic-49");
    assertThat(Cli.run(link).exit()).isZero();
    Map<String, String> after = clusters(out);
    assertThat(after.get("vic-49")).as("he joins his cluster").isEqualTo("vic-5");
    before.forEach((record, cluster) -> assertThat(after.get(record)).as(record + " keeps its cluster id").isEqualTo(cluster));
  }

  /** `link` over the victim ledger's campaign with its settings, clusters to {@code out}. */
  static String[] linkCampaign(Path[] ledgerAndSettings, Path out) {
    return new String[] {"--db", ledgerAndSettings[0].toString(), "link", "--config", ledgerAndSettings[1].toString(), "--campaign", "raqqa-2017", "--clusters", out.toString()};
  }

  static Map<String, String> clusters(Path f) throws Exception {
    Map<String, String> m = new HashMap<>();
    for (String row : Files.readAllLines(f).subList(1, Files.readAllLines(f).size())) m.put(row.split(",")[0], row.split(",")[1]);
    return m;
  }

  @Test
  void reviewDecisionsAreLedgerEntriesThatLaterRunsRespect() throws Exception {
    Path[] lc = victimLedger();
    String db = lc[0].toString();
    Path out = dir.resolve("c.csv");
    String[] link = linkCampaign(lc, out);
    assertThat(Cli.run(link).exit()).isZero();
    Map<String, String> before = clusters(out);
    // two records the model put together, and two it kept apart
    Map<String, List<String>> members = new HashMap<>();
    before.forEach((r, c) -> members.computeIfAbsent(c, x -> new java.util.ArrayList<>()).add(r));
    List<List<String>> groups = members.values().stream().filter(g -> g.size() == 2).sorted((x, y) -> x.get(0).compareTo(y.get(0))).toList();
    String joinedA = groups.get(0).get(0), joinedB = groups.get(0).get(1);
    String apartA = groups.get(1).get(0), apartB = groups.get(2).get(0);

    Cli no = Cli.run("--db", db, "decide", joinedA, joinedB, "--non-match", "--reason", "family testimony: cousins of the same name");
    assertThat(no.exit()).as(no.err()).isZero();
    String noId = no.out().trim();
    Cli yes = Cli.run("--db", db, "decide", apartB, apartA, "--match", "--reason", "hospital confirmed one person under two names");
    assertThat(yes.exit()).as(yes.err()).isZero();
    assertThat(Cli.run(link).exit()).isZero();
    Map<String, String> after = clusters(out);
    assertThat(after.get(joinedA)).as("a non-match keeps them apart").isNotEqualTo(after.get(joinedB));
    assertThat(after.get(apartA)).as("a match joins them").isEqualTo(after.get(apartB));
    // the decisions are ledger entries: in the history, under verify
    Cli history = Cli.run("--db", db, "history", "link_decision", noId);
    assertThat(history.out()).contains("cousins of the same name");
    assertThat(Cli.run("--db", db, "verify").exit()).isZero();
    // a victim a live decision names cannot be retracted out from under it
    Cli blocked = Cli.run("--db", db, "retract", "victim", joinedA, "--reason", "test");
    assertThat(blocked.exit()).isNotZero();
    assertThat(blocked.err()).contains(noId);
    // retracting the decision undoes it
    assertThat(Cli.run("--db", db, "retract", "link_decision", noId, "--reason", "testimony withdrawn").exit()).isZero();
    assertThat(Cli.run(link).exit()).isZero();
    assertThat(clusters(out).get(joinedA)).isEqualTo(clusters(out).get(joinedB));
  }

  @Test
  void aBadDecisionIsRefusedByField() throws Exception {
    String db = victimLedger()[0].toString();
    Cli same = Cli.run("--db", db, "decide", "vic-1", "vic-1", "--match", "--reason", "x");
    assertThat(same.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(same.err()).contains("victim_b").contains("different victim");
    Cli unknown = Cli.run("--db", db, "decide", "vic-1", "vic-nobody", "--match", "--reason", "x");
    assertThat(unknown.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(unknown.err()).contains("vic-nobody").contains("no victim has this id");
    assertThat(Cli.run("--db", db, "decide", "vic-1", "vic-2", "--reason", "x").exit()).as("match or non-match is required").isNotZero();
    Cli blank = Cli.run("--db", db, "decide", "vic-1", "vic-2", "--match", "--reason", " ");
    assertThat(blank.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(blank.err()).contains("reason").contains("why the change is made is required");
    // one live decision per pair, in either order: a second reviewer is told of the first
    Cli first = Cli.run("--db", db, "decide", "vic-1", "vic-2", "--match", "--reason", "same father in both lists");
    assertThat(first.exit()).as(first.err()).isZero();
    Cli second = Cli.run("--db", db, "decide", "vic-2", "vic-1", "--non-match", "--reason", "x");
    assertThat(second.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(second.err()).contains("victim_b = vic-2", "link_decision " + first.out().trim() + " already decides this pair (match); retract it first");
    assertThat(Cli.run("--db", db, "retract", "link_decision", first.out().trim(), "--reason", "decided in error").exit()).isZero();
    assertThat(Cli.run("--db", db, "decide", "vic-2", "vic-1", "--non-match", "--reason", "different mothers").exit()).isZero();
  }

  @Test
  void theLedgersVictimsNeedNoSettingsFile() throws Exception {
    String db = victimLedger()[0].toString();
    Path clusters = dir.resolve("shipped.csv");
    Cli r = Cli.run("--db", db, "link", "--campaign", "raqqa-2017", "--clusters", clusters.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(clusters(clusters)).hasSize(48);
    assertThat(clusters(clusters).values().stream().distinct().count()).as("48 records, 24 people: each Arabic name meets its Latin one").isEqualTo(24);
  }
}
