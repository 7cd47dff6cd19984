package org.harmledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.harmledger.ledger.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every class of bad input is rejected with the field, the value and the rule. */
class ValidationTest {
  static List<Problem> problems(LedgerRecord r) {
    Problems p = new Problems();
    r.check(p);
    return p.list();
  }

  static Claim claim(String json) {
    return Json.read(json, Claim.class);
  }

  @Test
  void minAboveMaxNamesTheFieldAndBothValues() {
    var ps = problems(claim("{\"source\":\"s\",\"subject\":{\"kind\":\"incident\",\"incident\":\"i\"},\"killed\":{\"min\":30,\"max\":23}}"));
    assertThat(ps).containsExactly(new Problem("killed.max", "23", "must not be less than min (30)"));
  }

  @Test
  void negativeCountsAreRejected() {
    var ps = problems(claim("{\"source\":\"s\",\"subject\":{\"kind\":\"incident\",\"incident\":\"i\"},\"injured\":{\"min\":-1}}"));
    assertThat(ps).extracting(Problem::field).containsExactly("injured.min");
  }

  @Test
  void unknownCategoryIsRejectedWithTheKnownOnes() {
    assertThatThrownBy(() -> claim("{\"source\":\"s\",\"subject\":{\"kind\":\"incident\",\"incident\":\"i\"},\"killed\":{\"min\":3},\"killed_by\":{\"elders\":{\"min\":1}}}"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> {
          Problem p = ((ValidationException) e).problems().get(0);
          assertThat(p.value()).isEqualTo("elders");
          assertThat(p.rule()).contains("children", "women", "men", "unknown");
        });
  }

  @Test
  void categoriesCannotAddUpToMoreThanTheTotal() {
    var ps = problems(claim("{\"source\":\"s\",\"subject\":{\"kind\":\"incident\",\"incident\":\"i\"},\"killed\":{\"min\":5,\"max\":5},\"killed_by\":{\"children\":{\"min\":4},\"women\":{\"min\":3}}}"));
    assertThat(ps).extracting(Problem::field, Problem::value).containsExactly(org.assertj.core.groups.Tuple.tuple("killed_by", "7"));
  }

  @Test
  void endBeforeStartIsRejected() {
    var ps = new Problems();
    DateSpan.of("2017-10-17", "2017-06-06").check(ps, "period");
    assertThat(ps.list()).containsExactly(new Problem("period.end", "2017-06-06", "must not be before start (2017-10-17)"));
  }

  @ParameterizedTest
  @CsvSource({"91,10,place.point.lat", "-91,10,place.point.lat", "10,181,place.point.lon", "10,-180.5,place.point.lon"})
  void coordinatesOutOfRangeAreRejected(double lat, double lon, String field) {
    Incident i = Json.read("{\"title\":\"t\",\"time\":{\"start\":\"2017-06-06\",\"end\":\"2017-06-06\"},\"place\":{\"name\":\"x\",\"point\":{\"lat\":" + lat + ",\"lon\":" + lon + "}}}", Incident.class);
    assertThat(problems(i)).extracting(Problem::field).containsExactly(field);
  }

  @Test
  void malformedJsonSaysWhere() {
    assertThatThrownBy(() -> claim("{\"source\": \"s\", ")).isInstanceOf(ValidationException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void wrongTypesNameTheField() {
    assertThatThrownBy(() -> claim("{\"source\":\"s\",\"subject\":{\"kind\":\"incident\",\"incident\":\"i\"},\"killed\":{\"min\":\"many\"}}"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems().get(0).field()).isEqualTo("killed.min"));
  }

  @Test
  void aYesNoFieldLeftOutIsNamedAsRequired() {
    // whether a victim may be shown publicly is never assumed
    assertThatThrownBy(() -> Json.read("{\"outcome\":\"killed\",\"sources\":[\"s\"]}", Victim.class))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).singleElement()
            .satisfies(p -> assertThat(p.field() + ": " + p.rule()).isEqualTo("confidential: is required: true or false")));
  }

  @Test
  void unknownFieldsAreRejectedNotIgnored() {
    assertThatThrownBy(() -> claim("{\"source\":\"s\",\"kiled\":{\"min\":1},\"subject\":{\"kind\":\"incident\",\"incident\":\"i\"}}"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems().get(0).value()).isEqualTo("kiled"));
  }

  @Test
  void aSetOfIncidentsNeedsTwoDifferentOnes() {
    var ps = problems(claim("{\"source\":\"s\",\"subject\":{\"kind\":\"incidents\",\"incidents\":[\"a\",\"a\"]},\"killed\":{\"min\":1}}"));
    assertThat(ps).extracting(Problem::field).contains("subject.incidents");
  }

  @Test
  void rangeTextForms() {
    assertThat(Range.parse("k", "23")).isEqualTo(Range.exactly(23));
    assertThat(Range.parse("k", "10-12")).isEqualTo(Range.between(10, 12));
    assertThat(Range.parse("k", "200+")).isEqualTo(Range.atLeast(200));
    assertThatThrownBy(() -> Range.parse("k", "hundreds")).isInstanceOf(ValidationException.class).hasMessageContaining("k = hundreds")
        .as("a word is answered with the convention for words").hasMessageContaining("'hundreds' as 200+");
    assertThatThrownBy(() -> Range.parse("k", "12,5")).isInstanceOf(ValidationException.class).message().doesNotContain("hundreds");
    assertThatThrownBy(() -> Range.parse("k", "12-10")).isInstanceOf(ValidationException.class).hasMessageContaining("k.max");
  }

  @Test
  void caseHistoriesFollowTheStateRules() {
    var open = CaseStep.of(CaseState.OPEN, java.time.LocalDate.parse("2018-01-01"), "");
    var reopened = CaseStep.of(CaseState.REOPENED, java.time.LocalDate.parse("2018-02-01"), "");
    var credibleWithoutFigures = CaseStep.of(CaseState.CREDIBLE, java.time.LocalDate.parse("2018-02-01"), "");
    var nonCredibleWithoutReason = CaseStep.of(CaseState.NON_CREDIBLE, java.time.LocalDate.parse("2018-02-01"), "");
    var closedEarlier = CaseStep.of(CaseState.CLOSED, java.time.LocalDate.parse("2017-12-01"), "");
    Case c = new Case("k", "B", java.util.Optional.empty(), java.util.Optional.empty(), List.of(), List.of(open, reopened, credibleWithoutFigures, nonCredibleWithoutReason, closedEarlier), java.util.Optional.empty());
    assertThat(problems(c)).extracting(Problem::field).containsExactly(
        "history[1].state", "history[2].conceded_killed", "history[3].reason", "history[4].on");
  }

  @Test
  void anAllegationSaysSomethingAndSaysItProperly() {
    var open = CaseStep.of(CaseState.OPEN, java.time.LocalDate.parse("2018-01-01"), "");
    java.util.function.Function<Allegation, Case> kase = a -> new Case("k", "B", java.util.Optional.empty(), java.util.Optional.empty(), List.of(), List.of(open),
        java.util.Optional.empty(), null, java.util.Optional.of(a));
    var none = java.util.Optional.<StatedTime>empty();
    Allegation good = new Allegation(java.util.Optional.of(new StatedTime("14 June 2017", java.util.Optional.of(DateSpan.of("2017-06-14", "2017-06-14")))),
        java.util.Optional.of(new StatedPlace("near Raqqa, Syria", PlacePrecision.NEAR)), java.util.Optional.of(AllegationChannel.NGO), java.util.Optional.of("Airwars"));
    assertThat(problems(kase.apply(good))).isEmpty();
    assertThat(problems(kase.apply(new Allegation(none, null, null, null)))).extracting(Problem::field).containsExactly("allegation");
    Allegation bad = new Allegation(java.util.Optional.of(new StatedTime(" ", java.util.Optional.of(DateSpan.of("2017-06-14", "2017-06-01")))),
        java.util.Optional.of(new StatedPlace("", null)), null, java.util.Optional.of(" "));
    assertThat(problems(kase.apply(bad))).extracting(Problem::field)
        .containsExactlyInAnyOrder("allegation.time.text", "allegation.time.span.end", "allegation.place.text", "allegation.by");
    // read back from JSON as the ledger stores it, with the channel's code
    Case read = org.harmledger.ledger.Json.read(org.harmledger.ledger.Json.write(kase.apply(good)), Case.class);
    assertThat(read.allegation()).contains(good);
    assertThat(org.harmledger.ledger.Json.write(kase.apply(good))).contains("\"channel\":\"ngo\"");
  }

  /**
   * What a case page offers as its next states is exactly what the ledger would accept: for every
   * valid history of up to three steps, each state is offered if and only if adding it passes
   * the rules (state order only: each step here is otherwise complete and on the same date).
   */
  @Test
  void theStatesOfferedNextAreExactlyTheOnesTheRulesAccept() {
    java.time.LocalDate on = java.time.LocalDate.parse("2018-01-01");
    java.util.function.Function<CaseState, CaseStep> step = s -> switch (s) {
      case CREDIBLE -> new CaseStep(s, on, false, "", java.util.Optional.empty(), java.util.Optional.of(Range.exactly(3)), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
      case NON_CREDIBLE -> new CaseStep(s, on, false, "", java.util.Optional.of(NonCredibleReason.values()[0]), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
      default -> CaseStep.of(s, on, "");
    };
    java.util.function.Function<List<CaseStep>, Case> kase = h -> new Case("k", "B", java.util.Optional.empty(), java.util.Optional.empty(), List.of(), h, java.util.Optional.empty());
    List<List<CaseStep>> histories = new java.util.ArrayList<>();
    for (CaseState first : CaseState.values()) histories.add(List.of(step.apply(first)));
    int checked = 0;
    int offered = 0;
    for (int depth = 0; depth < 3; depth++) {
      List<List<CaseStep>> longer = new java.util.ArrayList<>();
      for (List<CaseStep> h : histories) {
        if (!problems(kase.apply(h)).isEmpty()) continue; // only valid histories go on
        List<CaseState> next = kase.apply(h).nextStates();
        for (CaseState s : CaseState.values()) {
          List<CaseStep> more = new java.util.ArrayList<>(h);
          more.add(step.apply(s));
          boolean accepted = problems(kase.apply(more)).isEmpty();
          assertThat(next.contains(s)).as("%s after %s", s, h.stream().map(CaseStep::state).toList()).isEqualTo(accepted);
          checked++;
          if (accepted) {
            offered++;
            longer.add(more);
          }
        }
      }
      histories = longer;
    }
    assertThat(checked).isGreaterThan(100);
    assertThat(offered).isLessThan(checked); // some are refused, so the comparison meant something
    // and the two a recorder meets most: a closed case can only be reopened; an open one cannot be opened again
    assertThat(kase.apply(List.of(step.apply(CaseState.OPEN), step.apply(CaseState.CLOSED))).nextStates()).containsExactly(CaseState.REOPENED);
    assertThat(kase.apply(List.of(step.apply(CaseState.OPEN))).nextStates())
        .containsExactly(CaseState.CREDIBLE, CaseState.NON_CREDIBLE, CaseState.DUPLICATE, CaseState.CLOSED);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"2017-06-06", "2016-02-29", "0001-01-01", "9999-12-31"})
  void fastDateParsingAgreesWithTheJdk(String text) {
    assertThat(DateSpan.parseIso(text)).isEqualTo(java.time.LocalDate.parse(text));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"2017-02-29", "2017-13-01", "2017-6-06", "20170606", "2017-06-0x", ""})
  void fastDateParsingRejectsWhatTheJdkRejects(String text) {
    assertThatThrownBy(() -> DateSpan.parseIso(text)).isInstanceOf(java.time.format.DateTimeParseException.class);
  }
}
