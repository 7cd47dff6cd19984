package org.harmledger.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;
import org.harmledger.estimate.Estimation;
import org.harmledger.estimate.FromLedger;
import org.harmledger.estimate.LatentClass;
import org.harmledger.estimate.ListTable;
import org.harmledger.estimate.Chart;
import org.harmledger.io.Utf8;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    description = {
      "Estimate how many people no list recorded (multiple systems estimation), from a list-overlap table or from a campaign's linked victims.",
      "A table is CSV: one 0/1 column per list and a count column, every history present (count 0 where no one has it), optionally a stratum column.",
      "Methods: loglinear (log-linear models: all hierarchical models searched and ranked by BIC, or one given with --model),",
      "lcmcr (the Bayesian latent-class model of Manrique-Vallier 2016), dga (Madigan-York averaging over decomposable graphs)."
    })
final class EstimateCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Option(names = "--lists", paramLabel = "FILE.csv", description = "A list-overlap table.") Path lists;
  @Option(names = "--campaign", description = "Estimate from this campaign's victims in the ledger: each source a list, each person (records joined by record linkage and review decisions, as link --campaign finds them) one capture history.") String campaign;
  @Option(names = "--stratify", description = "With --campaign: estimate per stratum and sum: sex, age_group, year or incident.") String stratify;
  @Option(names = "--method", defaultValue = "loglinear", description = "loglinear (default), lcmcr or dga.") String method;
  @Option(names = "--model", description = "loglinear: one model instead of the search: independence, or interactions such as c1:c2 or A:B,A:C.") String model;
  @Option(names = "--heterogeneity", description = "loglinear: darroch adds Darroch's heterogeneity term (to the search or to --model).") String heterogeneity;
  @Option(names = "--seed", defaultValue = "1", description = "lcmcr: the random seed (same seed, same answer).") long seed;
  @Option(names = "--chains", defaultValue = "4", description = "lcmcr: independent chains, whose agreement is checked (R-hat). Default: ${DEFAULT-VALUE}.") int chains;
  @Option(names = "--burn-in", defaultValue = "1000", description = "lcmcr: iterations dropped at the start of each chain. Default: ${DEFAULT-VALUE}.") int burnIn;
  @Option(names = "--iterations", defaultValue = "10000", description = "lcmcr: iterations per chain after burn-in.") int iterations;
  @Option(names = "--thin", defaultValue = "10", description = "lcmcr: keep every n-th iteration. Default: ${DEFAULT-VALUE}.") int thin;
  @Option(names = "--classes", defaultValue = "10", description = "lcmcr: latent classes K.") int classes;
  @Option(names = "--delta", defaultValue = "0.5", description = "dga: the hyper-Dirichlet δ per cell.") double delta;
  @Option(names = "--missing-max", description = "dga: the largest number missing considered (default: 300, or twice the observed if more).") Long missingMax;
  @Option(names = "--prior", defaultValue = "1/N", description = "dga: the prior on N: 1/N (default), uniform, or negbin:a,b (Madigan and York's negative binomial).") String prior;
  @Option(names = "--json", description = "Print JSON.") boolean json;
  @Option(names = "--svg", paramLabel = "FILE.svg", description = "Also draw the answer: the posterior (lcmcr, dga) or the models' intervals (loglinear).") Path svg;

  @Override
  public Integer call() throws IOException {
    if ((lists == null) == (campaign == null)) throw new ValidationException(Problem.of("--lists", "", "give either --lists FILE.csv or --campaign ID"));
    checkWritable(java.util.Collections.singletonMap("--svg", svg));
    String m = method.toLowerCase(Locale.ROOT);
    if (!List.of("loglinear", "lcmcr", "dga").contains(m)) throw new ValidationException(Problem.of("--method", method, "must be loglinear, lcmcr or dga"));
    if (heterogeneity != null && !heterogeneity.equalsIgnoreCase("darroch")) throw new ValidationException(Problem.of("--heterogeneity", heterogeneity, "the one heterogeneity term offered is darroch"));
    if (classes < 2 || chains < 1 || iterations < thin || thin < 1 || burnIn < 0) {
      throw new ValidationException(Problem.of("--classes/--chains/--iterations/--thin", classes + "/" + chains + "/" + iterations + "/" + thin, "need at least 2 classes, 1 chain, and iterations ≥ thin ≥ 1"));
    }
    Map<String, ListTable> tables = campaign != null ? FromLedger.tables(ledger(), campaign, Optional.ofNullable(stratify)) : read(lists);
    if (missingMax != null && missingMax < 1) throw new ValidationException(Problem.of("--missing-max", missingMax, "must be at least 1"));
    Estimation.Request r = new Estimation.Request(m, model, heterogeneity != null, seed,
        new LatentClass.Settings(classes, burnIn, iterations, thin, chains, seed, 0.25, 0.25), delta, missingMax == null ? 0 : missingMax, prior);
    Estimation.Report report = Estimation.run(tables, r);
    if (svg != null) Files.writeString(svg, Chart.svg(report), StandardCharsets.UTF_8);
    if (json) {
      printJson(report);
      return 0;
    }
    print(report);
    return 0;
  }

  /** The table, or one table per stratum when the CSV has a stratum column. */
  static Map<String, ListTable> read(Path file) throws IOException {
    try {
      return ListTable.readStrata(new java.io.StringReader(Utf8.decode(Files.readAllBytes(file), "row")));
    } catch (NoSuchFileException e) {
      throw new ValidationException(Problem.of("--lists", file.toString(), "does not exist"));
    }
  }

  private void print(Estimation.Report r) {
    out().printf("%s: %,.0f no list recorded, so about %,.0f in all (95%% interval %,.0f to %,.0f); %,d on at least one of %d lists (%s).%n",
        r.method(), r.estimate() - r.observed(), r.estimate(), r.lower(), r.upper(), r.observed(), r.lists().size(), String.join(", ", r.lists()));
    out().println(r.assumes());
    for (String w : r.warnings()) out().println("warning: " + w);
    if (!r.strata().isEmpty()) {
      out().printf("%n%-16s %10s %10s %10s %10s%n", "stratum", "observed", "estimate", "lower", "upper");
      for (Map<String, Object> s : r.strata()) out().printf("%-16s %10s %10s %10s %10s%n", s.get("stratum"), s.get("observed"), s.get("estimate"), s.get("lower"), s.get("upper"));
    }
    if (r.method().equals("loglinear") && r.models().size() > 1) {
      out().printf("%n%-34s %10s %10s %10s %9s %4s %9s%n", "model (best BIC first)", "estimate", "stderr", "", "deviance", "df", "BIC");
      for (Map<String, Object> m : r.models().subList(0, Math.min(10, r.models().size()))) {
        @SuppressWarnings("unchecked")
        List<String> terms = (List<String>) m.get("model");
        String name = (terms.isEmpty() ? "independence" : String.join(",", terms)) + (Boolean.TRUE.equals(m.get("darroch")) ? " +Darroch" : "");
        out().printf("%-34s %10s %10s %10s %9s %4s %9s%n", name.length() > 34 ? name.substring(0, 33) + "…" : name, m.get("estimate"), m.get("stderr"), "", m.get("deviance"), m.get("df"), m.get("bic"));
      }
      if (r.models().size() > 10) out().printf("… and %,d more models (--json lists them all)%n", r.models().size() - 10);
    }
    if (r.method().equals("lcmcr")) out().printf("%nR-hat %s, effective draws %s, %s chains, %s s%n", r.details().get("rhat"), r.details().get("ess"), r.details().get("chains"), r.details().get("seconds"));
    if (r.method().equals("dga") && !r.models().isEmpty()) {
      out().printf("%ntop graphs: %n");
      for (Map<String, Object> m : r.models().subList(0, Math.min(5, r.models().size()))) out().printf("  %-40s probability %s, median %s%n", m.get("edges"), m.get("probability"), m.get("median"));
    }
  }
}
