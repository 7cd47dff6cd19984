package org.harmledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.harmledger.extract.ExtractBenchmark;
import org.harmledger.io.Utf8;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench-extract", mixinStandardHelpOptions = true,
    description = {"Measure extraction speed on one core: the given stories, repeated as separate documents up to --mb megabytes, extracted --runs times after a warm-up.",
        "Example: ./harmledger bench-extract extract/src/test/resources/org/harmledger/extract/labelled/en-*.txt --lang en"})
final class BenchExtractCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "UTF-8 stories in the language.") List<Path> files;
  @Option(names = "--lang", required = true, description = "The texts' language: da, en or ar.") String lang;
  @Option(names = "--mb", defaultValue = "8", description = "Megabytes of text per run (default 8).") int mb;
  @Option(names = "--runs", defaultValue = "7", description = "Timed runs; the median is reported (default 7).") int runs;
  @Option(names = "--json", description = "Print the figures as JSON.") boolean json;

  @Override
  public Integer call() throws Exception {
    List<String> stories = new ArrayList<>();
    for (Path f : files) stories.add(Utf8.decode(Files.readAllBytes(f), "line"));
    int warmups = 3;
    ExtractBenchmark.Result r;
    try (Progress p = Progress.of("extracting (runs)", warmups + runs, !json)) {
      r = ExtractBenchmark.run(stories, lang, mb * 1_000_000L, runs, warmups, p);
    }
    if (json) {
      printJson(java.util.Map.of("language", lang, "bytes", r.bytes(), "documents", r.documents(), "extract_mb_per_s", r.extractMBps(), "tokenize_mb_per_s", r.tokenizeMBps(),
          "median_extract_mb_per_s", r.medianExtract(), "median_tokenize_mb_per_s", r.medianTokenize(), "claims_per_pass", r.claimsPerPass()));
      return 0;
    }
    out().printf("%s: %,d bytes in %,d documents, %d runs on one thread (after %d warm-up runs)%n", lang, r.bytes(), r.documents(), runs, warmups);
    out().printf("  extraction  median %.2f MB/s  (runs: %s)%n", r.medianExtract(), fmt(r.extractMBps()));
    out().printf("  tokenizing  median %.2f MB/s  (baseline, same runs: %s)%n", r.medianTokenize(), fmt(r.tokenizeMBps()));
    out().printf("  extraction takes %.1f× the time of tokenizing alone; %,d claims proposed per pass%n", r.medianTokenize() / r.medianExtract(), r.claimsPerPass());
    return 0;
  }

  private static String fmt(List<Double> xs) {
    return String.join(", ", xs.stream().map(x -> String.format("%.2f", x)).toList());
  }
}
