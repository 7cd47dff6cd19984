package org.harmledger.cli;

import org.harmledger.domain.RecordType;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retract", mixinStandardHelpOptions = true, description = "Remove a record from views and tallies, with a reason. Its history stays in the ledger.")
final class RetractCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  @Parameters(index = "0") String type;
  @Parameters(index = "1") String id;
  @Option(names = "--reason", required = true) String reason;
  @Option(names = "--expect-version") Long expectVersion;

  @Override
  public Integer call() {
    StoredRecord s = ledger().retract(RecordType.parse(type), id, version(expectVersion), meta(reason));
    out().println(s.id() + " retracted");
    return 0;
  }
}
