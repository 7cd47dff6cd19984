package org.harmledger.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Log-linear targets from Rcapture 1.4-4 (../shared/data/README.md), to within 0.1%. */
class LogLinearTest {
  static void near(double actual, double expected) {
    assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * 0.001));
  }

  @Test
  void hivRomeIndependence() throws Exception {
    ListTable t = Shared.table("rcapture_HIV_rome_4lists.csv");
    LogLinear.Fit f = LogLinear.fit(t, new LogLinear.Model(new int[0], false), true);
    System.out.println(f);
    near(f.estimate(), 11124.6);
    near(f.stderr(), 904.8);
    near(f.deviance(), 13.03);
    assertThat(f.df()).isEqualTo(10);
  }

  @Test
  void hivRomeWithC1C2AndItsProfileInterval() throws Exception {
    ListTable t = Shared.table("rcapture_HIV_rome_4lists.csv");
    LogLinear.Fit f = LogLinear.fit(t, new LogLinear.Model(t.parseTerms("c1:c2"), false), true);
    System.out.println(f);
    near(f.estimate(), 12318.5);
    near(f.stderr(), 1188.7);
    near(f.lower(), 10266);
    near(f.upper(), 14992);
    assertThat(f.model()).containsExactly("c1:c2");
  }

  @Test
  void alleghenyBestBicDarrochModel() throws Exception {
    ListTable t = Shared.table("rcapture_lesbian_allegheny_4lists.csv");
    LogLinear.Fit mt = LogLinear.fit(t, new LogLinear.Model(new int[0], false), false);
    near(mt.estimate(), 3738.5);
    near(mt.stderr(), 95.2);
    List<LogLinear.Fit> fits = LogLinear.search(t, true);
    System.out.println(fits.get(0));
    assertThat(fits.get(0).model()).containsExactly("A:B", "A:C", "A:D");
    near(fits.get(0).estimate(), 7030.7);
    near(fits.get(0).stderr(), 687.2);
  }

  @Test
  void theSearchSpaceIsRcapturesHierarchicalModels() {
    assertThat(LogLinear.hierarchical(3, false)).hasSize(8);
    assertThat(LogLinear.hierarchical(4, false)).hasSize(113);
    assertThat(LogLinear.hierarchical(5, false)).hasSize(6893);
  }
}
