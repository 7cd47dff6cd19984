package org.harmledger.server.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.harmledger.domain.Problem;
import org.harmledger.domain.Range;
import org.harmledger.ledger.Json;
import org.harmledger.tally.TallyReport;

/** How the pages write figures, dates and data for the charts. Static helpers for the templates. */
public final class Fmt {
  private Fmt() {}

  public static String range(Range r) {
    if (r.max().isEmpty()) return "≥ " + num(r.min());
    long max = r.max().getAsLong();
    return max == r.min() ? num(r.min()) : num(r.min()) + "–" + num(max);
  }

  /** As typed in a form: 23, 10-12, 200+ (what {@link Range#parse} reads). */
  public static String editable(Range r) {
    if (r.max().isEmpty()) return r.min() + "+";
    return r.max().getAsLong() == r.min() ? Long.toString(r.min()) : r.min() + "-" + r.max().getAsLong();
  }

  public static String range(Optional<Range> r) {
    return r.map(Fmt::range).orElse("—");
  }

  public static String figure(TallyReport.Figure f) {
    if (!f.known()) return "not known";
    if (f.max() == null) return "≥ " + num(f.min());
    return f.max().equals(f.min()) ? num(f.min()) : num(f.min()) + "–" + num(f.max());
  }

  public static String num(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  public static String ratio(TallyReport.Ratio r) {
    if (r.min() == null) return "—";
    String min = String.format(Locale.ROOT, "%.1f×", r.min());
    return r.max() == null ? "≥ " + min : r.max().equals(r.min()) ? min : min + "–" + String.format(Locale.ROOT, "%.1f×", r.max());
  }

  /** "possible 1, not stated 2": the counts above zero, in the map's order. */
  public static String nonZero(java.util.Map<String, Integer> counts) {
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> {
      if (v > 0) b.append(b.isEmpty() ? "" : ", ").append(k.toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ').append(v);
    });
    return b.toString();
  }

  /**
   * What a case report's "new" cell adds to its count: how many were first recorded already past
   * open, and how the allegations came in (only when some case says).
   */
  public static String openedNote(org.harmledger.tally.CaseReport.Period p) {
    List<String> parts = new java.util.ArrayList<>();
    if (!p.openedEarlier().isEmpty()) parts.add(p.openedEarlier().size() + " first recorded already past open (opened earlier, date unknown)");
    if (p.openedByChannel().keySet().stream().anyMatch(k -> !k.equals("not_stated"))) {
      parts.add("came in through: " + org.harmledger.domain.AllegationChannel.describe(p.openedByChannel()));
    }
    return String.join("; ", parts);
  }

  public static String label(String enumLike) {
    if (enumLike == null) return "";
    String s = enumLike.toLowerCase(Locale.ROOT).replace('_', ' ');
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** JSON for a {@code <script type="application/json">} island: nothing in it can close the tag. */
  public static String island(Object value) {
    return Json.write(value).replace("</", "<\\/").replace("<!--", "<\\!--");
  }

  /** The message for a form field, or empty: what the service said about that field (or a field under it). */
  public static String errorFor(List<Problem> problems, String field) {
    StringBuilder b = new StringBuilder();
    for (Problem p : problems) {
      if (p.field().equals(field) || p.field().startsWith(field + ".") || p.field().startsWith(field + "[")) {
        if (!b.isEmpty()) b.append("; ");
        b.append(p.value() == null || String.valueOf(p.value()).isEmpty() ? "" : "“" + p.value() + "”: ").append(p.rule());
      }
    }
    return b.toString();
  }

  public static boolean hasError(List<Problem> problems, String field) {
    return !errorFor(problems, field).isEmpty();
  }

  /** Problems no field of the form shows, so that none is lost. */
  public static List<Problem> unplaced(List<Problem> problems, List<String> fields) {
    return problems.stream().filter(p -> fields.stream().noneMatch(f -> p.field().equals(f) || p.field().startsWith(f + ".") || p.field().startsWith(f + "["))).toList();
  }

  public static String grade(String g) {
    return g == null ? "ungraded" : g.toLowerCase(Locale.ROOT);
  }
}
