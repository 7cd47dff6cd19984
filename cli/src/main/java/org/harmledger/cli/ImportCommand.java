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
        "'records' adds records from JSON lines ({\"type\":\"claim\", …} per line); 'claims', 'incidents' and 'victims' add rows from CSV (columns: see README);",
        "'ged' adds the events of a UCDP GED CSV that fall in --campaign's period and area, each as an incident with a claim of --source (the dataset's source record) for its civilian deaths.",
        "On any bad row nothing is written and every bad row is reported with its reason."})
final class ImportCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  enum Kind { ledger, records, claims, incidents, victims, ged }

  @Parameters(index = "0", description = "ledger, records, claims, incidents, victims or ged") Kind kind;
  @Parameters(index = "1", description = "The file.") Path file;
  @picocli.CommandLine.Option(names = "--campaign", description = "For ged: the campaign its events go into (only those in its period and area).") String campaign;
  @picocli.CommandLine.Option(names = "--source", description = "For ged: the source record of the dataset (e.g. UCDP, role independent_monitor), whose claims the civilian deaths become.") String source;

  @Override
  boolean createsRecords() {
    return true;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) throw new ValidationException(Problem.of("FILE", file, "is not a readable file"));
    if (kind == Kind.ged) {
      java.util.List<Problem> missing = new java.util.ArrayList<>();
      if (campaign == null) missing.add(Problem.of("--campaign", "", "is required for ged: the campaign its events go into"));
      if (source == null) missing.add(Problem.of("--source", "", "is required for ged: the source record of the dataset (add one with: add source --kind ngo_report --publisher UCDP --role independent_monitor …)"));
      if (!missing.isEmpty()) throw new ValidationException(missing);
    } else if (campaign != null || source != null) {
      throw new ValidationException(Problem.of(campaign != null ? "--campaign" : "--source", campaign != null ? campaign : source, "only goes with ged"));
    }
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
        case ged -> {
          var r = org.harmledger.io.GedImport.csv(ledger, in, campaign, source, meta("import from " + file.getFileName()));
          out().printf("Imported %s and %s of %s from %s; %s outside %s's period or area left out%n",
              count(r.incidents(), "incident"), count(r.claims(), "claim"), source, file, count(r.outside(), "event"), campaign);
          yield -1;
        }
      };
    }
    if (n < 0) return 0;
    out().println("Imported " + n + (kind == Kind.ledger ? " ledger entries" : " records") + " from " + file);
    return 0;
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
