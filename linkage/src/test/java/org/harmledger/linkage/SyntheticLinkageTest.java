package org.harmledger.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.harmledger.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic generator and the linker on it (needs nothing outside the repository). */
class SyntheticLinkageTest {
  @TempDir Path dir;

  private Path synth(int people, long seed) throws Exception {
    StringWriter w = new StringWriter();
    Synthetic.write(w, people, seed);
    Path f = dir.resolve("synth-" + people + "-" + seed + ".csv");
    Files.writeString(f, w.toString());
    return f;
  }

  @Test
  void theGeneratorIsSeededAndMixesScripts() throws Exception {
    String a = Files.readString(synth(500, 3));
    assertThat(Files.readString(synth(500, 3))).isEqualTo(a);
    assertThat(Files.readString(synth(500, 4))).isNotEqualTo(a);
    assertThat(a).containsPattern("\\p{IsArabic}").containsPattern(",[A-Z][a-z]+ ");
  }

  @Test
  void uniformNameWeightsSpreadTheSameNamesEvenly() throws Exception {
    for (boolean zipf : new boolean[] {true, false}) {
      StringWriter w = new StringWriter();
      Synthetic.write(w, 8000, 5, zipf);
      Map<String, Integer> places = new java.util.HashMap<>();
      String[] lines = w.toString().split("\n");
      for (int i = 1; i < lines.length; i++) {
        String place = lines[i].split(",")[5];
        if (!place.isEmpty()) places.merge(place, 1, Integer::sum);
      }
      int top = places.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
      int all = places.values().stream().mapToInt(Integer::intValue).sum();
      // 25 places: Zipf gives the first ~26% of the records, uniform about 4%
      if (zipf) assertThat((double) top / all).isGreaterThan(0.18);
      else assertThat((double) top / all).isLessThan(0.08);
    }
  }

  @Test
  void theExampleSettingsLinkASyntheticList() throws Exception {
    Path f = synth(3000, 11);
    Settings s = Settings.parse(Files.readString(SharedDataLinkageTest.example("synthetic.json")));
    List<Linker.Record> records = Inputs.read(List.of(f), s.idColumn());
    List<String> heard = new java.util.ArrayList<>();
    long[] last = {0};
    Linker.Result r = new Linker(s, records, 1).run(new Linker.Listener() {
      @Override
      public void phase(String name, long steps) {
        heard.add(name + " " + steps);
      }

      @Override
      public void accept(long done) {
        last[0] = done;
      }
    });
    // a progress bar hears each phase as it begins, the pairs to compare, and the comparing to its end
    int pairs = (Integer) r.stats().get("candidate_pairs");
    assertThat(heard).containsExactly("blocking 0", "comparing " + pairs, "estimating 0", "scoring 0", "clustering 0");
    assertThat(last[0]).isEqualTo(pairs);
    @SuppressWarnings("unchecked")
    Map<String, Double> phases = (Map<String, Double>) r.stats().get("phase_seconds");
    assertThat(phases).containsOnlyKeys("preparing", "blocking", "comparing", "estimating", "scoring", "clustering");
    Evaluation.Scores e = Evaluation.score(r.clusters(), Evaluation.truth(records, s.truth()));
    System.out.printf("synthetic 3,000 people (%d records): precision %.4f recall %.4f F1 %.4f; %s%n", records.size(), e.precision(), e.recall(), e.f1(), r.stats());
    // floors under what this build measures (precision 0.981, F1 0.969 at this size): a broken
    // estimate of m (the failure this module has had) drops recall far below them; reading dates
    // before 1970 as missing (mended) gave F1 0.915 here
    assertThat(e.precision()).isGreaterThan(0.96);
    assertThat(e.f1()).isGreaterThan(0.95);
    // age follows the birth date: a rule blocking on age makes strangers share a birth year, so it
    // must not estimate the birth date's m; the rule on names and sex leaves it free
    @SuppressWarnings("unchecked")
    List<String> rules = (List<String>) r.stats().get("rules_estimating_m");
    assertThat(rules).doesNotContain("name:givenfamily+age", "name:givenfamily+birth_date:first4").contains("name:givenfamily+sex");
  }

