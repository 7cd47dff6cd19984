package org.harmledger.estimate;

import java.util.SplittableRandom;

/**
 * Exact samplers the Gibbs sampler needs, on a seeded {@link SplittableRandom}: gamma (Marsaglia &
 * Tsang 2000), beta (two gammas), binomial (Devroye's order-statistic recursion: a beta draw
 * halves n until it is small, then Bernoulli trials), Poisson (Ahrens & Dieter's gamma recursion
 * down to a product of uniforms), negative binomial (Poisson–gamma mixture) and multinomial
 * (sequential binomials). Written here because the counts are large (thousands of people per
 * draw) and each must cost O(log n), which the general-purpose samplers in Hipparchus, by
 * inversion, do not.
 */
final class Random {
  private Random() {}

  static double gamma(SplittableRandom r, double shape, double scale) {
    if (shape < 1) {
      double u = r.nextDouble();
      return gamma(r, shape + 1, scale) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = r.nextGaussian();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = r.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  static double beta(SplittableRandom r, double a, double b) {
    double x = gamma(r, a, 1);
    double y = gamma(r, b, 1);
    return x / (x + y);
  }

  static long binomial(SplittableRandom r, long n, double p) {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    long result = 0;
    while (n > 40) {
      long i = (n + 1) / 2;
      double x = beta(r, i, n + 1 - i); // the i-th smallest of n uniforms
      if (x <= p) {
        result += i;
        n -= i;
        p = (p - x) / (1 - x);
      } else {
        n = i - 1;
        p = p / x;
      }
      if (p <= 0) return result;
      if (p >= 1) return result + n;
    }
    for (long k = 0; k < n; k++) if (r.nextDouble() < p) result++;
    return result;
  }

  static long poisson(SplittableRandom r, double mean) {
    long result = 0;
    while (mean > 30) {
      long m = (long) (mean * 0.875);
      double x = gamma(r, m, 1); // the m-th arrival time of a unit-rate process
      if (x < mean) {
        result += m;
        mean -= x;
      } else {
        return result + binomial(r, m - 1, mean / x);
      }
    }
    double limit = Math.exp(-mean);
    double prod = r.nextDouble();
    while (prod > limit) {
      result++;
      prod *= r.nextDouble();
    }
    return result;
  }

  /** Failures before the {@code size}-th success when each trial fails with probability {@code fail}. */
  static long negativeBinomial(SplittableRandom r, long size, double fail) {
    if (fail <= 0) return 0;
    double lambda = gamma(r, size, fail / (1 - fail));
    return poisson(r, lambda);
  }

  /** Splits {@code n} among categories with weights {@code w} (not necessarily summing to 1). */
  static void multinomial(SplittableRandom r, long n, double[] w, long[] out) {
    double rest = 0;
    for (double x : w) rest += x;
    if (n <= 64) {
      // few people: one categorical draw each is cheaper than a chain of binomials
      java.util.Arrays.fill(out, 0);
      for (long i = 0; i < n; i++) {
        double u = r.nextDouble() * rest;
        int h = 0;
        double c = w[0];
        while (u >= c && h < w.length - 1) c += w[++h];
        out[h]++;
      }
      return;
    }
    long left = n;
    for (int h = 0; h < w.length; h++) {
      if (left == 0 || rest <= 0) {
        out[h] = 0;
        continue;
      }
      if (h == w.length - 1) {
        out[h] = left;
        break;
      }
      double q = w[h] / rest;
      long d = binomial(r, left, q);
      out[h] = d;
      left -= d;
      rest -= w[h];
    }
  }
}
