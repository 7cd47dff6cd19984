package org.harmledger.cli;

import java.util.Optional;
import org.harmledger.domain.LinkDecision;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A clerical review decision on a pair of victims, kept in the ledger and respected by `link --campaign`. */
@Command(name = "decide", mixinStandardHelpOptions = true,
    description = {
      "Record a review decision on two victim records: the same person (--match) or not (--non-match).",
      "The decision is a ledger entry; every later `link --config S.json --campaign ID` respects it (a match always joins the two, a non-match keeps them apart). Retract it (retract link_decision ID --reason WHY) to undo it.",
      "Example: ./harmledger decide vic-3 vic-9 --non-match --reason \"cousins: same name, different fathers (family testimony)\""
    })
final class DecideCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  @Parameters(index = "0", description = "One victim's id.") String a;
  @Parameters(index = "1", description = "The other victim's id.") String b;

  @ArgGroup(exclusive = true, multiplicity = "1") Choice choice;

  static final class Choice {
    @Option(names = "--match", required = true, description = "They are the same person.") boolean match;
    @Option(names = "--non-match", required = true, description = "They are different people.") boolean nonMatch;
  }

  @Option(names = "--reason", required = true, description = "Why (kept in the ledger entry).") String reason;
  @Option(names = "--note", description = "A longer note kept on the decision.") String note;

  @Override
  public Integer call() {
    LinkDecision d = new LinkDecision(null, a, b, choice.match ? LinkDecision.Decision.MATCH : LinkDecision.Decision.NON_MATCH, Optional.ofNullable(note));
    StoredRecord s = ledger().create(d, meta(reason));
    out().println(s.id());
    return 0;
  }
}