  /** Settings whose one comparison, of a full name, has the one level given: refused. */
  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> nameLevelRefused(String level) {
    return assertThatThrownBy(() -> Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "name", "type": "full_name", "levels": ["%s"]}], "blocking": [["name"]]}
        """.formatted(level))).isInstanceOf(ValidationException.class);
  }

  /** A linker over a small list written out as CSV (records found by the column "id"). */
  private Linker linker(String csv, Settings s) throws Exception {
    Path f = Files.createTempFile(dir, "list", ".csv");
    Files.writeString(f, csv);
    return new Linker(s, Inputs.read(List.of(f), "id"), 1);
  }

  @Test
  void aComparisonThatFollowsAnotherCountsOnlyWhereThatOneIsMissing() throws Exception {
    Settings s = Settings.parse("""
        {"id_column": "id",
         "comparisons": [
           {"name": "birth_date", "column": "birth_date", "type": "date", "format": "yyyy-MM-dd"},
           {"name": "age", "column": "age", "type": "number", "levels": ["exact"], "follows": ["birth_date"]}],
         "blocking": [["name"]]}
        """);
    Linker l = linker("""
        id,name,birth_date,age
        a,Ali Hassan,1980-01-01,37
        b,Ali Hassan,1980-01-01,37
        c,Ali Hassan,,37
        """, s);
    assertThat(l.level(1, 0, 1)).as("both birth dates known: age is no extra evidence").isEqualTo(-1);
    assertThat(l.level(1, 0, 2)).as("one birth date missing: age counts").isEqualTo(0);
    assertThatThrownBy(() -> Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "age", "type": "number", "follows": "birth_date"}], "blocking": [["age"]]}
        """)).isInstanceOf(ValidationException.class).hasMessageContaining("comparisons[0].follows");
  }

  @Test
  void everyExampleSettingsFileIsValid() throws Exception {
    // the examples are what a user copies: each must parse as the documentation says
    List<Path> files;
    try (var list = Files.list(SharedDataLinkageTest.example(""))) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("synthetic.json", "victims.json", "febrl4.json");
    for (Path f : files) assertThat(Settings.parse(Files.readString(f)).comparisons()).as(f.toString()).isNotEmpty();
  }

  @Test
  void anAgeMeetsAnAgeGroupThatHoldsIt() throws Exception {
    Settings s = Settings.parse("""
        {"id_column": "id",
         "comparisons": [{"name": "age", "columns": ["age", "age_group"], "type": "age", "levels": ["exact", "within:2", "group"]}],
         "blocking": [["id"]]}
        """);
    Linker l = linker("""
        id,age,age_group
        a,7,
        b,,child
        c,,Adult
        d,8,child
        e,40,
        f,41,adult
        g,,child
        h,,elderly
        i,70,
        j,,unknown
        """, s);
    int exact = 0, within = 1, group = 2, none = 3;
    assertThat(l.level(0, 0, 3)).as("7 and 8").isEqualTo(within);
    assertThat(l.level(0, 0, 1)).as("7 and a child").isEqualTo(group);
    assertThat(l.level(0, 0, 2)).as("7 and an adult").isEqualTo(none);
    assertThat(l.level(0, 1, 6)).as("two children: not the same age, only not contradicting").isEqualTo(group);
    assertThat(l.level(0, 4, 5)).as("an age wins over the group beside it").isEqualTo(within);
    assertThat(l.level(0, 2, 7)).as("the elderly are adults").isEqualTo(group);
    assertThat(l.level(0, 8, 7)).isEqualTo(group);
    assertThat(l.level(0, 4, 7)).as("40 is not elderly").isEqualTo(none);
    assertThat(l.level(0, 8, 8)).isEqualTo(exact);
    assertThat(l.level(0, 0, 9)).as("an unknown group is no evidence").isEqualTo(-1);
    assertThatThrownBy(() -> Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "age", "type": "number", "levels": ["group"]}], "blocking": [["age"]]}
        """)).isInstanceOf(ValidationException.class).hasMessageContaining("is a level of type age only");
    assertThatThrownBy(() -> Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "age", "type": "age", "levels": ["skeleton"]}], "blocking": [["age"]]}
        """)).isInstanceOf(ValidationException.class).hasMessageContaining("is not a level of an age");
  }

  @Test
  void disagreeingIsNeverEvidenceOfAMatchEvenWhereEmHadNothingToLearnFrom() throws Exception {
    // three records: EM cannot learn from them, and its m for "else" once came out above u, so a
    // boy of nine and an elderly man of the same name scored higher for their ages disagreeing
    Settings s = Settings.parse(Files.readString(SharedDataLinkageTest.example("victims.json")));
    Linker l = linker("""
        id,name,name_latin,sex,age,age_group,date,incident,sources,place,cause
        vic-1,محمد عمر الحجازي,,male,9,child,,inc-1,src-1,,
        vic-2,Mohammed Hijazi,,male,,child,,inc-1,src-2,,
        vic-3,Mohammed Hijazi,,male,,elderly,,inc-1,src-2,,
        """, s);
    Linker.Result r = l.run(null);
    int age = 3;
    assertThat(s.comparisons().get(age).name()).isEqualTo("age");
    // a run lists the pairs from review_from up; this one is below it (until a prior on m, EM's
    // parameters put it at review), so it is scored on its own
    assertThat(r.pairs()).noneMatch(p -> p.a() == 0 && p.b() == 2);
    Linker.Pair boyAndOldMan = l.score(0, 2);
    assertThat(boyAndOldMan.probability()).isLessThan(s.reviewFrom());
    Linker.Explanation why = l.explain(boyAndOldMan);
    assertThat(why.levels()[age]).as("9 against elderly: else").isEqualTo(s.comparisons().get(age).levels().size());
    assertThat(why.weights()[age]).isLessThanOrEqualTo(0);
  }

  @Test
  void onAFewRecordsLevelsNoPairReachedWeighAboutNothingRatherThanAgainst() throws Exception {
    // two people in two scripts and one other man: no true pair agrees at "swapped", "days:3" or
    // "year", nor exactly on place (الرقة is not Raqqa letter for letter). Bare EM gave those
    // levels m near 0: a swapped day and month weighed -17, agreeing on the place -17.6.
    Settings s = Settings.parse(Files.readString(SharedDataLinkageTest.example("synthetic.json")));
    Linker l = linker("""
        id,name,birth_date,age,sex,place
        1,محمد أحمد النجار,1980-03-02,36,m,الرقة
        2,Mohammed Ahmad al-Najjar,1980-03-02,,m,Raqqa
        3,Fatima Hassan,1975-01-01,41,f,Tabqa
        4,فاطمة حسن,1975-01-01,41,f,الطبقة
        5,Ali Omar Hussein,1990-05-05,26,m,Raqqa
        """, s);
    Linker.Result r = l.run(null);
    java.util.function.BiFunction<String, Integer, Double> weight = (c, lvl) -> Math.log(r.m().get(c)[lvl] / r.u().get(c)[lvl]) / Math.log(2);
    List<String> dateLevels = s.comparisons().stream().filter(c -> c.name().equals("birth_date")).findFirst().orElseThrow().levels();
    double different = weight.apply("birth_date", dateLevels.size());
    assertThat(weight.apply("birth_date", dateLevels.indexOf("swapped"))).as("a swapped day and month: not -17").isGreaterThan(-5.0).isGreaterThan(different);
    assertThat(weight.apply("birth_date", dateLevels.indexOf("days:3"))).as("dates three days apart").isGreaterThan(-5.0).isGreaterThan(different);
    assertThat(weight.apply("place", 0)).as("agreeing on the place is not evidence against").isGreaterThanOrEqualTo(0.0);
    assertThat(weight.apply("birth_date", 0)).as("the same birth date is still evidence for").isGreaterThan(1.0);
    assertThat(different).as("different dates still evidence against").isLessThan(-5.0);
    Linker.Pair mohammed = r.pairs().stream().filter(p -> p.a() == 0 && p.b() == 1).findFirst().orElseThrow();
    assertThat(l.score(0, 1)).as("a pair scored on its own scores as in the run").isEqualTo(mohammed);
    assertThat(r.clusters()[0]).as("the two scripts' Mohammed linked").isEqualTo(r.clusters()[1]);
    assertThat(r.clusters()[2]).as("and Fatima").isEqualTo(r.clusters()[3]);
    assertThat(r.clusters()[4]).isNotIn(r.clusters()[0], r.clusters()[2]);
  }

  @Test
  void theVictimsSettingsComparePlaceAcrossScriptsAndCause() throws Exception {
    Settings s = Settings.parse(Files.readString(SharedDataLinkageTest.example("victims.json")));
    int place = -1, cause = -1;
    for (int c = 0; c < s.comparisons().size(); c++) {
      if (s.comparisons().get(c).name().equals("place")) place = c;
      if (s.comparisons().get(c).name().equals("cause")) cause = c;
    }
    assertThat(place).as("a place comparison").isNotNegative();
    assertThat(cause).as("a cause comparison").isNotNegative();
    Linker l = linker("""
        id,name,name_latin,sex,age,age_group,date,incident,sources,place,cause
        vic-1,محمد عمر الحجازي,,male,30,adult,,inc-1,src-1,الرقة,airstrike
        vic-2,Mohammed Hijazi,,male,30,adult,,inc-1,src-2,Raqqa,airstrike
        vic-3,Mohammed Hijazi,,male,30,adult,,inc-1,src-3,Tabqa,artillery
        vic-4,Mohammed Hijazi,,male,30,adult,,inc-1,src-4,,
        """, s);
    assertThat(l.level(place, 0, 1)).as("الرقة and Raqqa agree short of exact").isBetween(1, 2);
    assertThat(l.level(place, 1, 2)).as("Raqqa and Tabqa: else").isEqualTo(s.comparisons().get(place).levels().size());
    assertThat(l.level(place, 1, 3)).as("a place not given is no evidence").isEqualTo(-1);
    assertThat(l.level(cause, 0, 1)).isZero();
    assertThat(l.level(cause, 1, 2)).isEqualTo(1);
    assertThat(l.level(cause, 0, 3)).isEqualTo(-1);
  }

  @Test
  void datesBeforeNineteenSeventyAreNearToo() throws Exception {
    Settings s = Settings.parse("""
        {"id_column": "id",
         "comparisons": [{"name": "birth_date", "column": "birth_date", "type": "date", "format": "yyyy-MM-dd", "levels": ["exact", "days:3", "year"]}],
         "blocking": [["birth_date:first4"]]}
        """);
    Linker l = linker("""
        id,birth_date
        a,1967-07-17
        b,1967-07-18
        c,1967-03-01
        d,1969-12-31
        e,1970-01-01
        """, s);
    assertThat(l.level(0, 0, 1)).as("a day apart in 1967").isEqualTo(1);
    assertThat(l.level(0, 0, 2)).as("same year, 1967").isEqualTo(2);
    assertThat(l.level(0, 3, 4)).as("across the epoch").isEqualTo(1);
  }

  @Test
  void near2PutsNumbersAtMostTwoApartInACommonBlock() throws Exception {
    StringBuilder csv = new StringBuilder("id,age\n");
    for (int age = 0; age <= 100; age++) csv.append("r").append(age).append(',').append(age).append('\n');
    Settings s = Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "age", "type": "number"}], "blocking": [["age:near2"]]}
        """);
    Linker l = linker(csv.toString(), s);
    List<String> rule = s.blocking().get(0);
    for (int a = 0; a <= 100; a++) {
      for (int b = a; b <= Math.min(100, a + 2); b++) {
        assertThat(l.blockKeys(rule, a)).as("%d and %d", a, b).containsAnyElementsOf(l.blockKeys(rule, b));
      }
      if (a + 10 <= 100) assertThat(l.blockKeys(rule, a)).as("%d and %d", a, a + 10).doesNotContainAnyElementsOf(l.blockKeys(rule, a + 10));
    }
  }

  @Test
  void theVowelsLevelPartsNamesThatOnlyShareASkeleton() throws Exception {
    Settings s = Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "name", "type": "full_name", "levels": ["vowels", "skeleton", "shared:2"]}], "blocking": [["name:skelmax"]]}
        """);
    Linker l = linker("""
        id,name
        a,Hussein Ali al-Hassoun
        b,حسين علي الحسون
        c,Hassan Ali al-Hassoun
        d,Hussein Wael al-Hassoun
        e,Husain Aly Al Hasoon
        f,Mohammed Mahmoud al-Ali
        g,محمود محمد العلي
        h,Mahmoud Mohammed Ali
        i,Mohammed Mohammed al-Ali
        """, s);
    assertThat(l.level(0, 0, 1)).as("Hussein Ali al-Hassoun and its Arabic").isEqualTo(0);
    assertThat(l.level(0, 0, 4)).as("another Latin spelling of each part").isEqualTo(0);
    assertThat(l.level(0, 1, 4)).as("and that against the Arabic").isEqualTo(0);
    assertThat(l.level(0, 0, 2)).as("Hassan is not Hussein: the same skeleton only").isEqualTo(1);
    assertThat(l.level(0, 1, 2)).as("nor حسين Hassan").isEqualTo(1);
    assertThat(l.level(0, 0, 3)).as("Wael is not Ali: the same skeleton (l) only").isEqualTo(1);
    // a part twice over (Mohammed and Mahmoud share mhmd): matched part by part, in any order
    assertThat(l.level(0, 5, 6)).as("Mohammed Mahmoud and محمود محمد").isEqualTo(0);
    assertThat(l.level(0, 5, 7)).as("the same parts in another order").isEqualTo(0);
    assertThat(l.level(0, 5, 8)).as("Mahmoud is not a second Mohammed").isEqualTo(1);
    nameLevelRefused("vowel").hasMessageContaining("vowel: is not a level: exact, vowels, skeleton");
  }

  @Test
  void aLevelNeverWeighsLessThanALooserOneAfterIt() {
    // levels: vowels, skeleton, subset:2, else; EM on a small list gave skeleton more than vowels
    double[] m = {0.30, 0.50, 0.15, 0.05};
    double[] u = {0.01, 0.01, 0.02, 0.96};
    Linker.monotone(m, u, 4);
    assertThat(m[0] / u[0]).as("vowels and skeleton pooled").isCloseTo(m[1] / u[1], org.assertj.core.data.Offset.offset(1e-12)).isCloseTo(40.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m[2] / u[2]).isLessThan(m[1] / u[1]);
    assertThat(m[0] + m[1] + m[2]).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(m[3]).as("disagreeing weighs less than any agreement already: left alone").isEqualTo(0.05);
    double[] ordered = {0.6, 0.3, 0.05, 0.05};
    Linker.monotone(ordered, new double[] {0.001, 0.01, 0.1, 0.889}, 4);
    assertThat(ordered).as("weights already falling are left alone").containsExactly(0.6, 0.3, 0.05, 0.05);
    // a place written in two scripts on a tiny list: no true pair agrees exactly, so EM gave
    // agreeing m 0 (a weight of -17.6) and disagreeing m 1
    double[] place = {0.0, 1.0};
    double[] placeU = {0.1, 0.9};
    Linker.monotone(place, placeU, 2);
    assertThat(place[0] / placeU[0]).as("agreeing pooled with disagreeing: no evidence either way").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(place[1] / placeU[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(place[0] + place[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void vsubsetAndVsharedCountOnlyPartsWhoseVowelsAgree() throws Exception {
    Settings s = Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "name", "type": "full_name", "levels": ["vsubset:2", "subset:2"]}], "blocking": [["name:skelmax"]]}
        """);
    Linker l = linker("""
        id,name
        a,حسين علي الحسون
        b,Hussein al-Hassoun
        c,Hassan al-Hassoun
        """, s);
    assertThat(l.level(0, 0, 1)).as("the father's name left out, every part's vowels agreeing").isEqualTo(0);
    assertThat(l.level(0, 0, 2)).as("Hassan is a part of the longer name by skeleton only").isEqualTo(1);
    Settings shared = Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "name", "type": "full_name", "levels": ["vshared:2", "shared:2"]}], "blocking": [["name:skelmax"]]}
        """);
    Linker m = linker("""
        id,name
        a,حسين علي الحسون
        b,Hussein Omar al-Hassoun
        c,Hassan Omar al-Hassoun
        """, shared);
    assertThat(m.level(0, 0, 1)).as("two parts with agreeing vowels").isEqualTo(0);
    assertThat(m.level(0, 0, 2)).as("only al-Hassoun agrees by its vowels").isEqualTo(1);
  }

  @Test
  void subsetHoldsWhenAPartIsLeftOutButNotWhenOneDiffers() throws Exception {
    Settings s = Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "name", "type": "full_name", "levels": ["skeleton", "subset:2", "shared:2"]}], "blocking": [["name:skelmax"]]}
        """);
    Linker l = linker("""
        id,name
        a,Suad al-Ahmad
        b,سعاد محمد الأحمد
        c,Fatima Mohammed al-Ahmad
        d,Tarek Munther al-Qadi
        e,طارق منذر القاضي
        """, s);
    assertThat(l.level(0, 0, 1)).as("the father's name left out, across scripts").isEqualTo(1);
    assertThat(l.level(0, 1, 2)).as("a sister: two parts shared, the given names differ").isEqualTo(2);
    assertThat(l.level(0, 3, 4)).as("Tarek/طارق (q as k), Munther/منذر (dh as th), al-Qadi/القاضي").isEqualTo(0);
    nameLevelRefused("subset:two").hasMessageContaining("subset:two").hasMessageContaining("subset:N");
  }

  @Test
  void skelpairsBlocksOnEveryPairOfNameParts() throws Exception {
    Settings s = Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "name", "type": "full_name"}], "blocking": [["name:skelpairs"]]}
        """);
    Linker l = linker("""
        id,name
        a,Fatima Ali al-Jasim
        b,Fatma al-Jasim
        c,Omar
        """, s);
    assertThat(l.blockKeys(s.blocking().get(0), 0)).hasSize(3); // {ftm l, ftm jsm, l jsm} as keys
    assertThat(l.blockKeys(s.blocking().get(0), 1)).hasSize(1).isSubsetOf(l.blockKeys(s.blocking().get(0), 0));
    assertThat(l.blockKeys(s.blocking().get(0), 2)).hasSize(1); // one part: itself
    assertThat(l.run(null).candidates()).as("the dropped father's name does not stop the pair").containsExactly(1L);
    assertThatThrownBy(() -> Settings.parse("""
        {"id_column": "id", "comparisons": [{"column": "name", "type": "full_name"}], "blocking": [["name:skelpair"]]}
        """)).isInstanceOf(ValidationException.class).hasMessageContaining("'skelpair' is not a key transform");
  }

  @Test
  void aHigherGroupThresholdJoinsFewerGroupsAndNoWrongerOnes() throws Exception {
    // a sample with joins between the two thresholds (seed 11, used before the vowels level, had none since)
    Path f = synth(3000, 12);
    String text = Files.readString(SharedDataLinkageTest.example("synthetic.json"));
    Settings strict = Settings.parse(text);
    assertThat(strict.groupThreshold()).isEqualTo(0.9).isGreaterThan(strict.threshold());
    Settings loose = Settings.parse(text.replace("\"group_threshold\": 0.9", "\"group_threshold\": " + strict.threshold()));
    List<Linker.Record> records = Inputs.read(List.of(f), strict.idColumn());
    int[] a = new Linker(strict, records, 1).run(null).clusters();
    int[] b = new Linker(loose, records, 1).run(null).clusters();
    // the same pairs link single records; only joins of two groups differ: here the strict run's
    // clusters only split some of the loose run's
    for (int i = 0; i < a.length; i++) for (int j = i + 1; j < Math.min(a.length, i + 50); j++) {
      if (a[i] == a[j]) assertThat(b[i]).as(records.get(i).id() + " " + records.get(j).id()).isEqualTo(b[j]);
    }
    assertThat(java.util.Arrays.stream(a).distinct().count()).isGreaterThan(java.util.Arrays.stream(b).distinct().count());
    var truth = Evaluation.truth(records, strict.truth());
    assertThat(Evaluation.score(a, truth).precision()).isGreaterThan(Evaluation.score(b, truth).precision());
    assertThatThrownBy(() -> Settings.parse(text.replace("\"group_threshold\": 0.9", "\"group_threshold\": 0.3")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("group_threshold = 0.3");
  }

  @Test
  void decidedMatchesTeachTheModelWhatAMatchLooksLike() throws Exception {
    Path f = synth(1000, 3);
    Settings s = Settings.parse(Files.readString(SharedDataLinkageTest.example("synthetic.json")));
    List<Linker.Record> records = Inputs.read(List.of(f), s.idColumn());
    Linker.Result plain = new Linker(s, records, 1).run(null);
    assertThat(plain.stats().get("labelled_matches")).isEqualTo(0);
    // forty true pairs, decided by a person
    Linker taught = new Linker(s, records, 1);
    String[] truth = Evaluation.truth(records, s.truth());
    List<int[]> decided = new java.util.ArrayList<>();
    for (int i = 0; i < records.size() && decided.size() < 40; i++) {
      for (int j = i + 1; j < Math.min(records.size(), i + 8) && decided.size() < 40; j++) {
        if (truth[i].equals(truth[j])) decided.add(new int[] {i, j});
      }
    }
    for (int[] d : decided) taught.decide(d[0], d[1], true);
    Linker.Result r = taught.run(null);
    assertThat(r.stats().get("labelled_matches")).isEqualTo(40);
    // each comparison's m: the decided pairs' share of each level, with EM's m weighing as ten pairs
    for (int c = 0; c < s.comparisons().size(); c++) {
      String name = s.comparisons().get(c).name();
      double[] before = plain.m().get(name);
      double[] after = r.m().get(name);
      double[] counts = new double[before.length];
      int seen = 0;
      for (int[] d : decided) {
        int l = taught.level(c, d[0], d[1]);
        if (l < 0) continue;
        counts[l]++;
        seen++;
      }
      if (seen == 0) continue;
      for (int l = 0; l < before.length; l++) {
        assertThat(after[l]).as(name + " level " + l).isCloseTo((counts[l] + Linker.EM_AS_LABELS * before[l]) / (seen + Linker.EM_AS_LABELS), org.assertj.core.data.Offset.offset(1e-9));
      }
    }
    // and every decided pair is in one cluster
    for (int[] d : decided) assertThat(r.clusters()[d[0]]).isEqualTo(r.clusters()[d[1]]);
  }

  @Test
  void appendingRecordsKeepsEarlierClusterIds() throws Exception {
    Path all = synth(2000, 5);
    List<String> lines = Files.readAllLines(all);
    int firstPart = 1 + (lines.size() - 1) * 4 / 5;
    Path early = dir.resolve("early.csv");
    Files.write(early, lines.subList(0, firstPart));
    Settings s = Settings.parse(Files.readString(SharedDataLinkageTest.example("synthetic.json")));
    List<Linker.Record> before = Inputs.read(List.of(early), s.idColumn());
    List<Linker.Record> after = Inputs.read(List.of(all), s.idColumn());
    int[] c1 = new Linker(s, before, 1).run(null).clusters();
    int[] c2 = new Linker(s, after, 1).run(null).clusters();
    // group the earlier records by cluster, in both runs
    java.util.Map<Integer, java.util.Set<Integer>> g1 = new java.util.HashMap<>();
    java.util.Map<Integer, java.util.Set<Integer>> g2 = new java.util.HashMap<>();
    for (int i = 0; i < before.size(); i++) {
      g1.computeIfAbsent(c1[i], x -> new java.util.TreeSet<>()).add(i);
      g2.computeIfAbsent(c2[i], x -> new java.util.TreeSet<>()).add(i);
    }
    int same = 0;
    int kept = 0;
    for (int i = 0; i < before.size(); i++) {
      if (!g1.get(c1[i]).equals(g2.get(c2[i]))) continue;
      same++;
      // the same earlier records together: the same id, whatever joined them
      assertThat(after.get(c2[i]).id()).isEqualTo(before.get(c1[i]).id());
      kept++;
    }
    System.out.printf("appending %d records to %d: %d of the earlier records keep their group, all of those their id%n", after.size() - before.size(), before.size(), same);
    assertThat(kept).isEqualTo(same);
    assertThat((double) same / before.size()).as("most groups are untouched by the new records").isGreaterThan(0.9);
  }

  @Test
  void blockKeysTooLargeToCombineAreRenumberedKeepingWhichAreEqual() {
    // the fallback blocking takes when a rule's parts have too many values to multiply out
    long[] keys = {Long.MAX_VALUE - 1, 5, Long.MAX_VALUE - 1, 1L << 50, 5, 0};
    assertThat(Linker.renumber(keys, 5)).isEqualTo(3);
    assertThat(keys).containsExactly(2, 0, 2, 1, 0, 0); // the sixth is not among the first five: left alone
  }
}
