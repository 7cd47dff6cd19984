package org.harmledger.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Grading;
import org.harmledger.domain.RecordType;
import org.harmledger.io.RecordImport;
import org.harmledger.ledger.Json;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;
import org.harmledger.storage.SqliteLedgerStore;
import org.harmledger.tally.TallyFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds a synthetic ledger through the real import and command paths and measures: claim import
 * rate, a campaign tally over everything, verify, and file size per claim. Seeded, so every run
 * builds the same ledger. Prints a JSON summary (medians of the repeated measurements).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Generate a synthetic ledger and measure import rate, tally time, verify rate and file size (see BENCHMARKS.md).")
final class BenchCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  @Option(names = "--incidents", defaultValue = "100000", description = "Incidents to generate and import from CSV (default: ${DEFAULT-VALUE}).") int incidents;
  @Option(names = "--claims", defaultValue = "300000", description = "Claims to generate and import from CSV (default: ${DEFAULT-VALUE}).") int claims;
  @Option(names = "--cases", defaultValue = "3000", description = "Belligerent's cases to generate (CJTF-OIR assessed about 3,000 allegations in five years), each with its steps, two in five matched to incidents (default: ${DEFAULT-VALUE}).") int cases;
  @Option(names = "--entries", defaultValue = "1000000", description = "Total ledger entries to reach (the rest are gradings and claim amendments).") int entries;
  @Option(names = "--runs", defaultValue = "5", description = "Repetitions of each timed query; the median is reported.") int runs;
  @Option(names = "--warmup", defaultValue = "5", description = "Untimed warm tallies before the timed warm ones (the JIT compiles the rules during these).") int warmup;
  @Option(names = "--seed", defaultValue = "20171017", description = "Seed of the generator: the same seed, the same ledger (default: ${DEFAULT-VALUE}).") long seed;
  @Option(names = "--dir", description = "Where to build the ledger file. Default: a new temporary folder.") Path dir;
  @Option(names = "--keep", description = "Keep the ledger file afterwards.") boolean keep;
  @Option(names = "--reuse", description = "Time the queries on the ledger a --keep run left in --dir, instead of building a new one (imports are not timed then).") boolean reuse;

  @Override
  public Integer call() throws Exception {
    Path folder = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("harmledger-bench");
    Path file = folder.resolve("bench.db");
    boolean existed = Files.exists(file);
    if (!reuse) Files.deleteIfExists(file);
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("machine_cores", Runtime.getRuntime().availableProcessors());
    result.put("java", System.getProperty("java.version"));
    try (SqliteLedgerStore store = SqliteLedgerStore.open(file)) {
      LedgerService ledger = new LedgerService(store);
      long t0;
      if (reuse && existed) result.put("reused", file.toString());
      else build(store, ledger, result, rnd);
      long total = store.read(r -> r.head().orElseThrow().seq());
      result.put("ledger_entries", total);

      // Cold: facts read from the database, then the rules. Warm: facts kept from the last read
      // (as the service does until the ledger changes), the rules on another date each time.
      // All cold runs first, then a collection, then the warm runs: otherwise each warm run pays
      // for collecting the facts the cold run before it dropped.
      double[] cold = new double[runs];
      double[] warm = new double[runs];
      var report = ledger.tally("bench", Optional.empty(), TallyFilter.NONE);
      for (int r = 0; r < runs; r++) {
        ledger.forgetCachedFacts();
        t0 = System.nanoTime();
        report = ledger.tally("bench", Optional.empty(), TallyFilter.NONE);
        cold[r] = (System.nanoTime() - t0) / 1e6;
      }
      System.gc();
      // Warm-up, untimed (as JMH does): the first tallies of a process run partly interpreted;
      // a server answers many, so the timed runs are the steady state. The cold runs above are the
      // first-request figure.
      for (int r = 0; r < warmup; r++) {
        ledger.tally("bench", Optional.of(java.time.LocalDate.parse("2018-01-01").plusDays(r)), TallyFilter.NONE);
        ledger.tally("bench", Optional.of(java.time.LocalDate.parse("2018-06-01").plusDays(r)), TallyFilter.NONE, false);
      }
      for (int r = 0; r < runs; r++) {
        t0 = System.nanoTime();
        ledger.tally("bench", Optional.of(java.time.LocalDate.parse("2019-01-01").plusDays(r)), TallyFilter.NONE);
        warm[r] = (System.nanoTime() - t0) / 1e6;
      }
      result.put("tally_cold_ms_runs", Arrays.stream(cold).map(BenchCommand::round).boxed().toList());
      result.put("tally_cold_ms_median", round(median(cold)));
      result.put("tally_warm_ms_runs", Arrays.stream(warm).map(BenchCommand::round).boxed().toList());
      double[] figures = new double[runs];
      for (int r = 0; r < runs; r++) {
        t0 = System.nanoTime();
        ledger.tally("bench", Optional.of(java.time.LocalDate.parse("2019-06-01").plusDays(r)), TallyFilter.NONE, false);
        figures[r] = (System.nanoTime() - t0) / 1e6;
      }
      // After a write: one claim's figure amended through the service, then the tally. The
      // service reads again only what the write changed (the cold runs above are what it would
      // cost to read everything again). These writes stay in the ledger (in a --reuse run too).
      double[] afterWrite = new double[runs];
      for (int r = 0; r < runs; r++) {
        String id = "c" + (1 + rnd.nextInt(claims));
        long v = 1 + Math.floorMod(System.nanoTime(), 100_000); // not the figure an earlier --reuse run left
        ledger.amend(RecordType.CLAIM, id, Json.readTree("{\"killed\":{\"min\":" + v + ",\"max\":" + (v + 5) + "}}"), OptionalLong.empty(),
            new Meta("bench", "a write before a tally"));
        t0 = System.nanoTime();
        ledger.tally("bench", Optional.of(java.time.LocalDate.parse("2019-03-01").plusDays(r)), TallyFilter.NONE);
        afterWrite[r] = (System.nanoTime() - t0) / 1e6;
      }
      result.put("tally_after_write_ms_runs", Arrays.stream(afterWrite).map(BenchCommand::round).boxed().toList());
      result.put("tally_after_write_ms_median", round(median(afterWrite)));
      result.put("tally_warm_figures_only_ms_runs", Arrays.stream(figures).map(BenchCommand::round).boxed().toList());
      result.put("tally_warm_figures_only_ms_median", round(median(figures)));
      result.put("tally_warm_ms_median", round(median(warm)));
      result.put("tally_warmup_runs", warmup);
      result.put("tally_documented_incidents", report.killed().documented().incidents());
      result.put("tally_claims_in_basis", report.claims().size());
      result.put("tally_cases_opened", report.cases().opened());
      result.put("tally_documented_incidents_matched", report.cases().documentedIncidents().matched());

      long verified = store.read(r -> r.head().orElseThrow().seq()); // the writes above included
      int vruns = Math.max(1, Math.min(runs, 3));
      double[] verify = new double[vruns];
      boolean ok = true;
      for (int r = 0; r < vruns; r++) {
        t0 = System.nanoTime();
        ok &= ledger.verify(Optional.empty(), n -> {}).ok();
        verify[r] = (System.nanoTime() - t0) / 1e9;
      }
      result.put("verify_ok", ok);
      result.put("verify_seconds_runs", Arrays.stream(verify).map(BenchCommand::round).boxed().toList());
      result.put("verify_entries_per_s_median", Math.round(verified / median(verify)));
    }
    long size = Files.size(file);
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    result.put("file_bytes", size);
    result.put("file_bytes_per_claim", Math.round((double) size / claims));
    result.put("file_bytes_per_entry", Math.round((double) size / (long) result.get("ledger_entries")));
    if (!keep && !reuse) {
      Files.deleteIfExists(wal);
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
      Files.deleteIfExists(file);
    } else {
      result.put("file", file.toString());
    }
    printJson(result);
    return 0;
  }

  /**
   * The cases as a belligerent's monthly reports give them: opened, then (mostly) assessed credible
   * with conceded deaths or non-credible with a reason, some closed and reopened; two in five
   * matched to one or two incidents with a confidence and the day of the match; how each
   * allegation came in. They make the tally's case counts and matched incidents do real work.
   */
  private void importCases(LedgerService ledger, Meta meta, SplittableRandom rnd) {
    String[] channels = {"self_report", "media", "social_media", "ngo", "international_organisation", "government", "individual", "other"};
    String[] reasons = {"insufficient_information", "no_strikes_at_time_and_place", "not_stated", "another_party_responsible"};
    String[] confidences = {"confirmed", "probable", "possible"};
    StringBuilder jl = new StringBuilder();
    for (int k = 1; k <= cases; k++) {
      java.time.LocalDate opened = java.time.LocalDate.parse(day(rnd, 2015, 2019));
      jl.append("{\"type\":\"case\",\"id\":\"k").append(k).append("\",\"belligerent\":\"A\",\"campaign\":\"bench\"");
      jl.append(",\"allegation\":{\"channel\":\"").append(channels[rnd.nextInt(channels.length)]).append("\"}");
      if (rnd.nextInt(5) < 2) {
        int a = 1 + rnd.nextInt(incidents - 1);
        String on = opened.plusDays(rnd.nextInt(400)).toString();
        String match = "{\"confidence\":\"" + confidences[rnd.nextInt(3)] + "\",\"basis\":\"same day and place\",\"on\":\"" + on + "\"}";
        if (rnd.nextBoolean()) jl.append(",\"incidents\":[\"i").append(a).append("\"],\"matches\":{\"i").append(a).append("\":").append(match).append('}');
        else jl.append(",\"incidents\":[\"i").append(a).append("\",\"i").append(a + 1).append("\"],\"matches\":{\"i").append(a).append("\":").append(match)
            .append(",\"i").append(a + 1).append("\":").append(match).append('}');
      }
      jl.append(",\"history\":[").append(step("open", opened, ""));
      java.time.LocalDate assessed = opened.plusDays(30 + rnd.nextInt(300));
      int outcome = rnd.nextInt(20);
      if (outcome < 6) jl.append(',').append(step("credible", assessed, ",\"conceded_killed\":{\"min\":" + rnd.nextInt(8) + ",\"max\":" + (8 + rnd.nextInt(4)) + "}"));
      else if (outcome < 17) {
        jl.append(',').append(step("non_credible", assessed, ",\"reason\":\"" + reasons[rnd.nextInt(reasons.length)] + "\""));
        if (outcome >= 15) {
          jl.append(',').append(step("closed", assessed.plusDays(10), ""));
          jl.append(',').append(step("reopened", assessed.plusDays(100 + rnd.nextInt(200)), ""));
        }
      }
      jl.append("]}\n");
    }
    RecordImport.jsonLines(ledger, new ByteArrayInputStream(jl.toString().getBytes(StandardCharsets.UTF_8)), meta);
  }

  private static String step(String state, java.time.LocalDate on, String more) {
    return "{\"state\":\"" + state + "\",\"on\":\"" + on + "\",\"on_or_before\":false,\"note\":\"monthly report\"" + more + "}";
  }

  private static String day(SplittableRandom rnd, int fromYear, int toYear) {
    return String.format("%04d-%02d-%02d", fromYear + rnd.nextInt(toYear - fromYear), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  /** Builds the synthetic ledger through the real import and command paths, timing the imports. */
  private void build(SqliteLedgerStore store, LedgerService ledger, Map<String, Object> result, SplittableRandom rnd) throws Exception {
    Meta meta = new Meta("bench", "synthetic benchmark ledger");
    int sources = 1000;
    StringBuilder jl = new StringBuilder();
    jl.append("{\"type\":\"campaign\",\"id\":\"bench\",\"name\":\"Synthetic campaign\",\"area\":{\"name\":\"Box\",\"bbox\":{\"south\":30,\"west\":30,\"north\":40,\"east\":45}},\"period\":{\"start\":\"2015-01-01\",\"end\":\"2019-12-31\"},\"parties\":[\"A\",\"B\"]}\n");
    String[] roles = {"media", "independent_monitor", "victims_family", "accused_belligerent", "partner_force"};
    for (int s = 1; s <= sources; s++) {
      jl.append("{\"type\":\"source\",\"id\":\"s").append(s).append("\",\"kind\":\"news\",\"publisher\":\"Publisher ").append(s % 200)
          .append("\",\"role\":\"").append(roles[s % roles.length]).append("\",\"published\":\"").append(day(rnd, 2015, 2020)).append("\",\"confidential\":false,\"secondary\":false}\n");
    }
    RecordImport.jsonLines(ledger, new ByteArrayInputStream(jl.toString().getBytes(StandardCharsets.UTF_8)), meta);

    StringBuilder icsv = new StringBuilder("id,campaign,title,start,end,place,lat,lon,uncertainty_m,precision,strike_type,belligerents\n");
    for (int i = 1; i <= incidents; i++) {
      String d = day(rnd, 2015, 2019);
      icsv.append('i').append(i).append(",bench,Incident ").append(i).append(',').append(d).append(',').append(d).append(",Place ").append(i % 500)
          .append(',').append(String.format("%.4f", 30 + rnd.nextDouble() * 10)).append(',').append(String.format("%.4f", 30 + rnd.nextDouble() * 15))
          .append(",1000,near,airstrike,A\n");
    }
    long t0 = System.nanoTime();
    RecordImport.incidentsCsv(ledger, new ByteArrayInputStream(icsv.toString().getBytes(StandardCharsets.UTF_8)), meta);
    double incSecs = (System.nanoTime() - t0) / 1e9;
    result.put("incidents_imported", incidents);
    result.put("incident_import_per_s", Math.round(incidents / incSecs));
    icsv = null;

    StringBuilder ccsv = new StringBuilder("id,source,claimant,claimant_role,incident,incidents,campaign,killed,injured,date\n");
    for (int c = 1; c <= claims; c++) {
      int kind = rnd.nextInt(100);
      int source = 1 + rnd.nextInt(sources);
      ccsv.append('c').append(c).append(",s").append(source).append(",,,");
      if (kind < 94) ccsv.append('i').append(1 + rnd.nextInt(incidents)).append(",,,");
      else if (kind < 99) {
        int a = 1 + rnd.nextInt(incidents - 3);
        ccsv.append(",i").append(a).append(";i").append(a + 1).append(";i").append(a + 2).append(",,");
      } else ccsv.append(",,bench,");
      int k = rnd.nextInt(30);
      ccsv.append(k).append('-').append(k + rnd.nextInt(5)).append(',').append(rnd.nextInt(10)).append(',').append(day(rnd, 2015, 2020)).append('\n');
    }
    byte[] claimBytes = ccsv.toString().getBytes(StandardCharsets.UTF_8);
    ccsv = null;
    t0 = System.nanoTime();
    RecordImport.claimsCsv(ledger, new ByteArrayInputStream(claimBytes), meta);
    double claimSecs = (System.nanoTime() - t0) / 1e9;
    result.put("claims_imported", claims);
    result.put("claim_import_seconds", round(claimSecs));
    result.put("claim_import_per_s", Math.round(claims / claimSecs));

    importCases(ledger, meta, rnd);
    result.put("cases_imported", cases);

    // Fill the ledger to the requested size with gradings and claim amendments.
    long have = store.read(r -> r.head().orElseThrow().seq());
    long toAdd = Math.max(0, entries - have);
    Grade[] grades = Grade.values();
    try (ProgressBar pb = Progress.bar("fill", toAdd)) {
      long added = 0;
      int batch = 20_000;
      while (added < toAdd) {
        long n = Math.min(batch, toAdd - added);
        long start = added;
        ledger.atomically(tx -> {
          for (long j = 0; j < n; j++) {
            long x = start + j;
            if (x < incidents) {
              tx.grade("i" + (x + 1), new Grading(grades[(int) (x % grades.length)], "synthetic", java.time.LocalDate.parse("2020-01-01")), OptionalLong.empty(), meta);
            } else {
              String id = "c" + (1 + (x - incidents) % claims);
              tx.amend(RecordType.CLAIM, id, Json.readTree("{\"notes\":\"revision " + x + "\"}"), OptionalLong.empty(), new Meta("bench", "synthetic amendment"));
            }
          }
          return null;
        });
        added += n;
        pb.stepTo(added);
      }
    }
  }
}
