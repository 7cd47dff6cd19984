package org.harmledger.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * Log-linear models of a list-overlap table (Fienberg 1972; Rcapture's closedp): a Poisson
 * regression of the observed cell counts on list main effects, chosen interactions, and
 * optionally Darroch's heterogeneity term h = (number of lists)²/2 (Darroch et al. 1993). The
 * intercept is the log of the expected count on no list, so N̂ = n + exp(β₀). The interval is the
 * profile likelihood of N over the complete table (Cormack 1992), as in Rcapture's closedpCI.t.
 *
 * <p>The fit is Newton–Raphson (IRLS) on at most 2^15 cells with a hand-written Cholesky solve:
 * a model search fits thousands of small models, and plain arrays are several times faster there
 * than a general matrix library's objects. Thread-safe (no state).
 */
public final class LogLinear {
  private LogLinear() {}

  /** A model: its interaction terms (list bit masks) and whether Darroch's term is in it. */
  public record Model(int[] terms, boolean darroch) {
    public Model {
      terms = terms.clone();
      Arrays.sort(terms);
    }

    List<String> names(ListTable t) {
      List<String> out = new ArrayList<>();
      for (int term : terms) out.add(t.termName(term));
      return out;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Model m && m.darroch == darroch && Arrays.equals(m.terms, terms);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(terms) * 31 + (darroch ? 1 : 0);
    }
  }

  /** One fitted model. {@code lower}/{@code upper}: 95% profile-likelihood interval for N (NaN when not computed). */
  public record Fit(
      List<String> model,
      boolean darroch,
      double estimate,
      double stderr,
      double lower,
      double upper,
      double deviance,
      int df,
      double aic,
      double bic,
      int parameters,
      List<String> warnings) {}

  /** The design for a model over the observed cells (histories 1..2^k-1). */
  static double[][] design(ListTable t, Model m) {
    int k = t.lists();
    int cells = t.cells() - 1;
    int p = 1 + k + m.terms().length + (m.darroch() ? 1 : 0);
    double[][] x = new double[cells][p];
    for (int c = 1; c <= cells; c++) {
      double[] row = x[c - 1];
      row[0] = 1;
      for (int j = 0; j < k; j++) row[1 + j] = (c >> j) & 1;
      for (int i = 0; i < m.terms().length; i++) row[1 + k + i] = (c & m.terms()[i]) == m.terms()[i] ? 1 : 0;
      if (m.darroch()) {
        int s = Integer.bitCount(c);
        row[p - 1] = s * s / 2.0;
      }
    }
    return x;
  }

  /** The result of IRLS: coefficients, fitted means, the inverse information's [0][0], and whether it worked. */
  record Irls(double[] beta, double[] mu, double varIntercept, boolean converged, boolean singular) {}

  static Irls irls(double[][] x, double[] y) {
    int n = y.length;
    int p = x[0].length;
    double[] beta = new double[p];
    double total = 0;
    for (double v : y) total += v;
    beta[0] = Math.log(Math.max(total / n, 0.5));
    double[] eta = new double[n];
    double[] mu = new double[n];
    double[][] a = new double[p][p];
    double[] b = new double[p];
    double previous = Double.MAX_VALUE;
    boolean converged = false;
    for (int it = 0; it < 100; it++) {
      for (int i = 0; i < n; i++) {
        double e = 0;
        for (int j = 0; j < p; j++) e += x[i][j] * beta[j];
        eta[i] = e;
        mu[i] = Math.exp(Math.min(e, 700));
      }
      double dev = deviance(y, mu);
      if (Math.abs(previous - dev) < 1e-10 * (Math.abs(dev) + 1e-3)) {
        converged = true;
        break;
      }
      previous = dev;
      // Newton step: (Xᵀ W X) δ = Xᵀ (y − μ), W = diag(μ)
      for (double[] r : a) Arrays.fill(r, 0);
      Arrays.fill(b, 0);
      for (int i = 0; i < n; i++) {
        double w = mu[i];
        double r = y[i] - mu[i];
        double[] xi = x[i];
        for (int j = 0; j < p; j++) {
          double wx = w * xi[j];
          if (wx != 0) for (int l = 0; l <= j; l++) a[j][l] += wx * xi[l];
          b[j] += xi[j] * r;
        }
      }
      double[] step = solve(a, b, p);
      if (step == null) return new Irls(beta, mu, Double.NaN, false, true);
      double maxStep = 0;
      for (double s : step) maxStep = Math.max(maxStep, Math.abs(s));
      double scale = maxStep > 5 ? 5 / maxStep : 1; // damp wild first steps
      for (int j = 0; j < p; j++) beta[j] += scale * step[j];
    }
    // the inverse information's intercept entry, from the last W
    for (double[] r : a) Arrays.fill(r, 0);
    for (int i = 0; i < n; i++) {
      double w = mu[i];
      for (int j = 0; j < p; j++) {
        double wx = w * x[i][j];
        if (wx != 0) for (int l = 0; l <= j; l++) a[j][l] += wx * x[i][l];
      }
    }
    double[] e0 = new double[p];
    e0[0] = 1;
    double[] col = solve(a, e0, p);
    if (col == null) return new Irls(beta, mu, Double.NaN, converged, true);
    return new Irls(beta, mu, col[0], converged, false);
  }

  /** Solves A x = b for symmetric positive definite A given by its lower triangle; null when singular. */
  static double[] solve(double[][] a, double[] b, int p) {
    double[][] l = new double[p][p];
    double scale = 0;
    for (int i = 0; i < p; i++) scale = Math.max(scale, a[i][i]);
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
        if (i == j) {
          if (s <= 1e-11 * Math.max(scale, 1)) return null;
          l[i][i] = Math.sqrt(s);
        } else l[i][j] = s / l[j][j];
      }
    }
    double[] z = new double[p];
    for (int i = 0; i < p; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
      z[i] = s / l[i][i];
    }
    double[] x = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < p; k++) s -= l[k][i] * x[k];
      x[i] = s / l[i][i];
    }
    return x;
  }

  static double deviance(double[] y, double[] mu) {
    double d = 0;
    for (int i = 0; i < y.length; i++) d += (y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) : 0) - (y[i] - mu[i]);
    return 2 * d;
  }

  static double[] observed(ListTable t) {
    double[] y = new double[t.cells() - 1];
    for (int c = 1; c < t.cells(); c++) y[c - 1] = t.count(c);
    return y;
  }

  /** Fits one model; {@code interval} false skips the profile likelihood (the search computes it only for the best). */
  public static Fit fit(ListTable t, Model m, boolean interval) {
    double[] y = observed(t);
    double[][] x = design(t, m);
    int p = x[0].length;
    List<String> warnings = new ArrayList<>();
    double n = t.observed();
    if (p > y.length) {
      warnings.add("not identifiable: " + p + " parameters for " + y.length + " observed cells");
      return new Fit(m.names(t), m.darroch(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, y.length - p, Double.NaN, Double.NaN, p, warnings);
    }
    // A term whose cells hold no one drives its parameter towards −∞ and those fitted cells to 0:
    // the maximum is on the boundary, where the estimate and its interval do not hold.
    boolean boundary = false;
    for (int j = 1; j < p && !boundary; j++) {
      double margin = 0;
      for (int i = 0; i < y.length; i++) margin += x[i][j] * y[i];
      boundary = margin == 0;
    }
    Irls r = irls(x, y);
    if (r.singular()) {
      warnings.add(boundary ? "on the boundary: a fitted cell goes to 0 (its interaction's cells are all empty); no estimate" : "not identifiable: the design is singular for this table");
      return new Fit(m.names(t), m.darroch(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, y.length - p, Double.NaN, Double.NaN, p, warnings);
    }
    if (!r.converged()) warnings.add("the fit did not converge in 100 iterations");
    double mu0 = Math.exp(r.beta()[0]);
    for (int j = 0; j < p && !boundary; j++) boundary = Math.abs(r.beta()[j]) > 15;
    if (boundary) warnings.add("on the boundary: a fitted cell goes to 0 (its interaction's cells are all empty); the estimate is unreliable");
    double estimate = n + mu0;
    // Variance of N̂: the intercept's (delta method) plus the Poisson variance of the missing cell.
    double se = Math.sqrt(mu0 * mu0 * r.varIntercept() + mu0);
    double dev = deviance(y, r.mu());
    double loglik = 0;
    for (int i = 0; i < y.length; i++) loglik += y[i] * Math.log(r.mu()[i]) - r.mu()[i] - Gamma.logGamma(y[i] + 1);
    double aic = -2 * loglik + 2 * p;
    double bic = -2 * loglik + p * Math.log(n);
    double lower = Double.NaN;
    double upper = Double.NaN;
    if (interval && warnings.stream().noneMatch(w -> w.startsWith("on the boundary"))) {
      double[] ci = profileInterval(t, m, estimate);
      lower = ci[0];
      upper = ci[1];
    }
    return new Fit(m.names(t), m.darroch(), estimate, se, lower, upper, dev, y.length - p, aic, bic, p, warnings);
  }

  /**
   * Multinomial profile log-likelihood of N: the model fitted to the complete table with N − n on
   * no list (up to a constant). Continuous in N through log-gamma.
   */
  static double profile(ListTable t, Model m, double bigN, double[][] full, double[] yFull) {
    double n = t.observed();
    yFull[0] = bigN - n;
    Irls r = irls(full, yFull);
    double ll = Gamma.logGamma(bigN + 1) - Gamma.logGamma(bigN - n + 1);
    for (int i = 0; i < yFull.length; i++) if (yFull[i] > 0) ll += yFull[i] * Math.log(r.mu()[i] / bigN);
    return ll;
  }

  /** The 95% profile-likelihood interval: N where twice the drop from the maximum is at most χ²₁(0.95). */
  static double[] profileInterval(ListTable t, Model m, double estimate) {
    int cells = t.cells();
    Model mm = m;
    double[][] obs = design(t, mm);
    double[][] full = new double[cells][];
    full[0] = new double[obs[0].length];
    full[0][0] = 1;
    System.arraycopy(obs, 0, full, 1, cells - 1);
    double[] yFull = new double[cells];
    for (int c = 1; c < cells; c++) yFull[c] = t.count(c);
    double n = t.observed();
    // the maximum: near N̂; refine by golden-section search
    double lo = n + 1e-6;
    double hi = Math.max(estimate * 4, n + 10);
    double best = goldenMax(x -> profile(t, mm, x, full, yFull), Math.max(lo, estimate * 0.5), Math.min(hi, estimate * 1.5 + 10));
    double lmax = profile(t, mm, best, full, yFull);
    double crit = 3.841458820694124 / 2; // χ²₁(0.95) / 2
    double lower = bisect(x -> lmax - profile(t, mm, x, full, yFull) - crit, lo, best);
    double top = best * 2;
    while (lmax - profile(t, mm, top, full, yFull) < crit && top < 1e9) top *= 2;
    double upper = bisect(x -> lmax - profile(t, mm, x, full, yFull) - crit, best, top);
    return new double[] {lower, upper};
  }

  private static double goldenMax(java.util.function.DoubleUnaryOperator f, double a, double b) {
    double g = (Math.sqrt(5) - 1) / 2;
    double c = b - g * (b - a);
    double d = a + g * (b - a);
    double fc = f.applyAsDouble(c);
    double fd = f.applyAsDouble(d);
    for (int i = 0; i < 200 && b - a > 1e-7 * Math.max(1, a); i++) {
      if (fc > fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - g * (b - a);
        fc = f.applyAsDouble(c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + g * (b - a);
        fd = f.applyAsDouble(d);
      }
    }
    return (a + b) / 2;
  }

  /** A root of f in [a, b] where f(a) ≤ 0 ≤ f(b) or the reverse; the end nearest the root when there is none. */
  private static double bisect(java.util.function.DoubleUnaryOperator f, double a, double b) {
    double fa = f.applyAsDouble(a);
    double fb = f.applyAsDouble(b);
    if (Math.signum(fa) == Math.signum(fb)) return Math.abs(fa) < Math.abs(fb) ? a : b;
    for (int i = 0; i < 200 && b - a > 1e-6; i++) {
      double m = (a + b) / 2;
      double fm = f.applyAsDouble(m);
      if (Math.signum(fm) == Math.signum(fa)) {
        a = m;
        fa = fm;
      } else b = m;
    }
    return (a + b) / 2;
  }

  /**
   * Every hierarchical model for the table's lists: main effects always; any set of interactions
   * up to order k−1 that contains, with each term, all its sub-interactions (Rcapture's closedpMS.t
   * search space: 113 models for 4 lists, 6,893 for 5).
   */
  public static List<Model> hierarchical(int k, boolean darroch) {
    List<Integer> terms = new ArrayList<>();
    for (int size = 2; size < k; size++) {
      for (int mask = 1; mask < (1 << k); mask++) if (Integer.bitCount(mask) == size) terms.add(mask);
    }
    List<Model> out = new ArrayList<>();
    grow(terms, 0, new ArrayList<>(), out, darroch);
    return out;
  }

  private static void grow(List<Integer> terms, int i, List<Integer> chosen, List<Model> out, boolean darroch) {
    if (i == terms.size()) {
      out.add(new Model(chosen.stream().mapToInt(Integer::intValue).toArray(), darroch));
      return;
    }
    grow(terms, i + 1, chosen, out, darroch);
    int t = terms.get(i);
    // a term may join only if every sub-interaction one list smaller is already in
    if (Integer.bitCount(t) > 2) {
      for (int j = 0; j < 31; j++) {
        if ((t & (1 << j)) == 0) continue;
        int sub = t & ~(1 << j);
        if (Integer.bitCount(sub) >= 2 && !chosen.contains(sub)) return;
      }
    }
    chosen.add(t);
    grow(terms, i + 1, chosen, out, darroch);
    chosen.remove(chosen.size() - 1);
  }

  /** Fits every hierarchical model; best BIC first; the interval only for the best. */
  public static List<Fit> search(ListTable t, boolean darroch) {
    List<Fit> fits = new ArrayList<>();
    List<Model> models = hierarchical(t.lists(), darroch);
    for (Model m : models) fits.add(fit(t, m, false));
    Comparator<Fit> byBic = Comparator.comparingDouble(f -> Double.isNaN(f.bic()) || f.warnings().stream().anyMatch(w -> w.startsWith("on the boundary")) ? Double.MAX_VALUE : f.bic());
    fits.sort(byBic);
    Fit best = fits.get(0);
    int[] terms = t.parseTerms(best.model().isEmpty() ? "independence" : String.join(",", best.model()));
    fits.set(0, fit(t, new Model(terms, darroch), true));
    return fits;
  }
}
