package org.harmledger.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.harmledger.tally.CaseReport;
import org.harmledger.tally.TallyFilter;
import org.harmledger.tally.TallyReport;
import org.harmledger.tally.TallyReport.Figure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tally", mixinStandardHelpOptions = true,
    description = "Killed and injured for a campaign: official, independent and incident-documented, with case counts.")
final class TallyCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", description = "Campaign id, e.g. raqqa-2017.")
  String campaign;

  @Option(names = "--as-of", description = "Count only what had been published by the end of this day (YYYY-MM-DD). Default: today.")
  LocalDate asOf;

  @Option(names = "--period", description = "Only incidents in START/END, and aggregate claims wholly inside it.")
  String period;

  @Option(names = "--bbox", description = "Only incidents inside south,west,north,east (degrees).")
  String bbox;

  @Option(names = "--json", description = "Print JSON, with the claims behind every figure.")
  boolean json;

  @Option(names = "--evolution", description = "Show how the gap evolved: the figures on every date something changed, up to --as-of.")
  boolean evolution;

  @Option(names = "--points", paramLabel = "N", description = "With --evolution: at most N dates (the first, the last, and evenly spaced ones between). Default: every date.")
  Integer points;

  @Option(names = "--cases-by", paramLabel = "UNIT", description = "Show the campaign's cases period by period (month, quarter or year), as a belligerent's monthly report counts them: carried over, new, credible, non-credible, duplicate, closed, reopened, open at the end; each count with the cases behind it.")
  String casesBy;

  @Option(names = "--belligerent", paramLabel = "NAME", description = "With --cases-by: only this belligerent's cases (its name as recorded).")
  String belligerent;

  @Option(names = "--csv", description = "With --cases-by: print the report as CSV, one row per period, each count followed by the ids of the cases behind it.")
  boolean csv;

  @Option(names = "--no-basis", description = "Leave out the lists of incident-level claims behind the figures, and the superseded and left-out claims (large campaigns).")
  boolean noBasis;

  @Override
  public Integer call() {
    if (belligerent != null && casesBy == null) throw new org.harmledger.domain.ValidationException(org.harmledger.domain.Problem.of("--belligerent", belligerent, "only goes with --cases-by"));
    if (csv && casesBy == null) throw new org.harmledger.domain.ValidationException(org.harmledger.domain.Problem.of("--csv", "", "only goes with --cases-by (for incidents as CSV, use export incidents)"));
    if (casesBy != null) {
      if (csv && json) throw new org.harmledger.domain.ValidationException(org.harmledger.domain.Problem.of("--csv", "", "choose one of --csv and --json"));
      if (evolution || period != null || bbox != null) {
        throw new org.harmledger.domain.ValidationException(org.harmledger.domain.Problem.of("--cases-by", casesBy, "a case report takes --as-of, --belligerent, --json and --csv, not --evolution, --period or --bbox"));
      }
      CaseReport r = ledger().caseReport(campaign, Optional.ofNullable(asOf), CaseReport.Unit.parse("--cases-by", casesBy), Optional.ofNullable(belligerent));
      if (json) printJson(r);
      else if (csv) {
        org.harmledger.io.CaseReportCsv.write(r, out());
        out().flush();
      } else out().println(text(r));
      return 0;
    }
    TallyFilter f = TallyFilter.parse("--period", Optional.ofNullable(period), "--bbox", Optional.ofNullable(bbox));
    if (evolution) {
      if (this.points != null && this.points < 2) throw new org.harmledger.domain.ValidationException(org.harmledger.domain.Problem.of("--points", this.points, "must be 2 or more"));
      var points = ledger().gapHistory(campaign, Optional.ofNullable(asOf), f, this.points == null ? Integer.MAX_VALUE : this.points);
      if (json) {
        printJson(points);
      } else {
        out().printf("%-11s %-16s %-16s %-22s %s%n", "date", "official", "independent", "documented", "cases opened/reopened");
        for (var p : points) {
          out().printf("%-11s %-16s %-16s %-22s %d/%d%n", p.date(), show(p.killed().official()), show(p.killed().independent()), show(p.killed().documented()), p.opened(), p.reopened());
        }
      }
      return 0;
    }
    TallyReport t = ledger().tally(campaign, Optional.ofNullable(asOf), f, !noBasis);
    if (json) printJson(t);
    else out().println(text(t));
    return 0;
  }

  static String text(TallyReport t) {
    StringBuilder b = new StringBuilder();
    b.append(t.campaignName()).append(" (").append(t.campaign()).append("), as of ").append(t.asOf());
    t.period().ifPresent(p -> b.append(", period ").append(p));
    t.bbox().ifPresent(p -> b.append(", box ").append(p));
    b.append('\n');
    b.append(String.format("  %-13s %-22s %-22s%n", "", "killed", "injured"));
    row(b, "official", t.killed().official(), t.injured().official());
    row(b, "independent", t.killed().independent(), t.injured().independent());
    row(b, "documented", t.killed().documented(), t.injured().documented());
    if (t.killed().other().known() || t.injured().other().known()) row(b, "other", t.killed().other(), t.injured().other());
    if (t.killed().documented().known()) {
      b.append("  documented killed by grading: ");
      b.append(String.join(", ", t.killed().documented().byGrading().entrySet().stream().map(e -> e.getKey() + " " + show(e.getValue())).toList()));
      b.append('\n');
    }
    var r = t.killed().ratio();
    if (r.min() != null) {
      b.append(String.format("  independent is %s× the official figure (killed)%n", r.max() == null ? "at least " + r.min() : r.min() + "–" + r.max()));
    }
    var c = t.cases();
    b.append(String.format("  cases: %d opened, %d open, %d closed, %d reopened, %d credible, %d non-credible, %d duplicate, %d not assessed%n",
        c.opened(), c.open(), c.closed(), c.reopened(), c.credible(), c.nonCredible(), c.duplicate(), c.notAssessed()));
    var m = c.documentedIncidents();
    if (m.counted() > 0) {
      String by = m.byConfidence().entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey().replace('_', ' ') + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
      b.append(String.format("  documented incidents matched to a case: %d of %d%s%n", m.matched(), m.counted(), by.isEmpty() ? "" : " (" + by + ")"));
    }
    if (t.superseded() != null && !t.superseded().isEmpty()) b.append("  superseded: ").append(t.superseded().stream().map(s -> s.claim() + "→" + s.by()).distinct().toList()).append('\n');
    if (t.excluded() != null && !t.excluded().isEmpty()) b.append("  left out: ").append(t.excluded().stream().map(e -> e.claim() + " (" + e.reason() + ")").toList()).append('\n');
    return b.toString().stripTrailing();
  }

  static String text(CaseReport r) {
    StringBuilder b = new StringBuilder();
    b.append("Cases of ").append(r.campaignName()).append(" (").append(r.campaign()).append(") by ").append(r.by()).append(", as of ").append(r.asOf());
    b.append(r.belligerent().map(x -> ", " + x).orElse(r.belligerents().size() > 1 ? ", all belligerents (" + String.join(", ", r.belligerents()) + ")" : "")).append('\n');
    if (r.periods().isEmpty()) return b.append("  no case has a step by then").toString();
    String format = "  %-9s %8s %8s %9s %13s %10s %7s %9s %12s  %s%n";
    b.append(String.format(format, "period", "carried", "new", "credible", "non-credible", "duplicate", "closed", "reopened", "open at end", "conceded killed"));
    for (CaseReport.Period p : r.periods()) {
      String opened = (p.opened().size() - p.openedEarlier().size()) + (p.openedEarlier().isEmpty() ? "" : " (+" + p.openedEarlier().size() + ")");
      b.append(String.format(format, p.label(), p.carriedOver().size(), opened, p.credible().size(), p.nonCredible().size(), p.duplicate().size(),
          p.closed().size(), p.reopened().size(), p.openAtEnd().size(), p.concededKilled() == null ? "—" : p.concededKilled().toString()));
    }
    b.append("the cases behind each count:\n");
    for (CaseReport.Period p : r.periods()) {
      b.append("  ").append(p.label()).append('\n');
      List<String> brandNew = p.opened().stream().filter(id -> !p.openedEarlier().contains(id)).toList();
      names(b, "new", brandNew);
      names(b, "first recorded in a later state (opened earlier, date unknown)", p.openedEarlier());
      if (p.openedByChannel().keySet().stream().anyMatch(k -> !k.equals("not_stated"))) {
        b.append("    new, by how the allegation came in: ").append(org.harmledger.domain.AllegationChannel.describe(p.openedByChannel())).append('\n');
      }
      names(b, "credible", p.credible());
      if (!p.nonCredible().isEmpty()) {
        String reasons = p.nonCredibleReasons().entrySet().stream().map(x -> x.getKey().replace('_', ' ') + " " + x.getValue()).collect(java.util.stream.Collectors.joining(", "));
        b.append("    non-credible: ").append(String.join(", ", p.nonCredible())).append(reasons.isEmpty() ? "" : " (reasons: " + reasons + ")").append('\n');
      }
      names(b, "duplicate", p.duplicate());
      names(b, "closed", p.closed());
      names(b, "reopened", p.reopened());
      names(b, "dated only as \"on or before\" (the step may belong to an earlier period)", p.datedByBound());
    }
    if (r.periods().stream().anyMatch(p -> !p.openedEarlier().isEmpty())) {
      b.append("  (+N) under new: cases first recorded in the period in a later state, such as already closed; opened earlier, on a date no source gives\n");
    }
    CaseReport.Period last = r.periods().get(r.periods().size() - 1);
    b.append("  open on ").append(r.asOf()).append(": ").append(last.openAtEnd().isEmpty() ? "none" : String.join(", ", last.openAtEnd()));
    return b.toString();
  }

  private static void names(StringBuilder b, String what, List<String> ids) {
    if (!ids.isEmpty()) b.append("    ").append(what).append(": ").append(String.join(", ", ids)).append('\n');
  }

  private static void row(StringBuilder b, String name, Figure k, Figure i) {
    b.append(String.format("  %-13s %-22s %-22s%n", name, show(k), show(i)));
  }

  static String show(Figure f) {
    if (!f.known()) return "—";
    String r = f.max() == null ? "at least " + f.min() : f.min().equals(f.max()) ? f.min().toString() : f.min() + "–" + f.max();
    if (f.incidents() != null) r += " (" + f.incidents() + " incidents)";
    return r;
  }
}
