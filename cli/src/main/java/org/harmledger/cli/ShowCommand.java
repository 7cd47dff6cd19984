package org.harmledger.cli;

import org.harmledger.domain.RecordType;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one record as JSON, with its version (for --expect-version) and any retraction.")
final class ShowCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", description = "campaign, source, claim, incident, case, victim or link_decision") String type;
  @Parameters(index = "1", description = "The record's id.") String id;

  @Override
  public Integer call() {
    StoredRecord s = ledger().get(RecordType.parse(type), id);
    printJson(s.view());
    return 0;
  }

}
