package org.harmledger.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;

/**
 * One front door to the three methods, for the command line and the API: runs a method on a
 * table (or on strata of it, summing them) and reports the recommended figure with its interval,
 * a sentence saying what it assumes, and the rest (all models, diagnostics) for a statistician.
 */
public final class Estimation {
  private Estimation() {}

  /** What to run. {@code model} null means search (log-linear). */
  public record Request(String method, String model, boolean darroch, long seed, LatentClass.Settings settings, double delta, long missingMax, String prior) {}

  /** The answer. {@code estimate} is the best-BIC model's N̂ (log-linear) or the posterior median (Bayesian methods). */
  public record Report(
      String method,
      double estimate,
      double lower,
      double upper,
      long observed,
      List<String> lists,
      List<String> model,
      String assumes,
      List<String> warnings,
      List<Map<String, Object>> models,
      Map<String, Object> details,
      List<Map<String, Object>> strata) {}

  /**
   * One table, or strata summed; a request's {@code missingMax} of 0 or less means the default:
   * 300 missing, or twice the largest stratum's observed if more.
   */
  public static Report run(Map<String, ListTable> tables, Request r) {
    if (tables.isEmpty()) throw new ValidationException(Problem.of("table", "", "there is nothing to estimate"));
    long observed = tables.values().stream().mapToLong(ListTable::observed).max().orElse(0);
    Request req = r.missingMax() > 0 ? r : new Request(r.method(), r.model(), r.darroch(), r.seed(), r.settings(), r.delta(), Math.max(300, 2 * observed), r.prior());
    return tables.size() == 1 ? run(tables.values().iterator().next(), req) : strata(tables, req);
  }

  public static Report run(ListTable t, Request r) {
    return switch (r.method().toLowerCase(Locale.ROOT)) {
      case "loglinear" -> loglinear(t, r);
      case "lcmcr" -> lcmcr(t, r);
      case "dga" -> dga(t, r);
      default -> throw new ValidationException(Problem.of("method", r.method(), "must be loglinear, lcmcr or dga"));
    };
  }

  static Map<String, Object> row(LogLinear.Fit f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", f.model());
    m.put("darroch", f.darroch());
    m.put("estimate", round(f.estimate()));
    m.put("stderr", round(f.stderr()));
    if (!Double.isNaN(f.lower())) {
      m.put("lower", round(f.lower()));
      m.put("upper", round(f.upper()));
    }
    m.put("deviance", round(f.deviance()));
    m.put("df", f.df());
    m.put("aic", round(f.aic()));
    m.put("bic", round(f.bic()));
    if (!f.warnings().isEmpty()) m.put("warnings", f.warnings());
    return m;
  }

  static double round(double x) {
    return Double.isNaN(x) || Double.isInfinite(x) ? x : Math.round(x * 10) / 10.0;
  }

