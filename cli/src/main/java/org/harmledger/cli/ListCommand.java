package org.harmledger.cli;

import java.util.List;
import java.util.Optional;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.Case;
import org.harmledger.domain.Claim;
import org.harmledger.domain.Incident;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.Source;
import org.harmledger.domain.Victim;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.store.RecordQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List records of one type, with filters.")
final class ListCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", description = "campaigns, sources, claims, incidents, cases or victims") String type;
  @Option(names = "--campaign", description = "Only records of this campaign.") String campaign;
  @Option(names = "--source", description = "Claims from this source.") String source;
  @Option(names = "--incident", description = "Claims, cases or victims of this incident.") String incident;
  @Option(names = "--include-retracted", description = "Also list retracted records (marked as such).") boolean includeRetracted;
  @Option(names = "--limit", defaultValue = "100", description = "At most this many records, 1 to 10,000. Default: ${DEFAULT-VALUE}.") int limit;
  @Option(names = "--offset", defaultValue = "0", description = "Skip this many records first (with --limit, to page). Default: ${DEFAULT-VALUE}.") int offset;
  @Option(names = "--json", description = "Print the records as JSON.") boolean json;

  @Override
  public Integer call() {
    RecordType t = RecordType.parse(type);
    List<org.harmledger.domain.Problem> problems = new java.util.ArrayList<>();
    if (limit < 1 || limit > RecordQuery.MAX_LIMIT) problems.add(org.harmledger.domain.Problem.of("--limit", limit, "must be from 1 to " + RecordQuery.MAX_LIMIT));
    if (offset < 0) problems.add(org.harmledger.domain.Problem.of("--offset", offset, "must be 0 or more"));
    if (!problems.isEmpty()) throw new org.harmledger.domain.ValidationException(problems);
    List<StoredRecord> rows = ledger().list(t, new RecordQuery(Optional.ofNullable(campaign), Optional.ofNullable(source), Optional.ofNullable(incident), includeRetracted, offset, limit));
    if (json) {
      printJson(rows.stream().map(StoredRecord::view).toList());
      return 0;
    }
    for (StoredRecord s : rows) out().println(s.id() + "  v" + s.version() + "  " + line(s) + s.retracted().map(r -> "  [retracted: " + r + "]").orElse(""));
    if (rows.isEmpty()) err().println("(none)");
    return 0;
  }

  static String line(StoredRecord s) {
    return switch (s.record()) {
      case Campaign c -> c.name() + ", " + c.period();
      case Source x -> x.kind().name().toLowerCase() + ", " + x.publisher() + x.published().map(d -> ", " + d).orElse("") + (x.confidential() ? " (confidential)" : "");
      case Claim c -> c.subject().scopeKey() + ": killed " + c.killed().map(Object::toString).orElse("—") + ", injured " + c.injured().map(Object::toString).orElse("—")
          + " (source " + c.source() + c.claimant().map(k -> ", claimant " + k.name()).orElse("") + ")" + (c.status() == org.harmledger.domain.ClaimStatus.ACCEPTED ? "" : " [" + c.status().name().toLowerCase() + "]");
      case Incident i -> i.time() + ", " + i.place().name() + ": " + i.title() + i.currentGrading().map(g -> " [" + g.grade().name().toLowerCase() + "]").orElse("");
      case Case c -> c.belligerent() + ": " + c.history().get(c.history().size() - 1).state().name().toLowerCase() + (c.incidents().isEmpty() ? " (no incident named)" : " " + c.incidents().stream().map(i -> i + c.match(i).map(m -> " (" + m.describe() + ")").orElse("")).toList());
      case Victim v -> v.nameLatin().or(v::nameOriginal).or(v::description).orElse("?") + ", " + v.outcome().name().toLowerCase();
      case org.harmledger.domain.LinkDecision d -> d.victimA() + " and " + d.victimB() + ": " + d.decision().name().toLowerCase().replace('_', '-') + d.note().map(x -> " (" + x + ")").orElse("");
    };
  }
}
