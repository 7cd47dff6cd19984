package org.harmledger.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.Problem;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.io.IncidentExport;
import org.harmledger.io.LedgerFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export the whole ledger (JSON, restorable with import), or a campaign's incidents as csv, geojson, ged (UCDP-GED-shaped CSV) or acled (ACLED-shaped CSV).",
        "Incident exports never name confidential sources."})
final class ExportCommand extends Base implements java.util.concurrent.Callable<Integer> {
  enum Format { ledger, incidents, geojson, ged, acled }

  @Parameters(index = "0", description = "ledger, incidents, geojson, ged or acled") Format format;
  @Option(names = "--campaign", description = "Required for incidents, geojson, ged and acled.") String campaign;
  @Option(names = "--out", description = "Write to this file (default: standard output).") Path outFile;

  @Override
  public Integer call() throws Exception {
    if (format != Format.ledger && campaign == null) throw new ValidationException(Problem.of("--campaign", "", "is required for " + format + " exports"));
    checkWritable(java.util.Collections.singletonMap("--out", outFile));
    if (outFile == null) {
      OutputStream os = new BufferedOutputStream(System.out);
      write(os);
      os.flush();
      return 0;
    }
    // Write beside the target and move into place, so a failed export never leaves half a file.
    Path tmp = Files.createTempFile(outFile.toAbsolutePath().getParent(), ".export-", ".tmp");
    try {
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        write(os);
      }
      Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    err().println("Wrote " + outFile);
    return 0;
  }

  private void write(OutputStream os) throws Exception {
    var ledger = ledger();
    if (format == Format.ledger) {
      long total = ledger.store().read(r -> r.head().map(h -> h.seq()).orElse(0L));
      try (var bar = Progress.of("export", total, total >= Progress.WORTH_A_BAR)) {
        LedgerFile.export(ledger.store(), os, bar);
      }
      return;
    }
    var rows = IncidentExport.rows(ledger, campaign);
    Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
    switch (format) {
      case incidents -> IncidentExport.csv(rows, w);
      case geojson -> IncidentExport.geoJson(rows, w);
      case ged -> IncidentExport.ged(ledger.get(RecordType.CAMPAIGN, campaign).as(Campaign.class), rows, w);
      case acled -> IncidentExport.acled(rows, w);
      default -> throw new IllegalStateException();
    }
    w.flush();
  }
}
