package org.harmledger.cli;

import java.util.List;
import org.harmledger.domain.RecordType;
import org.harmledger.service.HistoryItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true, description = "A record's full history: who changed what, when and why.")
final class HistoryCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", description = "Record type: campaign, source, claim, incident, case, victim or link_decision.") String type;
  @Parameters(index = "1", description = "The record's id.") String id;
  @Option(names = "--json", description = "Print the history as JSON.") boolean json;

  @Override
  public Integer call() {
    List<HistoryItem> items = ledger().history(RecordType.parse(type), id);
    if (json) {
      printJson(items);
      return 0;
    }
    String own = RecordType.parse(type).label() + "/" + id;
    for (HistoryItem h : items) {
      String which = h.record().equals(own) ? "" : h.record() + "  ";
      out().printf("#%d  %s  %sv%d  %s by %s: %s%n", h.seq(), h.at(), which, h.version(), h.action(), h.actor(), h.reason());
      int shown = 0;
      for (HistoryItem.Change c : h.changes()) {
        if (h.action().equals("create") && shown++ >= 12) {
          out().println("      … " + (h.changes().size() - 12) + " more fields");
          break;
        }
        out().printf("      %s: %s → %s%n", c.field(), c.before() == null ? "—" : c.before(), c.after() == null ? "—" : c.after());
      }
    }
    return 0;
  }
}
