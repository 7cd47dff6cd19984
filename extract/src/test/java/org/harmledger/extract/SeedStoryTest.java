package org.harmledger.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 3's contract on the founding story (skipped where ../shared is absent). */
class SeedStoryTest {
  static String text;
  static Extraction e;

  @BeforeAll
  static void extract() throws Exception {
    Path seed = Path.of(System.getProperty("harmledger.shared", "../shared")).resolve("seed/ritzau-raqqa-2017.da.txt");
    Assumptions.assumeTrue(Files.isRegularFile(seed), "skipped: the seed story (" + seed + ") is not here; a clone outside the workplace has none");
    text = Files.readString(seed);
    e = Extractor.extract(text, "da");
  }

  ClaimProposal killed(long min) {
    return e.claims().stream().filter(c -> c.killed().map(f -> f.min() == min).orElse(false)).findFirst().orElseThrow(() -> new AssertionError("no claim of " + min + " killed in " + e.claims()));
  }

  @Test
  void theCoalitionsTwentyThreeCiviliansInRaqqaJuneToOctober2017() {
    ClaimProposal c = killed(23);
    assertThat(c.killed().get().max()).hasValue(23);
    assertThat(c.counted()).isEqualTo("civilians");
    assertThat(c.attributedTo()).hasValue("US-led coalition (CJTF-OIR)");
    assertThat(c.place()).hasValue("Raqqa");
    assertThat(c.period()).hasValue("2017-06-01/2017-10-31");
    assertThat(c.periodText()).hasValue("fra juni til oktober 2017");
  }

  @Test
  void amnestysHundredsKilledAndThousandsWoundedByTheCoalition() {
    ClaimProposal c = killed(200);
    assertThat(c.killed().get().max()).isEmpty();
    assertThat(c.injured()).get().satisfies(f -> {
      assertThat(f.min()).isEqualTo(2000);
      assertThat(f.max()).isEmpty();
    });
    assertThat(c.counted()).isEqualTo("civilians");
    assertThat(c.attributedTo()).hasValue("Amnesty International");
    assertThat(c.perpetrator()).hasValue("US-led coalition (CJTF-OIR)");
    assertThat(c.perpetratorImplied()).isFalse();
  }

  @Test
  void amnestysSeventyInFourIncidentsByAirStrikesMostlyWomenAndChildren() {
    ClaimProposal c = killed(70);
    assertThat(c.killed().get().max()).hasValue(70);
    assertThat(c.incidents()).hasValue(4);
    assertThat(c.means()).hasValue("air strike");
    assertThat(c.attributedTo()).hasValue("Amnesty International");
    assertThat(c.perpetrator()).hasValue("US-led coalition (CJTF-OIR)");
    assertThat(c.perpetratorImplied()).isTrue();
    assertThat(c.breakdown()).singleElement().satisfies(s -> {
      assertThat(s.share()).isEqualTo("most");
      assertThat(s.counted()).containsExactly("women", "children");
    });
  }

  @Test
  void theCoalitionReopensFourClosedCasesAndOpensOneNew() {
    assertThat(e.caseActions()).extracting(CaseAction::action, CaseAction::count, a -> a.attributedTo().orElse(""))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("reopened", 4L, "US-led coalition (CJTF-OIR)"),
            org.assertj.core.groups.Tuple.tuple("opened", 1L, "US-led coalition (CJTF-OIR)"));
    assertThat(e.caseActions().get(0).stateBefore()).hasValue("closed");
  }

  @Test
  void onlyThoseThreeClaimsAndNoFigureFromADateOrADuration() {
    assertThat(e.claims()).hasSize(3);
    assertThat(e.setAside()).extracting(SetAside::reason, SetAside::text)
        .contains(
            org.assertj.core.groups.Tuple.tuple("date", "5. juni"),
            org.assertj.core.groups.Tuple.tuple("duration", "fire måneder"),
            org.assertj.core.groups.Tuple.tuple("incidents", "fire hændelser"),
            org.assertj.core.groups.Tuple.tuple("other", "tusindvis"));
  }

  @Test
  void everySpanPointsAtTheWordsItQuotes() {
    for (ClaimProposal c : e.claims()) {
      assertThat(text.substring(c.span()[0], c.span()[1])).isEqualTo(c.text());
      for (Evidence ev : c.evidence()) assertThat(text.substring(ev.span()[0], ev.span()[1])).isEqualTo(ev.text());
      for (Optional<Figure> f : List.of(c.killed(), c.injured())) f.ifPresent(x -> assertThat(text.substring(x.span()[0], x.span()[1])).isEqualTo(x.text()));
      assertThat(c.confidence()).isBetween(0.0, 1.0);
    }
    for (CaseAction a : e.caseActions()) assertThat(text.substring(a.span()[0], a.span()[1])).isEqualTo(a.text());
  }
}
