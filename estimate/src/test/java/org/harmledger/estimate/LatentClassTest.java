package org.harmledger.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The latent-class sampler: its random draws, reproducibility, and coverage on simulations with known N. */
class LatentClassTest {
  @Test
  void theSamplersHaveTheRightMeans() {
    SplittableRandom r = new SplittableRandom(7);
    double b = 0, p = 0, g = 0, nb = 0;
    int reps = 4000;
    for (int i = 0; i < reps; i++) {
      b += Random.binomial(r, 5000, 0.3);
      p += Random.poisson(r, 750.5);
      g += Random.gamma(r, 0.4, 2.0);
      nb += Random.negativeBinomial(r, 600, 0.25);
    }
    assertThat(b / reps).isCloseTo(1500, within(3.0));
    assertThat(p / reps).isCloseTo(750.5, within(2.0));
    assertThat(g / reps).isCloseTo(0.8, within(0.05));
    assertThat(nb / reps).isCloseTo(600 * 0.25 / 0.75, within(2.0));
  }

  @Test
  void aSeedGivesTheSameAnswer() {
    ListTable t = Simulations.table(1, 11);
    LatentClass.Settings s = new LatentClass.Settings(10, 500, 2000, 5, 2, 42, 0.25, 0.25);
    LatentClass.Result a = LatentClass.sample(t, s);
    LatentClass.Result b = LatentClass.sample(t, s);
    assertThat(a.median()).isEqualTo(b.median());
    assertThat(a.lower()).isEqualTo(b.lower());
  }

  @Test
  void sim1IntervalsCoverTheTrueTotalAndIndependenceDoesNot() {
    int covered = 0;
    int reps = 10;
    int independenceCovered = 0;
    for (int rep = 0; rep < reps; rep++) {
      ListTable t = Simulations.table(1, 1000 + rep);
      LatentClass.Result r = LatentClass.sample(t, new LatentClass.Settings(10, 1000, 10_000, 10, 2, 500 + rep, 0.25, 0.25));
      if (r.lower() <= Simulations.TRUE_N && Simulations.TRUE_N <= r.upper()) covered++;
      LogLinear.Fit mt = LogLinear.fit(t, new LogLinear.Model(new int[0], false), true);
      if (mt.lower() <= Simulations.TRUE_N && Simulations.TRUE_N <= mt.upper()) independenceCovered++;
      assertThat(r.rhat()).as("R-hat, replicate " + rep).isLessThan(1.1);
    }
    System.out.println("sim1: latent classes cover 2,000 in " + covered + "/" + reps + "; independence in " + independenceCovered + "/" + reps);
    assertThat(covered).as("coverage of 2,000 in " + reps + " replicates (nominal 95%)").isGreaterThanOrEqualTo(8);
    assertThat(independenceCovered).isLessThanOrEqualTo(2);
  }
}
