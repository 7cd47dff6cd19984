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
    return new DateSpan(LocalDate.parse(start), LocalDate.parse(end));
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
