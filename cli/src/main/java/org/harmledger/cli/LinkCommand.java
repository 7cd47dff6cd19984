package org.harmledger.cli;

import java.util.List;
import org.harmledger.domain.RecordType;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "link", mixinStandardHelpOptions = true, description = "Link a case (adds) or a victim (sets) to incidents.")
final class LinkCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", description = "case or victim") String type;
  @Parameters(index = "1") String id;
  @Option(names = "--incident", required = true, description = "Incident id (repeat).") List<String> incidents;
  @Option(names = "--reason", required = true) String reason;
  @Option(names = "--expect-version") Long expectVersion;

  @Override
  public Integer call() {
    StoredRecord s = ledger().link(RecordType.parse(type), id, incidents, version(expectVersion), meta(reason));
    out().println(s.id() + " linked (version " + s.version() + ")");
    return 0;
  }
}
