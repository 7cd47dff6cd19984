package org.harmledger.domain;

import java.util.OptionalLong;

/**
 * A count of people as a closed range {@code min..max}, or open above when the source gave only a
 * lower bound ("hundreds" is at least 200; "more than 1,600" is at least 1,601). Exact figures
 * have {@code min == max}. Immutable.
 */
public record Range(long min, OptionalLong max) {
  public Range {
    max = max == null ? OptionalLong.empty() : max;
  }

  public static Range exactly(long n) {
    return new Range(n, OptionalLong.of(n));
  }

  public static Range between(long min, long max) {
    return new Range(min, OptionalLong.of(max));
  }

  public static Range atLeast(long min) {
    return new Range(min, OptionalLong.empty());
  }

  public static final Range ZERO = exactly(0);

  private static final java.util.regex.Pattern TEXT =
      java.util.regex.Pattern.compile("\\s*(\\d{1,15})\\s*(?:(\\+)|(?:(?:-|–|\\.\\.)\\s*(\\d{1,15})))?\\s*");

  /** Parses "23", "10-12", "10..12" or "200+" (at least 200); problems are reported under {@code field}. */
  public static Range parse(String field, String text) {
    var m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new ValidationException(Problem.of(field, text, "must be N, MIN-MAX, or MIN+ for 'at least MIN'"
          + (text != null && text.chars().anyMatch(Character::isLetter) ? " (words are kept as their lower bound: 'hundreds' as 200+, 'dozens' as 24+, 'more than 1,600' as 1601+; the words themselves go in the quote)" : "")));
    }
    long min = Long.parseLong(m.group(1));
    Range r = m.group(2) != null ? atLeast(min) : m.group(3) != null ? between(min, Long.parseLong(m.group(3))) : exactly(min);
    Problems p = new Problems();
    r.check(p, field);
    p.throwIfAny();
    return r;
  }

  public boolean bounded() {
    return max.isPresent();
  }

  /** Sum of two ranges; unbounded if either is. */
  public Range plus(Range o) {
    return new Range(
        min + o.min,
        max.isPresent() && o.max.isPresent()
            ? OptionalLong.of(max.getAsLong() + o.max.getAsLong())
            : OptionalLong.empty());
  }

  /** The smallest range containing both (Airwars' convention: lowest minimum, highest maximum). */
  public Range envelope(Range o) {
    return new Range(
        Math.min(min, o.min),
        max.isPresent() && o.max.isPresent()
            ? OptionalLong.of(Math.max(max.getAsLong(), o.max.getAsLong()))
            : OptionalLong.empty());
  }

  /** Component-wise maximum: the larger lower bound and the larger upper bound. */
  public Range atLeastAsLargeAs(Range o) {
    return new Range(
        Math.max(min, o.min),
        max.isPresent() && o.max.isPresent()
            ? OptionalLong.of(Math.max(max.getAsLong(), o.max.getAsLong()))
            : OptionalLong.empty());
  }

  public void check(Problems p, String field) {
    p.require(min >= 0, field + ".min", min, "must be 0 or more");
    if (max.isPresent()) {
      p.require(
          max.getAsLong() >= min,
          field + ".max",
          max.getAsLong(),
          "must not be less than min (" + min + ")");
    }
  }

  @Override
  public String toString() {
    if (max.isEmpty()) return "≥" + min;
    return min == max.getAsLong() ? Long.toString(min) : min + "–" + max.getAsLong();
  }
}
