package org.harmledger.cli;

import java.util.Optional;
import org.harmledger.service.LedgerService;
import org.harmledger.service.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check the ledger: every entry's SHA-256 and its link to the one before, and that every state table equals a replay of the ledger.",
        "Exits 0 when intact, 1 naming the first bad entry or row otherwise."})
final class VerifyCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Option(names = "--anchor", description = "A head hash published earlier: it must still be in the chain (catches a ledger cut back at its end).")
  String anchor;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() {
    var ledger = ledger();
    long total = ledger.store().read(r -> r.head().map(h -> h.seq()).orElse(0L));
    VerifyReport report;
    if (json || total < Progress.WORTH_A_BAR) {
      report = ledger.verify(Optional.ofNullable(anchor), n -> {});
    } else {
      try (Progress bar = Progress.phased("verify", total)) {
        bar.phase("entries of the chain", total);
        report = ledger.verifyInPhases(Optional.ofNullable(anchor), new LedgerService.VerifyProgress() {
          @Override
          public void entries(long done) {
            bar.accept(done);
          }

          @Override
          public void tables(long records) {
            bar.phase("records in the tables", records);
          }

          @Override
          public void records(long done) {
            bar.accept(done);
          }
        });
      }
    }
    if (json) {
      printJson(report);
    } else if (report.ok()) {
      out().printf("OK: %d entries, %d records; chain intact and state equals the ledger's replay. Head #%d %s (%d ms)%n",
          report.entries(), report.records(), report.headSeq(), report.headHash(), report.millis());
    } else {
      out().println("TAMPERED: " + report.firstProblem());
      report.problems().stream().skip(1).limit(20).forEach(p -> out().println("  also: " + p));
    }
    return report.ok() ? 0 : Main.FAILED;
  }
}
