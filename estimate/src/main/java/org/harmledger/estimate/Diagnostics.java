package org.harmledger.estimate;

import java.util.List;

/**
 * Convergence diagnostics over several chains: split R-hat and the effective sample size with
 * Geyer's initial-positive-sequence truncation of the autocorrelations (Gelman et al., Bayesian
 * Data Analysis, 3rd ed., ch. 11).
 */
final class Diagnostics {
  private Diagnostics() {}

  static double splitRhat(List<double[]> chains) {
    int half = chains.get(0).length / 2;
    if (half < 2) return Double.NaN;
    int m = chains.size() * 2;
    double[] means = new double[m];
    double[] vars = new double[m];
    int i = 0;
    for (double[] c : chains) {
      for (int part = 0; part < 2; part++) {
        int from = part * half;
        double mean = 0;
        for (int t = 0; t < half; t++) mean += c[from + t];
        mean /= half;
        double v = 0;
        for (int t = 0; t < half; t++) v += (c[from + t] - mean) * (c[from + t] - mean);
        means[i] = mean;
        vars[i] = v / (half - 1);
        i++;
      }
    }
    double w = 0;
    double grand = 0;
    for (int j = 0; j < m; j++) {
      w += vars[j];
      grand += means[j];
    }
    w /= m;
    grand /= m;
    double b = 0;
    for (int j = 0; j < m; j++) b += (means[j] - grand) * (means[j] - grand);
    b = b * half / (m - 1);
    if (w == 0) return 1;
    double varPlus = (half - 1.0) / half * w + b / half;
    return Math.sqrt(varPlus / w);
  }

  static double ess(List<double[]> chains) {
    int m = chains.size();
    int n = chains.get(0).length;
    if (n < 4) return Double.NaN;
    double[] means = new double[m];
    double[] vars = new double[m];
    for (int j = 0; j < m; j++) {
      double[] c = chains.get(j);
      double mean = 0;
      for (double x : c) mean += x;
      mean /= n;
      double v = 0;
      for (double x : c) v += (x - mean) * (x - mean);
      means[j] = mean;
      vars[j] = v / (n - 1);
    }
    double w = 0;
    double grand = 0;
    for (int j = 0; j < m; j++) {
      w += vars[j];
      grand += means[j];
    }
    w /= m;
    grand /= m;
    double b = 0;
    for (int j = 0; j < m; j++) b += (means[j] - grand) * (means[j] - grand);
    b = m > 1 ? b * n / (m - 1) : 0;
    double varPlus = (n - 1.0) / n * w + b / n;
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
