package org.harmledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.harmledger.ledger.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import larger than the heap allowed: said in a sentence (how much was allowed, how to allow
 * more), not a stack trace, and the ledger left as it was. Runs the command line in a JVM of its
 * own, since a heap can only be capped at a JVM's start.
 */
class OutOfMemoryTest {
  @TempDir Path dir;

  @Test
  void anImportTooLargeForTheHeapIsSaidPlainlyAndWritesNothing() throws Exception {
    Path db = dir.resolve("ledger.db");
    assertThat(Cli.run("--db", db.toString(), "demo", "--no-serve").exit()).isZero();
    long before = entries(db);
    Path csv = dir.resolve("claims.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("id,source,claimant,claimant_role,incident,incidents,campaign,killed,injured,date\n");
      for (int i = 0; i < 400_000; i++) w.write("clm-x" + i + ",ritzau-2018-06,,,inc-raqqa-amnesty-1,,," + i % 30 + "-" + (i % 30 + 2) + ",0,2018-06-05\n");
    }
    // surefire runs the tests from a one-line manifest jar; the classpath it stands for is here
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-cp", classpath, "org.harmledger.cli.Main", "--db", db.toString(), "import", "claims", csv.toString()))
        .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    String said = Files.readString(err);
    assertThat(p.exitValue()).as(said).isEqualTo(Main.FAILED);
    assertThat(said).contains("error: Java ran out of memory", "MB allowed", "rolled back", "HARMLEDGER_JAVA_OPTS=-Xmx").doesNotContain("\tat ");
    assertThat(entries(db)).as("nothing written").isEqualTo(before);
    assertThat(Cli.run("--db", db.toString(), "verify").exit()).isZero();
  }

  private static long entries(Path db) {
    return Json.readTree(Cli.run("--db", db.toString(), "verify", "--json").out()).get("entries").asLong();
  }
}
