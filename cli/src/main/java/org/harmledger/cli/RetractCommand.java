package org.harmledger.cli;

import org.harmledger.domain.RecordType;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retract", mixinStandardHelpOptions = true, description = "Remove a record from views and tallies, with a reason. Its history stays in the ledger.")
final class RetractCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  @Parameters(index = "0", description = "Record type: campaign, source, claim, incident, case, victim or link_decision.") String type;
  @Parameters(index = "1", description = "The record's id.") String id;
  @Option(names = "--reason", required = true, description = "Why it is withdrawn (kept in the ledger and shown with it).") String reason;
  @Option(names = "--expect-version", description = "The version your change is based on (show prints it); refused if someone has changed the record since.") Long expectVersion;

  @Override
  public Integer call() {
    StoredRecord s = ledger().retract(RecordType.parse(type), id, version(expectVersion), meta(reason));
    out().println(s.id() + " retracted");
    return 0;
  }
}
