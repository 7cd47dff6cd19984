package org.harmledger.cli;

import java.time.LocalDate;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Grading;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "grade", mixinStandardHelpOptions = true, description = "Grade an incident on the Airwars scale: confirmed, fair, weak, contested, discounted.")
final class GradeCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  @Parameters(index = "0", description = "Incident id.") String incident;
  @Parameters(index = "1", description = "confirmed, fair, weak, contested or discounted") Grade grade;
  @Option(names = "--rationale", required = true, description = "Why this grade.") String rationale;
  @Option(names = "--on", description = "Date the grading takes effect. Default: today.") LocalDate on;
  @Option(names = "--expect-version", description = "The version your change is based on (show prints it); refused if someone has changed the record since.") Long expectVersion;

  @Override
  public Integer call() {
    var ledger = ledger();
    StoredRecord s;
    try {
      s = ledger.grade(incident, new Grading(grade, rationale, on == null ? ledger.today() : on), version(expectVersion), meta(rationale));
    } catch (ValidationException e) {
      // gradings[1].on → --on
      throw byOption(e, f -> f.matches("gradings\\[\\d+\\]\\.(on|rationale)") ? "--" + f.substring(f.indexOf('.') + 1) : f.matches("gradings\\[\\d+\\]\\.grade") ? "<grade>" : null);
    }
    out().println(s.id() + " graded " + grade.name().toLowerCase() + " (version " + s.version() + ")");
    return 0;
  }
}
