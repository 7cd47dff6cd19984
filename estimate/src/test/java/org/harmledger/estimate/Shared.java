package org.harmledger.estimate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared reference tables (../shared/data/mse); tests that need them are skipped without them. */
final class Shared {
  private Shared() {}

  static ListTable table(String name) throws Exception {
    Path p = Path.of(System.getProperty("harmledger.shared", "../shared")).resolve("data/mse").resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(p), "skipped: the shared reference table " + p + " is not here; a clone outside the workplace has none");
    return ListTable.readCsv(Files.newBufferedReader(p));
  }
}