  static Report loglinear(ListTable t, Request r) {
    List<LogLinear.Fit> fits;
    if (r.model() != null) fits = List.of(LogLinear.fit(t, new LogLinear.Model(t.parseTerms(r.model()), r.darroch()), true));
    else {
      if (t.lists() > 6) throw new ValidationException(Problem.of("lists", t.lists(), "the search over every hierarchical model is for up to 6 lists; give --model"));
      fits = LogLinear.search(t, r.darroch());
    }
    LogLinear.Fit best = fits.get(0);
    if (Double.isNaN(best.estimate())) throw new ValidationException(Problem.of("model", String.join(",", best.model()), String.join("; ", best.warnings())));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LogLinear.Fit f : fits) rows.add(row(f));
    String terms = best.model().isEmpty() ? "the lists record independently of each other" : "the lists depend on each other only through " + String.join(", ", best.model());
    String assumes = "A log-linear model" + (r.model() == null ? ", the best by BIC of " + fits.size() + "," : "") + " assuming " + terms
        + (best.darroch() ? ", with people differing in how easily any list records them (Darroch's heterogeneity term)" : ", and that everyone is equally likely to be recorded within that structure")
        + "; the " + fmt(best.estimate() - t.observed()) + " no list recorded are extrapolated from how the lists overlap.";
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("stderr", round(best.stderr()));
    details.put("deviance", round(best.deviance()));
    details.put("df", best.df());
    details.put("interval", "95% profile likelihood");
    // the search is ranked by BIC; the best by AIC (which favours larger models) is named too
    fits.stream()
        .filter(f -> !Double.isNaN(f.aic()) && f.warnings().stream().noneMatch(w -> w.startsWith("on the boundary")))
        .min(java.util.Comparator.comparingDouble(LogLinear.Fit::aic))
        .ifPresent(f -> details.put("best_aic", Map.of("model", f.model(), "darroch", f.darroch(), "estimate", round(f.estimate()), "aic", round(f.aic()))));
    return new Report("loglinear", round(best.estimate()), round(best.lower()), round(best.upper()), t.observed(), t.names(), best.model(), assumes, best.warnings(), rows, details, List.of());
  }

  static Report lcmcr(ListTable t, Request r) {
    LatentClass.Result res = LatentClass.sample(t, r.settings());
    List<String> warnings = new ArrayList<>();
    if (res.rhat() > 1.1) warnings.add("the chains disagree (R-hat " + String.format(Locale.ROOT, "%.2f", res.rhat()) + " > 1.1): run longer chains");
    if (res.ess() < 400) warnings.add("few effective draws (" + Math.round(res.ess()) + "): run longer chains");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mean", round(res.mean()));
    details.put("rhat", Math.round(res.rhat() * 1000) / 1000.0);
    details.put("ess", Math.round(res.ess()));
    details.put("chains", res.chains());
    details.put("draws", res.draws());
    details.put("classes", r.settings().classes());
    details.put("burn_in", r.settings().burnIn());
    details.put("iterations", r.settings().iterations());
    details.put("thin", r.settings().thin());
    details.put("seed", r.settings().seed());
    details.put("seconds", Math.round(res.seconds() * 1000) / 1000.0);
    details.put("histogram", histogram(res.chainDraws(), 40));
    String assumes = "A latent-class model (Manrique-Vallier 2016): people fall into up to " + r.settings().classes()
        + " groups that lists record with different probabilities, independently within a group; it allows for people who are hard for every list to find, but not for lists that depend on each other within a group.";
    return new Report("lcmcr", round(res.median()), round(res.lower()), round(res.upper()), t.observed(), t.names(), List.of(), assumes, warnings, List.of(), details, List.of());
  }

  static Report dga(ListTable t, Request r) {
    if (t.lists() < 3 || t.lists() > 5) throw new ValidationException(Problem.of("lists", t.lists(), "graph averaging is for 3 to 5 lists"));
    long n = t.observed();
    java.util.function.DoubleUnaryOperator prior = prior(r.prior() == null ? "1/N" : r.prior());
    GraphAveraging.Result res = GraphAveraging.average(t, r.delta(), 0, r.missingMax(), prior);
    List<String> warnings = new ArrayList<>();
    double tail = 0;
    for (int i = res.posterior().length - Math.max(1, res.posterior().length / 20); i < res.posterior().length; i++) tail += res.posterior()[i];
    if (tail > 0.01) warnings.add("the posterior is cut off at " + (n + r.missingMax()) + " (" + Math.round(tail * 100) + "% in the top 5% of the range): raise --missing-max");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (GraphAveraging.GraphResult g : res.graphs().subList(0, Math.min(20, res.graphs().size()))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("edges", g.edges());
      m.put("probability", Math.round(g.probability() * 10000) / 10000.0);
      m.put("median", g.median());
      m.put("lower", g.lower());
      m.put("upper", g.upper());
      m.put("estimate_relative_loss", round(g.estimate()));
      m.put("mode", g.mode());
      rows.add(m);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mean", round(res.mean()));
    details.put("mode", res.mode());
    details.put("estimate_relative_loss", round(res.estimate()));
    details.put("delta", r.delta());
    details.put("missing_range", List.of(0, r.missingMax()));
    details.put("prior", r.prior() == null ? "1/N" : r.prior());
    details.put("graphs", res.graphs().size());
    List<long[]> hist = new ArrayList<>();
    int step = Math.max(1, res.n().length / 60);
    for (int i = 0; i < res.n().length; i += step) {
      double mass = 0;
      for (int j = i; j < Math.min(res.n().length, i + step); j++) mass += res.posterior()[j];
      hist.add(new long[] {res.n()[i], res.n()[Math.min(res.n().length - 1, i + step - 1)] + 1, Math.round(mass * 1_000_000)});
    }
    details.put("histogram", trim(hist));
    String assumes = "An average over every decomposable graphical model of the lists (Madigan & York 1997), each weighted by how well it fits; it allows for lists that depend on each other, but assumes everyone within a cell of the table is equally likely to be recorded.";
    return new Report("dga", res.median(), res.lower(), res.upper(), n, t.names(), res.graphs().get(0).edges(), assumes, warnings, rows, details, List.of());
  }

  /**
   * The prior on N for graph averaging: {@code 1/N} (dga's default), {@code uniform}, or
   * {@code negbin:a,b}, the negative binomial Madigan and York used (log prior = N·log b −
   * (N+a)·log(1+b) + lgamma(N+a) − lgamma(N+1) − lgamma(a)).
   */
  static java.util.function.DoubleUnaryOperator prior(String spec) {
    if (spec.equals("1/N")) return bigN -> -Math.log(bigN);
    if (spec.equals("uniform")) return bigN -> 0;
    if (spec.startsWith("negbin:")) {
      String[] ab = spec.substring(7).split(",");
      try {
        double a = Double.parseDouble(ab[0]);
        double b = Double.parseDouble(ab[1]);
        if (a <= 0 || b <= 0) throw new NumberFormatException();
        return bigN -> bigN * Math.log(b) - (bigN + a) * Math.log1p(b) + org.hipparchus.special.Gamma.logGamma(bigN + a) - org.hipparchus.special.Gamma.logGamma(bigN + 1) - org.hipparchus.special.Gamma.logGamma(a);
      } catch (RuntimeException e) {
        throw new ValidationException(Problem.of("prior", spec, "negbin needs two positive numbers: negbin:a,b"));
      }
    }
    throw new ValidationException(Problem.of("prior", spec, "must be 1/N, uniform or negbin:a,b"));
  }

  /** Sums per-stratum estimates: log-linear by adding estimates and variances; Bayesian methods by adding draws. */
  public static Report strata(Map<String, ListTable> tables, Request r) {
    List<Map<String, Object>> per = new ArrayList<>();
    double est = 0;
    double var = 0;
    double lo = 0;
    double hi = 0;
    long observed = 0;
    List<String> warnings = new ArrayList<>();
    for (var e : tables.entrySet()) {
      Report s = run(e.getValue(), r);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stratum", e.getKey());
      m.put("observed", s.observed());
      m.put("estimate", s.estimate());
      m.put("lower", s.lower());
      m.put("upper", s.upper());
      m.put("model", s.model());
      per.add(m);
      est += s.estimate();
      lo += s.lower();
      hi += s.upper();
      observed += s.observed();
      if (s.details().get("stderr") instanceof Double se) var += se * se;
      for (String w : s.warnings()) warnings.add(e.getKey() + ": " + w);
    }
    double lower;
    double upper;
    String how;
    if (r.method().equals("loglinear")) {
      lower = Math.max(observed, est - 1.96 * Math.sqrt(var));
      upper = est + 1.96 * Math.sqrt(var);
      how = "strata summed; interval from the summed variances (normal approximation)";
    } else {
      lower = lo;
      upper = hi;
      how = "strata summed; the interval adds the strata's bounds, so it is wider than 95%";
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("interval", how);
    return new Report(r.method(), round(est), round(lower), round(upper), observed, tables.values().iterator().next().names(), List.of(),
        "Estimated in each of " + tables.size() + " strata separately and summed, so that people who differ by stratum are not assumed alike.", warnings, List.of(), details, per);
  }

  /** Drops the empty ends of a histogram (a posterior over 0..3,000 missing is mostly zeros). */
  static List<long[]> trim(List<long[]> hist) {
    int a = 0;
    int b = hist.size();
    while (a < b && hist.get(a)[2] == 0) a++;
    while (b > a && hist.get(b - 1)[2] == 0) b--;
    return a < b ? new ArrayList<>(hist.subList(a, b)) : hist;
  }

  static List<long[]> histogram(List<double[]> chains, int bins) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double[] c : chains) for (double v : c) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double width = Math.max(1, Math.ceil((max - min + 1) / bins));
    long[] counts = new long[bins];
    for (double[] c : chains) for (double v : c) counts[(int) Math.min(bins - 1, (v - min) / width)]++;
    List<long[]> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) out.add(new long[] {(long) (min + b * width), (long) (min + (b + 1) * width), counts[b]});
    return out;
  }

  static String fmt(double x) {
    return String.format(Locale.ROOT, "%,.0f", x);
  }
}
