package org.harmledger.cli;

import java.time.LocalDate;
import java.util.Optional;
import org.harmledger.domain.CaseState;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.NonCredibleReason;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "case", mixinStandardHelpOptions = true,
    description = {"Move a case to a new state: open, credible, non_credible, duplicate, closed, reopened.",
        "Example: case case-7 credible --on 2018-07-01 --conceded-killed 3 --note 'CJTF-OIR monthly report'"})
final class TransitionCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  @Parameters(index = "0", description = "Case id.") String id;
  @Parameters(index = "1", description = "The new state.") CaseState state;
  @Option(names = "--on", description = "Date of the change. Default: today.") LocalDate on;
  @Option(names = "--on-or-before", description = "The date is only known as a bound (it happened by then).") boolean onOrBefore;
  @Option(names = "--note", defaultValue = "", description = "What the belligerent said or did, in a few words.") String note;
  @Option(names = "--reason-code", description = "For non_credible: no_strikes_at_time_and_place, insufficient_information, no_civilians_harmed, another_party_responsible, harm_not_caused_by_strike, not_stated, other") NonCredibleReason reasonCode;
  @Option(names = "--conceded-killed", description = "For credible: N, MIN-MAX or MIN+.") String concededKilled;
  @Option(names = "--conceded-injured", description = "For credible: injured conceded, N, MIN-MAX or MIN+.") String concededInjured;
  @Option(names = "--duplicate-of", description = "For duplicate: the case it repeats.") String duplicateOf;
  @Option(names = "--source", description = "The source reporting this change.") String source;
  @Option(names = "--reason", description = "Why you record it (default: the note).") String reason;
  @Option(names = "--expect-version", description = "The version your change is based on (show prints it); refused if someone has changed the record since.") Long expectVersion;

  private static final java.util.regex.Pattern STEP_FIELD = java.util.regex.Pattern.compile("history\\[\\d+\\]\\.([a-z_]+)(.*)");

  /** The option that sets a step's field; null for a field no option sets. */
  static String option(String field) {
    java.util.regex.Matcher m = STEP_FIELD.matcher(field);
    if (!m.matches()) return null;
    String o = switch (m.group(1)) {
      case "reason" -> "--reason-code";
      case "on" -> "--on";
      case "on_or_before" -> "--on-or-before";
      case "note" -> "--note";
      case "conceded_killed" -> "--conceded-killed";
      case "conceded_injured" -> "--conceded-injured";
      case "duplicate_of" -> "--duplicate-of";
      case "source" -> "--source";
      case "state" -> "<state>";
      default -> null;
    };
    return o == null ? null : o + m.group(2);
  }

  @Override
  public Integer call() {
    var ledger = ledger();
    CaseStep step = new CaseStep(state, on == null ? ledger.today() : on, onOrBefore, note, Optional.ofNullable(reasonCode),
        Optional.ofNullable(concededKilled).map(s -> Parse.range("--conceded-killed", s)), Optional.ofNullable(concededInjured).map(s -> Parse.range("--conceded-injured", s)),
        Optional.ofNullable(duplicateOf), Optional.ofNullable(source));
    StoredRecord s;
    try {
      s = ledger.transition(id, step, version(expectVersion), meta(reason));
    } catch (ValidationException e) {
      throw byOption(e, TransitionCommand::option); // history[2].on → --on
    }
    out().println(s.id() + " is now " + state.name().toLowerCase() + " (version " + s.version() + ")");
    return 0;
  }
}
