package org.harmledger.estimate;

import java.util.List;

/**
 * Convergence diagnostics over several chains: split R-hat and the effective sample size with
 * Geyer's initial-positive-sequence truncation of the autocorrelations (Gelman et al., Bayesian
 * Data Analysis, 3rd ed., ch. 11).
 */
final class Diagnostics {
  private Diagnostics() {}

  /** Per-segment means, the mean within-segment variance W, and the pooled variance estimate var⁺. */
  private record Pooled(double[] means, double within, double varPlus) {}

  /** Pools each chain cut into {@code pieces} equal segments (2 for split R-hat, 1 for ESS). */
  private static Pooled pool(List<double[]> chains, int pieces) {
    int len = chains.get(0).length / pieces;
    int m = chains.size() * pieces;
    double[] means = new double[m];
    double w = 0;
    int i = 0;
    for (double[] c : chains) {
      for (int part = 0; part < pieces; part++) {
        int from = part * len;
        double mean = 0;
        for (int t = 0; t < len; t++) mean += c[from + t];
        mean /= len;
        double v = 0;
        for (int t = 0; t < len; t++) v += (c[from + t] - mean) * (c[from + t] - mean);
        means[i++] = mean;
        w += v / (len - 1);
      }
    }
    w /= m;
    double grand = 0;
    for (double x : means) grand += x;
    grand /= m;
    double b = 0;
    for (double x : means) b += (x - grand) * (x - grand);
    b = m > 1 ? b * len / (m - 1) : 0;
    return new Pooled(means, w, (len - 1.0) / len * w + b / len);
  }

  static double splitRhat(List<double[]> chains) {
    if (chains.get(0).length / 2 < 2) return Double.NaN;
    Pooled p = pool(chains, 2);
    if (p.within() == 0) return 1;
    return Math.sqrt(p.varPlus() / p.within());
  }

  static double ess(List<double[]> chains) {
    int m = chains.size();
    int n = chains.get(0).length;
    if (n < 4) return Double.NaN;
    Pooled p = pool(chains, 1);
    double[] means = p.means();
    double w = p.within();
    double varPlus = p.varPlus();
    if (varPlus == 0) return m * n;
    double sum = 0;
    double previousPair = Double.MAX_VALUE;
    for (int lag = 1; lag + 1 < n; lag += 2) {
      double pair = rho(chains, means, lag, w, varPlus) + rho(chains, means, lag + 1, w, varPlus);
      if (pair < 0) break;
      pair = Math.min(pair, previousPair); // initial monotone sequence
      sum += pair;
      previousPair = pair;
    }
    double tau = 1 + 2 * sum;
    return m * n / tau;
  }

  private static double rho(List<double[]> chains, double[] means, int lag, double w, double varPlus) {
    int m = chains.size();
    double acov = 0;
    for (int j = 0; j < m; j++) {
      double[] c = chains.get(j);
      int n = c.length;
      double s = 0;
      for (int t = 0; t + lag < n; t++) s += (c[t] - means[j]) * (c[t + lag] - means[j]);
      acov += s / n;
    }
    acov /= m;
    return 1 - (w - acov) / varPlus;
  }
}
