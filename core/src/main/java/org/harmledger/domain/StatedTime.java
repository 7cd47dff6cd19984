package org.harmledger.domain;

import java.util.Optional;

/** The time as the source stated it ("fra juni til oktober 2017"), and the days that covers. */
public record StatedTime(String text, Optional<DateSpan> span) {
  public StatedTime {
    span = span == null ? Optional.empty() : span;
  }

  public void check(Problems p, String field) {
    p.requireText(text, field + ".text");
    span.ifPresent(s -> s.check(p, field + ".span"));
  }
}
