package org.harmledger.cli;

import java.util.List;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "unlink",
    mixinStandardHelpOptions = true,
    description = {
      "Take incidents off a case (with their match confidence), or a victim's incident off it, because the link was wrong. The link stays in the record's history.",
      "Example: ./harmledger unlink case case-7 --incident inc-12 --reason \"the coalition's report puts it 3 km north\""
    })
final class UnlinkCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  @Parameters(index = "0", description = "case or victim.") String type;
  @Parameters(index = "1", description = "Its id.") String id;
  @Option(names = "--incident", required = true, description = "Incident id (repeat).") List<String> incidents;
  @Option(names = "--reason", required = true, description = "Why the link was wrong (kept in the ledger).") String reason;
  @Option(names = "--expect-version", description = "The version your change is based on (show prints it); refused if someone has changed the record since.") Long expectVersion;

  @Override
  public Integer call() {
    StoredRecord s;
    try {
      s = ledger().unlink(RecordType.parse(type), id, incidents, version(expectVersion), meta(reason));
    } catch (ValidationException e) {
      throw byOption(e, f -> f.startsWith("incidents") ? "--incident" : f.equals("reason") ? "--reason" : null);
    }
    out().println(s.id() + " unlinked from " + String.join(", ", incidents) + " (version " + s.version() + ")");
    return 0;
  }
}
