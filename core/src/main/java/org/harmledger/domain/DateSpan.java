package org.harmledger.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A closed interval of days, earliest to latest. A single known day has {@code start == end}; a
 * date known only to the month spans the month. Immutable.
 */
public record DateSpan(LocalDate start, LocalDate end) {
  public static DateSpan day(LocalDate d) {
    return new DateSpan(d, d);
  }

  public static DateSpan of(String start, String end) {
    return new DateSpan(parseIso(start), parseIso(end));
  }

  /**
   * Parses "START/END" or one day ("2017-06-06/2017-10-17", "2017-06-06"), as the command line
   * and the API take periods. Only the form is checked here: call {@link #check} for the order
   * (records do, with their other problems).
   */
  public static DateSpan parse(String field, String text) {
    String[] parts = text == null ? new String[0] : text.split("/", -1);
    try {
      if (parts.length == 1) return of(parts[0].trim(), parts[0].trim());
      if (parts.length == 2) return of(parts[0].trim(), parts[1].trim());
    } catch (java.time.format.DateTimeParseException e) {
      // reported below
    }
    throw new ValidationException(Problem.of(field, text, "must be START/END as YYYY-MM-DD/YYYY-MM-DD, or one day"));
  }

  /** {@link #parse}, and the end must not be before the start. */
  public static DateSpan parseChecked(String field, String text) {
    DateSpan d = parse(field, text);
    Problems p = new Problems();
    d.check(p, field);
    p.throwIfAny();
    return d;
  }

  /**
   * Parses YYYY-MM-DD as {@link LocalDate#parse} does, several times faster: a tally reads a
   * date per claim, hundreds of thousands at a time. Anything else goes to {@code LocalDate.parse}
   * (and its error).
   */
  public static LocalDate parseIso(String s) {
    if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
      int y = digits(s, 0, 4);
      int m = digits(s, 5, 7);
      int d = digits(s, 8, 10);
      if (y >= 0 && m >= 0 && d >= 0) {
        try {
          return LocalDate.of(y, m, d);
        } catch (java.time.DateTimeException e) {
          // fall through to LocalDate.parse for its own message
        }
      }
    }
    return LocalDate.parse(s);
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  }

  public long days() {
    return ChronoUnit.DAYS.between(start, end) + 1;
  }

  public boolean overlaps(DateSpan o) {
    return !start.isAfter(o.end) && !o.start.isAfter(end);
  }

  public boolean within(DateSpan o) {
    return !start.isBefore(o.start) && !end.isAfter(o.end);
  }

  public void check(Problems p, String field) {
    p.requireNonNull(start, field + ".start");
    p.requireNonNull(end, field + ".end");
    if (start != null && end != null) {
      p.require(!end.isBefore(start), field + ".end", end, "must not be before start (" + start + ")");
    }
  }

  /** UCDP GED {@code date_prec}: 1 exact day, 2 within 2–6 days, 3 within a month, 4 within a year, 5 longer. */
  public int gedDatePrecision() {
    long d = days();
    if (d <= 1) return 1;
    if (d <= 6) return 2;
    if (d <= 31) return 3;
    if (d <= 366) return 4;
    return 5;
  }

  @Override
  public String toString() {
    return start.equals(end) ? start.toString() : start + "/" + end;
  }
}
