package org.harmledger.cli;

import org.harmledger.domain.RecordType;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "amend", mixinStandardHelpOptions = true,
    description = {"Change fields of a record with a JSON merge patch: given fields replace, null removes.",
        "Example: amend claim clm-3 --set '{\"killed\":{\"min\":25,\"max\":30}}' --reason 'corrected from the report'"})
final class AmendCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  @Parameters(index = "0", description = "Record type: campaign, source, claim, incident, case or victim.") String type;
  @Parameters(index = "1", description = "The record's id.") String id;
  @Option(names = "--set", required = true, description = "The fields to change, as JSON (or @file.json).") String set;
  @Option(names = "--reason", required = true, description = "Why (kept in the ledger).") String reason;
  @Option(names = "--expect-version", description = "Refuse if the record is no longer at this version (someone else changed it).") Long expectVersion;

  @Override
  public Integer call() {
    StoredRecord s = ledger().amend(RecordType.parse(type), id, Parse.json("--set", set), version(expectVersion), meta(reason));
    out().println(s.id() + " is now at version " + s.version());
    return 0;
  }
}
