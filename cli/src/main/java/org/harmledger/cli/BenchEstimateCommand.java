package org.harmledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.harmledger.estimate.LatentClass;
import org.harmledger.estimate.ListTable;
import org.harmledger.estimate.LogLinear;
import org.harmledger.estimate.Simulations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-estimate", mixinStandardHelpOptions = true,
    description = {"Measure estimation: the samplers' speed, the log-linear model search, and the latent-class model's interval coverage.",
        "The latent-class sampler per chain (sim1, and a 4-list table of about 4,400 recorded), 4 chains together,",
        "the search over all hierarchical log-linear models for 4 and 5 lists, and the latent-class model's 95% interval coverage of the true N = 2,000",
        "in the five simulation settings of Manrique-Vallier (2016)."})
final class BenchEstimateCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Option(names = "--runs", defaultValue = "7", description = "Timed repetitions; medians are reported (default 7).") int runs;
  @Option(names = "--replicates", defaultValue = "100", description = "Simulated tables per setting for the coverage study (default 100).") int replicates;
  @Option(names = "--shared", description = "The shared data folder, for the 4- and 5-list reference tables (default ../shared).") Path shared;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("java", System.getProperty("java.version"));
    ListTable sim1 = Simulations.table(1, 2016);
    ListTable four = fourLists(4400, 77);
    out.put("sim1_observed", sim1.observed());
    out.put("four_list_observed", four.observed());
    LatentClass.Settings one = new LatentClass.Settings(10, 1000, 10_000, 10, 1, 5, 0.25, 0.25);
    for (int w = 0; w < 5; w++) LatentClass.sample(sim1, one); // warm up the JIT
    out.put("lcmcr_chain_sim1_s", times(() -> LatentClass.sample(sim1, one)));
    out.put("lcmcr_chain_4lists_s", times(() -> LatentClass.sample(four, one)));
    LatentClass.Settings fourChains = new LatentClass.Settings(10, 1000, 10_000, 10, 4, 5, 0.25, 0.25);
    out.put("lcmcr_4_chains_sim1_s", times(() -> LatentClass.sample(sim1, fourChains)));
    out.put("lcmcr_4_chains_4lists_s", times(() -> LatentClass.sample(four, fourChains)));
    Path root = shared != null ? shared : Path.of(System.getProperty("harmledger.home", "."), "..", "shared");
    Path hiv = root.resolve("data/mse/rcapture_HIV_rome_4lists.csv");
    Path my5 = root.resolve("data/mse/madigan_york_5lists.csv");
    ListTable t4 = Files.isRegularFile(hiv) ? ListTable.readCsv(Files.newBufferedReader(hiv)) : four;
    ListTable t5 = Files.isRegularFile(my5) ? ListTable.readCsv(Files.newBufferedReader(my5)) : sim1;
    out.put("search_4_lists_table", Files.isRegularFile(hiv) ? "rcapture_HIV_rome_4lists.csv" : "simulated");
    out.put("search_5_lists_table", Files.isRegularFile(my5) ? "madigan_york_5lists.csv" : "sim1");
    for (int w = 0; w < 3; w++) LogLinear.search(t4, false);
    out.put("search_4_lists_models", LogLinear.hierarchical(4, false).size());
    out.put("search_4_lists_s", times(() -> LogLinear.search(t4, false)));
    out.put("search_5_lists_models", LogLinear.hierarchical(5, false).size());
    out.put("search_5_lists_s", times(() -> LogLinear.search(t5, false)));
    Map<String, Object> coverage = new LinkedHashMap<>();
    try (Progress p = Progress.of("coverage (tables)", 5L * replicates, true)) {
      int done = 0;
      for (int setting = 1; setting <= 5; setting++) {
        int covered = 0;
        int independence = 0;
        List<Double> widths = new ArrayList<>();
        for (int rep = 0; rep < replicates; rep++) {
          ListTable t = Simulations.table(setting, 100_000L * setting + rep);
          LatentClass.Result r = LatentClass.sample(t, new LatentClass.Settings(10, 1000, 10_000, 10, 2, 7_000L * setting + rep, 0.25, 0.25));
          if (r.lower() <= Simulations.TRUE_N && Simulations.TRUE_N <= r.upper()) covered++;
          widths.add(r.upper() - r.lower());
          LogLinear.Fit mt = LogLinear.fit(t, new LogLinear.Model(new int[0], false), true);
          if (mt.lower() <= Simulations.TRUE_N && Simulations.TRUE_N <= mt.upper()) independence++;
          p.accept(++done);
        }
        widths.sort(Double::compare);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("replicates", replicates);
        c.put("latent_class_covered", covered);
        c.put("latent_class_coverage", (double) covered / replicates);
        c.put("independence_covered", independence);
        c.put("median_interval_width", Math.round(widths.get(widths.size() / 2)));
        coverage.put("sim" + setting, c);
      }
    }
    out.put("coverage", coverage);
    printJson(out);
    return 0;
  }

  /** Four lists recording about {@code recorded} people in two classes, a stand-in of the size the issue names. */
  static ListTable fourLists(int recorded, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] probs = {{0.15, 0.2, 0.1, 0.25}, {0.6, 0.7, 0.5, 0.8}};
    long[] counts = new long[16];
    long seen = 0;
    while (seen < recorded) {
      double[] p = probs[r.nextDouble() < 0.8 ? 0 : 1];
      int h = 0;
      for (int j = 0; j < 4; j++) if (r.nextDouble() < p[j]) h |= 1 << j;
      if (h != 0) {
        counts[h]++;
        seen++;
      }
    }
    return new ListTable(List.of("A", "B", "C", "D"), counts);
  }

  private Map<String, Object> times(Runnable work) {
    List<Double> s = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      work.run();
      s.add((System.nanoTime() - t0) / 1e9);
    }
    List<Double> sorted = new ArrayList<>(s);
    sorted.sort(Double::compare);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("median", Math.round(sorted.get(sorted.size() / 2) * 10000) / 10000.0);
    m.put("runs", s.stream().map(x -> Math.round(x * 10000) / 10000.0).toList());
    return m;
  }
}
