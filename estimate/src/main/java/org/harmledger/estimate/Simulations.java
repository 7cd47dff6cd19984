package org.harmledger.estimate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The five simulation settings of Manrique-Vallier (2016) with known truth N = 2,000: people in
 * latent classes, each list recording a person independently with the class's probability.
 * Generated here with a seed, so a coverage study is reproducible.
 */
public final class Simulations {
  private Simulations() {}

  public static final int TRUE_N = 2000;

  /** Per setting: class sizes and their five capture probabilities. */
  static final int[][] SIZES = {{1800, 200}, {1600, 400}, {1600, 400}, {1600, 200, 200}, {1600, 400}};
  static final double[][][] PROBS = {
    {{0.033, 0.033, 0.099, 0.132, 0.033}, {0.660, 0.825, 0.759, 0.990, 0.693}},
    {{0.013, 0.013, 0.099, 0.132, 0.033}, {0.560, 0.825, 0.759, 0.990, 0.593}},
    {{0.113, 0.113, 0.199, 0.232, 0.133}, {0.860, 0.925, 0.859, 0.990, 0.793}},
    {{0.1, 0.05, 0.15, 0.2, 0.1}, {0.5, 0.4, 0.6, 0.4, 0.5}, {0.8, 0.9, 0.6, 0.7, 0.7}},
    {{0.113, 0.113, 0.199, 0.832, 0.733}, {0.860, 0.925, 0.859, 0.190, 0.193}},
  };

  /** One simulated table of setting 1..5. */
  public static ListTable table(int setting, long seed) {
    if (setting < 1 || setting > 5) throw new IllegalArgumentException("settings are 1 to 5, not " + setting);
    SplittableRandom r = new SplittableRandom(seed);
    long[] counts = new long[32];
    int[] sizes = SIZES[setting - 1];
    double[][] probs = PROBS[setting - 1];
    for (int cls = 0; cls < sizes.length; cls++) {
      for (int person = 0; person < sizes[cls]; person++) {
        int h = 0;
        for (int j = 0; j < 5; j++) if (r.nextDouble() < probs[cls][j]) h |= 1 << j;
        counts[h]++;
      }
    }
    counts[0] = 0;
    return new ListTable(List.of("L1", "L2", "L3", "L4", "L5"), counts);
  }
}
