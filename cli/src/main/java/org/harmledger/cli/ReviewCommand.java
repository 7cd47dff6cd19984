package org.harmledger.cli;

import org.harmledger.domain.ClaimStatus;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "review", mixinStandardHelpOptions = true, description = "Accept or reject a draft claim (or return it to draft).")
final class ReviewCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", description = "Claim id.") String claim;
  @Parameters(index = "1", description = "accepted, rejected or draft") ClaimStatus decision;
  @Option(names = "--reason", description = "Why (required to reject).") String reason;
  @Option(names = "--expect-version", description = "The version your change is based on (show prints it); refused if someone has changed the record since.") Long expectVersion;

  @Override
  public Integer call() {
    // Rejecting needs a reason (the API asks the same); accepting may go without one.
    String why = reason != null ? reason : decision == ClaimStatus.REJECTED ? "" : "reviewed: " + decision.name().toLowerCase();
    StoredRecord s = ledger().review(claim, decision, version(expectVersion), meta(why));
    out().println(s.id() + " is now " + decision.name().toLowerCase());
    return 0;
  }
}
