package org.harmledger.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.harmledger.tally.CaseReport;
import org.harmledger.tally.CaseReport.Conceded;
import org.harmledger.tally.CaseReport.Period;

/**
 * A case report as a spreadsheet: one row per period, each count followed by the cases behind
 * it (space-separated ids), so that a column of numbers can be checked against the cases without
 * going back to the ledger. Conceded figures are a min and a max column (the max blank when one
 * of the concessions was open above, blank both when none conceded one). Non-credible reasons and
 * the channels the new cases' allegations came in by are written as {@code name:count} pairs.
 */
public final class CaseReportCsv {
  private CaseReportCsv() {}

  /** The count columns, in the order of a belligerent's monthly report; each is followed by its "_cases" column with the ids. */
  private record Count(String column, Function<Period, List<String>> cases) {}

  private static final List<Count> COUNTS = List.of(
      new Count("carried_over", Period::carriedOver), new Count("opened", Period::opened), new Count("opened_earlier", Period::openedEarlier),
      new Count("credible", Period::credible), new Count("non_credible", Period::nonCredible), new Count("duplicate", Period::duplicate),
      new Count("closed", Period::closed), new Count("reopened", Period::reopened), new Count("open_at_end", Period::openAtEnd));

  public static void write(CaseReport r, Writer out) {
    List<String> header = new ArrayList<>(List.of("campaign", "belligerent", "by", "period", "start", "end"));
    for (Count c : COUNTS) {
      header.add(c.column());
      header.add(c.column() + "_cases");
    }
    header.addAll(List.of("opened_by_channel", "non_credible_reasons", "conceded_killed_min", "conceded_killed_max", "conceded_injured_min", "conceded_injured_max", "dated_by_bound_cases"));
    try {
      CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
      for (Period x : r.periods()) {
        List<Object> row = new ArrayList<>(List.of(r.campaign(), r.belligerent().orElse(""), r.by(), x.label(), x.start(), x.end()));
        for (Count c : COUNTS) {
          List<String> ids = c.cases().apply(x);
          row.add(ids.size());
          row.add(String.join(" ", ids));
        }
        row.add(pairs(x.openedByChannel()));
        row.add(pairs(x.nonCredibleReasons()));
        addConceded(row, x.concededKilled());
        addConceded(row, x.concededInjured());
        row.add(String.join(" ", x.datedByBound()));
        p.printRecord(row);
      }
      p.flush(); // the caller owns the writer: flush, never close
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "ngo:2 media:1": codes a spreadsheet can split on spaces and colons. */
  private static String pairs(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
  }

  private static void addConceded(List<Object> row, Conceded c) {
    row.add(c == null ? "" : c.min());
    row.add(c == null || c.max() == null ? "" : c.max());
  }
}
