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
  @Option(names = "--people", defaultValue = "10000") int people;
  @Option(names = "--seed", defaultValue = "1") long seed;
  @Option(names = "--out", required = true) Path out;

  @Override
  public Integer call() throws Exception {
    checkWritable(java.util.Map.of("--out", out));
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      Synthetic.write(w, people, seed);
    }
    out().println("wrote " + out);
    return 0;
  }
}
