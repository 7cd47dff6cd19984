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

  @Test
  void aModelOnTheBoundaryIsFlaggedAndRankedLast() throws Exception {
    ListTable t = Shared.table("rcapture_HIV_rome_4lists.csv");
    // no one is on c1, c3 and c4 together, so the c1:c3:c4 interaction runs to −∞
    LogLinear.Fit f = LogLinear.fit(t, new LogLinear.Model(t.parseTerms("c1:c3,c1:c4,c3:c4,c1:c3:c4"), false), false);
    assertThat(f.warnings()).anyMatch(w -> w.startsWith("on the boundary"));
    List<LogLinear.Fit> all = LogLinear.search(t, false);
    assertThat(all.get(0).warnings()).noneMatch(w -> w.startsWith("on the boundary"));
    assertThat(all.get(all.size() - 1).warnings()).anyMatch(w -> w.startsWith("on the boundary") || w.startsWith("not identifiable"));
  }

  @Test
  void stratifiedTablesAreEstimatedApartAndSummed() {
    ListTable a = new ListTable(List.of("x", "y"), new long[] {0, 60, 50, 20});
    ListTable b = new ListTable(List.of("x", "y"), new long[] {0, 30, 40, 10});
    var req = new Estimation.Request("loglinear", "independence", false, 1, LatentClass.Settings.defaults(1), 0.5, 300, "1/N");
    Estimation.Report r = Estimation.strata(new java.util.TreeMap<>(java.util.Map.of("women", a, "men", b)), req);
    // two lists, independence: N̂ = n1·n2/m per stratum (Lincoln–Petersen)
    near(r.estimate(), 80.0 * 70 / 20 + 40.0 * 50 / 10);
    assertThat(r.strata()).hasSize(2);
    assertThat(r.lower()).isLessThan(r.estimate());
  }
}
