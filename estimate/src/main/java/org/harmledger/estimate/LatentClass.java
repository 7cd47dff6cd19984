package org.harmledger.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Bayesian non-parametric latent-class model of Manrique-Vallier (2016), as in the R package
 * LCMCR: people fall in latent classes (a truncated stick-breaking Dirichlet process, K classes,
 * concentration α ~ Gamma(a, b)); within a class the lists record independently with
 * probabilities λ ~ Beta(1, 1); the prior on N is 1/N. A Gibbs sampler draws classes, the number
 * missing, the λs, the stick weights and α.
 *
 * <p>People with the same capture history are exchangeable, so classes are drawn per history as
 * multinomial counts rather than person by person: each sweep costs (2^k cells × K), not (n × K),
 * which is what makes a 10,000-iteration chain take milliseconds. Chains run in parallel, each
 * with its own seeded stream, so results are reproducible for a seed. Thread-safe (no state).
 */
public final class LatentClass {
  private LatentClass() {}

  /** Sampler settings; the defaults are LCMCR's (K = 10, a = b = 0.25). */
  public record Settings(int classes, int burnIn, int iterations, int thin, int chains, long seed, double alphaA, double alphaB) {
    public static Settings defaults(long seed) {
      return new Settings(10, 1000, 10_000, 10, 4, seed, 0.25, 0.25);
    }
  }

  /** The posterior of N over all chains, with convergence diagnostics. */
  public record Result(double median, double mean, double lower, double upper, double rhat, double ess, int draws, int chains, double seconds, List<double[]> chainDraws) {}

  public static Result sample(ListTable t, Settings s) {
    long start = System.nanoTime();
    SplittableRandom root = new SplittableRandom(s.seed());
    List<SplittableRandom> streams = new ArrayList<>();
    for (int c = 0; c < s.chains(); c++) streams.add(root.split());
    List<double[]> chains = new ArrayList<>();
    if (s.chains() == 1) {
      chains.add(chain(t, s, streams.get(0)));
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(s.chains(), Runtime.getRuntime().availableProcessors()));
      try {
        List<Future<double[]>> futures = new ArrayList<>();
        for (SplittableRandom r : streams) futures.add(pool.submit(() -> chain(t, s, r)));
        for (Future<double[]> f : futures) chains.add(f.get());
      } catch (Exception e) {
        throw new IllegalStateException("a sampler chain failed: " + e.getMessage(), e);
      } finally {
        pool.shutdownNow();
      }
    }
    int total = 0;
    for (double[] c : chains) total += c.length;
    double[] all = new double[total];
    int i = 0;
    double sum = 0;
    for (double[] c : chains) {
      for (double v : c) {
        all[i++] = v;
        sum += v;
      }
    }
    Arrays.sort(all);
    return new Result(quantile(all, 0.5), sum / total, quantile(all, 0.025), quantile(all, 0.975), Diagnostics.splitRhat(chains), Diagnostics.ess(chains), total, chains.size(),
        (System.nanoTime() - start) / 1e9, chains);
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** One chain: the kept draws of N. */
  static double[] chain(ListTable t, Settings s, SplittableRandom rnd) {
    int k = t.lists();
    int cells = t.cells();
    int kk = s.classes();
    long[] count = new long[cells];
    long n = 0;
    for (int c = 1; c < cells; c++) {
      count[c] = t.count(c);
      n += count[c];
    }
    double[][] lambda = new double[kk][k];
    double[] pi = new double[kk];
    double[] v = new double[kk];
    for (int h = 0; h < kk; h++) {
      pi[h] = 1.0 / kk;
      for (int j = 0; j < k; j++) lambda[h][j] = 0.2 + 0.6 * rnd.nextDouble();
    }
    double alpha = 1;
    long n0 = n; // a start: as many missing as seen
    long[] classSize = new long[kk];
    long[][] onList = new long[kk][k];
    double[] prob = new double[kk];
    double[] cellProb = new double[kk];
    long[] draw = new long[kk];
    int kept = s.iterations() / s.thin();
    double[] out = new double[kept];
    int o = 0;
    for (int it = 0; it < s.burnIn() + s.iterations(); it++) {
      Arrays.fill(classSize, 0);
      for (long[] r : onList) Arrays.fill(r, 0);
      // 1. classes of the recorded, history by history
      for (int c = 1; c < cells; c++) {
        if (count[c] == 0) continue;
        for (int h = 0; h < kk; h++) {
          double p = pi[h];
          for (int j = 0; j < k; j++) p *= ((c >> j) & 1) == 1 ? lambda[h][j] : 1 - lambda[h][j];
          cellProb[h] = p;
        }
        Random.multinomial(rnd, count[c], cellProb, draw);
        for (int h = 0; h < kk; h++) {
          if (draw[h] == 0) continue;
          classSize[h] += draw[h];
          for (int j = 0; j < k; j++) if (((c >> j) & 1) == 1) onList[h][j] += draw[h];
        }
      }
      // 2. the number missing: N − n ~ NegBinomial(n, 1 − p0) under the 1/N prior
      double p0 = 0;
      for (int h = 0; h < kk; h++) {
        double p = pi[h];
        for (int j = 0; j < k; j++) p *= 1 - lambda[h][j];
        prob[h] = p;
        p0 += p;
      }
      p0 = Math.min(p0, 1 - 1e-12);
      n0 = Random.negativeBinomial(rnd, n, p0);
      // 3. their classes
      Random.multinomial(rnd, n0, prob, draw);
      for (int h = 0; h < kk; h++) classSize[h] += draw[h];
      // 4. capture probabilities: the missing are on no list
      for (int h = 0; h < kk; h++) {
        for (int j = 0; j < k; j++) {
          lambda[h][j] = Random.beta(rnd, 1 + onList[h][j], 1 + classSize[h] - onList[h][j]);
          if (lambda[h][j] <= 0) lambda[h][j] = 1e-300;
          else if (lambda[h][j] >= 1) lambda[h][j] = 1 - 1e-16;
        }
      }
      // 5. stick-breaking weights
      long after = 0;
      for (int h = 0; h < kk; h++) after += classSize[h];
      double rest = 1;
      double logSum = 0;
      for (int h = 0; h < kk - 1; h++) {
        after -= classSize[h];
        v[h] = Random.beta(rnd, 1 + classSize[h], alpha + after);
        if (v[h] >= 1) v[h] = 1 - 1e-16;
        pi[h] = v[h] * rest;
        rest *= 1 - v[h];
        logSum += Math.log1p(-v[h]);
      }
      pi[kk - 1] = rest;
      // 6. the concentration
      alpha = Random.gamma(rnd, s.alphaA() + kk - 1, 1 / (s.alphaB() - logSum));
      if (it >= s.burnIn() && (it - s.burnIn()) % s.thin() == 0 && o < kept) out[o++] = n + n0;
    }
    return out;
  }
}
