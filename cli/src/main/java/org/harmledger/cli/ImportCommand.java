package org.harmledger.cli;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;
import org.harmledger.io.LedgerFile;
import org.harmledger.io.RecordImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import a file, all or nothing: an exported ledger, JSON-lines records, or claims, incidents or victims as CSV.",
        "'ledger' restores an exported ledger into an empty database (history included, chain re-checked);",
        "'records' adds records from JSON lines ({\"type\":\"claim\", …} per line); 'claims', 'incidents' and 'victims' add rows from CSV (columns: see README).",
        "On any bad row nothing is written and every bad row is reported with its reason."})
final class ImportCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  enum Kind { ledger, records, claims, incidents, victims }

  @Parameters(index = "0", description = "ledger, records, claims, incidents or victims") Kind kind;
  @Parameters(index = "1", description = "The file.") Path file;

  @Override
  boolean createsRecords() {
    return true;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) throw new ValidationException(Problem.of("FILE", file, "is not a readable file"));
    var ledger = ledger();
    long n;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      n = switch (kind) {
        case ledger -> {
          try (var bar = Progress.of("import", -1, Files.size(file) > 20L * 1024 * 1024)) {
            yield LedgerFile.importInto(ledger.store(), in, bar);
          }
        }
        case records -> RecordImport.jsonLines(ledger, in, meta("import from " + file.getFileName())).size();
        case claims -> RecordImport.claimsCsv(ledger, in, meta("import from " + file.getFileName())).size();
        case incidents -> RecordImport.incidentsCsv(ledger, in, meta("import from " + file.getFileName())).size();
        case victims -> RecordImport.victimsCsv(ledger, in, meta("import from " + file.getFileName())).size();
      };
    }
    out().println("Imported " + n + (kind == Kind.ledger ? " ledger entries" : " records") + " from " + file);
    return 0;
  }
}
