package org.harmledger.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.harmledger.linkage.Synthetic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synth-victims", mixinStandardHelpOptions = true,
    description = "Write a synthetic victim list with known truth (mixed Arabic and Latin script, seeded), for linkage tests and benchmarks; its error model is described in examples/linkage/README.md.")
final class SynthCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Option(names = "--people", defaultValue = "10000", description = "People to generate; each appears in one to several records. Default: ${DEFAULT-VALUE}.") int people;
  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generator: the same seed, the same list. Default: ${DEFAULT-VALUE}.") long seed;
  @Option(names = "--out", required = true, description = "The CSV file to write.") Path out;
  @Option(names = "--name-weights", defaultValue = "zipf", description = "zipf (default: a few names very common, as in real lists) or uniform "
      + "(the same names, each as likely: to measure what common names cost the linker).") String weights;

  @Override
  public Integer call() throws Exception {
    if (!weights.equals("zipf") && !weights.equals("uniform")) {
      throw new org.harmledger.domain.ValidationException(org.harmledger.domain.Problem.of("--name-weights", weights, "must be zipf or uniform"));
    }
    checkWritable(java.util.Map.of("--out", out));
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      Synthetic.write(w, people, seed, weights.equals("zipf"));
    }
    out().println("wrote " + out);
    return 0;
  }
}
