package org.harmledger.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/** Madigan–York model averaging, against dga 1.2's values (../shared/data/README.md). */
class GraphAveragingTest {
  @Test
  void threeListsWithTheNegativeBinomialPrior() throws Exception {
    ListTable t = Shared.table("madigan_york_3lists_spina_bifida.csv");
    double a = 13.14;
    double b = 55.17;
    GraphAveraging.Result r = GraphAveraging.average(t, 1.0, 1, 300,
        bigN -> bigN * Math.log(b) - (bigN + a) * Math.log(1 + b) + Gamma.logGamma(bigN + a) - Gamma.logGamma(bigN + 1) - Gamma.logGamma(a));
    System.out.println(r.graphs().get(0) + " averaged " + r.estimate() + " mode " + r.mode());
    assertThat(r.graphs().get(0).probability()).isCloseTo(0.37, within(0.005));
    assertThat(Math.round(r.graphs().get(0).estimate())).isEqualTo(731);
    assertThat(r.graphs().get(0).mode()).isEqualTo(729);
    assertThat(Math.round(r.estimate())).isEqualTo(731);
    assertThat(r.mode()).isEqualTo(728);
  }

  @Test
  void fiveLists() throws Exception {
    ListTable t = Shared.table("madigan_york_5lists.csv");
    // dga's default prior, 1/N over the total (the data README's "1/N_missing" gives median 613, not 616)
    GraphAveraging.Result r = GraphAveraging.average(t, 0.5, 1, 300, bigN -> -Math.log(bigN));
    System.out.println("5 lists: median " + r.median() + " mean " + r.mean() + " interval " + r.lower() + "–" + r.upper());
    assertThat(r.median()).isEqualTo(616);
    assertThat(r.mean()).isCloseTo(617.8, within(0.05));
    assertThat(r.lower()).isEqualTo(588);
    assertThat(r.upper()).isEqualTo(655);
  }

  @Test
  void decomposableGraphsAreCounted() {
    var names = java.util.List.of("a", "b", "c", "d", "e");
    assertThat(GraphAveraging.decomposable(3, names)).hasSize(8);
    assertThat(GraphAveraging.decomposable(4, names)).hasSize(61);
    assertThat(GraphAveraging.decomposable(5, names)).hasSize(822);
  }
}
