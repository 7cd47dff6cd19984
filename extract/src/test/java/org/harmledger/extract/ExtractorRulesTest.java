package org.harmledger.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One sentence per rule: how quantities become ranges, and what is never a count. */
class ExtractorRulesTest {
  static Figure onlyKilled(String text, String lang) {
    Extraction e = Extractor.extract(text, lang);
    assertThat(e.claims()).as(text + " → " + e).hasSize(1);
    return e.claims().get(0).killed().orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "Seventy civilians were killed.|en|70|70",
    "Seventy-five civilians were killed.|en|75|75",
    "Two hundred and twenty civilians were killed.|en|220|220",
    "Hundreds of civilians were killed.|en|200|",
    "Thousands of civilians were killed.|en|2000|",
    "Tens of thousands of civilians were killed.|en|20000|",
    "Dozens of civilians were killed.|en|24|",
    "Scores of civilians were killed.|en|40|",
    "More than 40 civilians were killed.|en|41|",
    "At least 40 civilians were killed.|en|40|",
    "Up to 40 civilians were killed.|en|0|40",
    "Nearly 40 civilians were killed.|en|0|40",
    "Between 20 and 30 civilians were killed.|en|20|30",
    "20-30 civilians were killed.|en|20|30",
    "1,200 civilians were killed.|en|1200|1200",
    "2.5 million people died.|en|2500000|2500000",
    "Halvfjerds civile blev dræbt.|da|70|70",
    "Femoghalvfjerds civile blev dræbt.|da|75|75",
    "Hundredvis af civile blev dræbt.|da|200|",
    "Tusindvis af civile blev dræbt.|da|2000|",
    "Mere end 1.200 civile blev dræbt.|da|1201|",
    "Op til 40 civile blev dræbt.|da|0|40",
    "قتل سبعين مدنيا.|ar|70|70",
    "قتل خمسة وسبعين مدنيا.|ar|75|75",
    "قتل ٧٠ مدنيا.|ar|70|70",
    "قتل مئات المدنيين.|ar|200|",
    "قتل آلاف المدنيين.|ar|2000|",
    "قتل أكثر من 40 مدنيا.|ar|41|",
    "قتل 40 مدنيا على الأقل.|ar|40|",
  })
  void quantitiesBecomeRanges(String text, String lang, long min, Long max) {
    Figure f = onlyKilled(text, lang);
    assertThat(f.min()).isEqualTo(min);
    assertThat(f.max()).isEqualTo(max == null ? OptionalLong.empty() : OptionalLong.of(max));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "On 5 June 2017 the strikes began.|en",
    "The offensive lasted four months and killed no one we could name.|en",
    "A 12-year-old boy was hurt in 2017.|en",
    "The strikes cost 40 million dollars.|en",
    "Turnout was 70 percent.|en",
    "The shooting began at 10:30.|en",
    "Amnesty udgav en rapport 5. juni.|da",
    "Offensiven varede fire måneder.|da",
    "Tusindvis af skudaffyringer fandt sted.|da",
    "استمرت الحملة أربعة أشهر.|ar",
    "بلغت الكلفة 50 مليون دولار.|ar",
  })
  void datesDurationsAgesMoneyAndOtherThingsAreNotCasualtyCounts(String text, String lang) {
    Extraction e = Extractor.extract(text, lang);
    assertThat(e.claims()).as(text).isEmpty();
  }

  @Test
  void attributionFormsResolveToTheOrganisation() {
    record Case(String text, String lang, String who) {}
    for (Case c : List.of(
        new Case("According to Airwars, 40 civilians were killed.", "en", "Airwars"),
        new Case("40 civilians were killed, Airwars said.", "en", "Airwars"),
        new Case("Airwars said 40 civilians were killed.", "en", "Airwars"),
        new Case("Ifølge Amnesty blev 40 civile dræbt.", "da", "Amnesty International"),
        new Case("40 civile blev dræbt, siger Amnesty.", "da", "Amnesty International"),
        new Case("وفقا لمنظمة العفو الدولية قتل 40 مدنيا.", "ar", "Amnesty International"),
        new Case("قالت منظمة العفو الدولية إن 40 مدنيا قتلوا.", "ar", "Amnesty International"))) {
      Extraction e = Extractor.extract(c.text(), c.lang());
      assertThat(e.claims()).as(c.text()).singleElement().satisfies(p -> assertThat(p.attributedTo()).as(c.text()).hasValue(c.who()));
    }
  }

  @Test
  void aBreakdownWithNumbersIsPartOfItsFigure() {
    Extraction e = Extractor.extract("At least 12 people, including 5 children, were killed, the UN said.", "en");
    assertThat(e.claims()).singleElement().satisfies(c -> {
      assertThat(c.killed().get().min()).isEqualTo(12);
      assertThat(c.killedBy()).containsOnlyKeys("children");
      assertThat(c.killedBy().get("children").min()).isEqualTo(5);
    });
  }

  @Test
  void anUnknownLanguageIsRefusedByName() {
    assertThatThrownBy(() -> Extractor.extract("x", "fr")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fr'").hasMessageContaining("da, en, ar");
  }

  @Test
  void emptyTextYieldsNothing() {
    Extraction e = Extractor.extract("", "en");
    assertThat(e.claims()).isEmpty();
    assertThat(e.caseActions()).isEmpty();
  }
}
