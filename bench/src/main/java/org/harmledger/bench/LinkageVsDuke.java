package org.harmledger.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.priv.garshol.duke.Comparator;
import no.priv.garshol.duke.ConfigurationImpl;
import no.priv.garshol.duke.Processor;
import no.priv.garshol.duke.Property;
import no.priv.garshol.duke.PropertyImpl;
import no.priv.garshol.duke.Record;
import no.priv.garshol.duke.cleaners.LowerCaseNormalizeCleaner;
import no.priv.garshol.duke.comparators.ExactComparator;
import no.priv.garshol.duke.comparators.JaroWinkler;
import no.priv.garshol.duke.comparators.Levenshtein;
import no.priv.garshol.duke.datasources.CSVDataSource;
import no.priv.garshol.duke.datasources.Column;
import no.priv.garshol.duke.matchers.AbstractMatchListener;
import org.harmledger.linkage.Evaluation;
import org.harmledger.linkage.Inputs;
import org.harmledger.linkage.Linker;
import org.harmledger.linkage.Settings;

/**
 * Harm Ledger's linkage and Duke 1.2, side by side in one JVM run, on FEBRL 3 (deduplicate) and
 * FEBRL 4 (link): pairwise F1 against the truth and wall time, median of several runs. Duke is
 * configured as its documentation suggests: every field a property (Jaro-Winkler for names,
 * Levenshtein for the rest, exact for the state), cleaned with LowerCaseNormalizeCleaner, low/high
 * probabilities around 0.3/0.8, threshold 0.85. Usage: LinkageVsDuke SHARED_DATA_DIR EXAMPLES_DIR [RUNS].
 */
public final class LinkageVsDuke {
  static final String[] FIELDS = {"given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state", "date_of_birth", "soc_sec_id"};

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path examples = Path.of(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    report("FEBRL 3", List.of(data.resolve("febrl/dataset3.csv")), examples.resolve("febrl3.json"), runs);
    report("FEBRL 4", List.of(data.resolve("febrl/dataset4a.csv"), data.resolve("febrl/dataset4b.csv")), examples.resolve("febrl4.json"), runs);
  }

  static void report(String name, List<Path> inputs, Path settings, int runs) throws Exception {
    Settings s = Settings.parse(Files.readString(settings));
    List<Double> ours = new ArrayList<>();
    List<Double> duke = new ArrayList<>();
    double oursF1 = 0;
    double dukeF1 = 0;
    // Duke reads a plain CSV (FEBRL's ", " separators and spaced header trimmed), written once, outside the timing
    List<Path> clean = new ArrayList<>();
    for (Path p : inputs) clean.add(trimmed(p));
    for (int r = 0; r < runs + 1; r++) { // the first run of each warms the JVM and is not counted
      long t0 = System.nanoTime();
      List<Linker.Record> records = Inputs.read(inputs, s.idColumn());
      Linker.Result res = new Linker(s, records, inputs.size()).run(null);
      double t1 = (System.nanoTime() - t0) / 1e9;
      String[] truth = Evaluation.truth(records, s.truth());
      oursF1 = Evaluation.score(res.clusters(), truth).f1();
      long t2 = System.nanoTime();
      int[] clusters = runDuke(clean, records);
      double t3 = (System.nanoTime() - t2) / 1e9;
      dukeF1 = Evaluation.score(clusters, truth).f1();
      if (r > 0) {
        ours.add(t1);
        duke.add(t3);
      }
    }
    System.out.printf("%s: Harm Ledger F1 %.4f, median %.2f s %s; Duke 1.2 F1 %.4f, median %.2f s %s%n", name, oursF1, median(ours), fmt(ours), dukeF1, median(duke), fmt(duke));
  }

  static Path trimmed(Path p) throws Exception {
    Path out = Files.createTempFile("duke-", ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) cells[i] = cells[i].trim().replace("\"", "");
        w.write(String.join(",", cells));
        w.write('\n');
      }
    }
    out.toFile().deleteOnExit();
    return out;
  }

  /** Duke's matches joined into clusters (union-find), indexed like our records. */
  static int[] runDuke(List<Path> files, List<Linker.Record> records) throws Exception {
    ConfigurationImpl config = new ConfigurationImpl();
    List<Property> props = new ArrayList<>();
    props.add(new PropertyImpl("ID"));
    Comparator jw = new JaroWinkler();
    Comparator lev = new Levenshtein();
    Map<String, Comparator> comp = Map.of("given_name", jw, "surname", jw, "state", new ExactComparator());
    for (String f : FIELDS) props.add(new PropertyImpl(f, comp.getOrDefault(f, lev), 0.3, f.equals("soc_sec_id") || f.equals("date_of_birth") ? 0.9 : 0.8));
    config.setProperties(props);
    config.setThreshold(0.85);
    for (int i = 0; i < files.size(); i++) {
      CSVDataSource src = new CSVDataSource();
      src.setInputFile(files.get(i).toString());
      src.addColumn(new Column("rec_id", "ID", null, null)); // FEBRL 4a and 4b ids do not overlap
      for (String f : FIELDS) src.addColumn(new Column(f, f, null, new LowerCaseNormalizeCleaner()));
      config.addDataSource(files.size() > 1 ? i + 1 : 0, src);
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < records.size(); i++) index.put(records.get(i).id(), i);
    int[] parent = new int[records.size()];
    for (int i = 0; i < parent.length; i++) parent[i] = i;
    Processor proc = new Processor(config, true);
    int[] unknown = {0};
    proc.addMatchListener(new AbstractMatchListener() {
      @Override
      public void matches(Record r1, Record r2, double confidence) {
        Integer a = index.get(r1.getValue("ID"));
        Integer b = index.get(r2.getValue("ID"));
        if (a == null || b == null) {
          if (unknown[0]++ == 0) System.err.println("Duke reported an id not in the inputs: " + r1.getValue("ID") + " / " + r2.getValue("ID"));
          return;
        }
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    });
    if (files.size() > 1) proc.link();
    else proc.deduplicate();
    proc.close();
    int[] out = new int[parent.length];
    for (int i = 0; i < out.length; i++) out[i] = find(parent, i);
    return out;
  }

  static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(Double::compare);
    return s.get(s.size() / 2);
  }

  static String fmt(List<Double> xs) {
    return xs.stream().map(x -> String.format("%.2f", x)).toList().toString();
  }
}
