package org.harmledger.cli;

import java.time.LocalDate;
import java.util.Optional;
import org.harmledger.service.DemoLedger;
import org.harmledger.tally.TallyFilter;
import org.harmledger.tally.TallyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Load the Raqqa 2017 demo ledger into the database (once) and serve it, unless --no-serve.")
final class DemoCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  @Option(names = "--no-serve", description = "Load the demo and exit.")
  boolean noServe;

  @Mixin ServeOptions serve;

  @Override
  boolean createsRecords() {
    return true;
  }

  @Override
  public Integer call() throws Exception {
    var ledger = ledger();
    if (DemoLedger.isLoaded(ledger)) {
      err().println("The demo is already in " + ledger.store().describe() + "; leaving it as it is.");
    } else {
      DemoLedger.load(ledger, root().shared());
      err().println("Loaded the Raqqa 2017 demo into " + ledger.store().describe()
          + (root().shared().isPresent() ? " (with the seed story archived)" : " (no ../shared found: the seed story is not archived)") + ".");
    }
    TallyReport t = ledger.tally(DemoLedger.CAMPAIGN, Optional.of(LocalDate.parse("2018-12-31")), TallyFilter.NONE);
    err().println(TallyCommand.text(t));
    if (noServe) return 0;
    return serve.run(ledger, err());
  }
}
