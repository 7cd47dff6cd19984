package org.harmledger.domain;

import java.util.List;
import java.util.Optional;

/** A named scope of harm: an area, a period and the parties fighting there. */
public record Campaign(
    String id,
    String name,
    Optional<String> description,
    Area area,
    DateSpan period,
    List<String> parties)
    implements LedgerRecord {
  public Campaign {
    description = description == null ? Optional.empty() : description;
    parties = parties == null ? List.of() : List.copyOf(parties);
  }

  @Override
  public RecordType type() {
    return RecordType.CAMPAIGN;
  }

  @Override
  public void check(Problems p) {
    LedgerRecord.checkId(p, id);
    p.requireText(name, "name");
    if (area == null) p.add("area", "", "is required");
    else area.check(p, "area");
    if (period == null) p.add("period", "", "is required");
    else period.check(p, "period");
  }

  // What lies in the campaign: entry refuses an incident or aggregate claim outside it, and a
  // tally leaves out one that an amended campaign has left outside. No box: anywhere.

  /** Whether {@code span} has any day in the campaign's period. */
  public boolean sharesTime(DateSpan span) {
    return span.overlaps(period);
  }

  /** Whether {@code box} has any point in the campaign's area. */
  public boolean sharesPlace(BoundingBox box) {
    return area.bbox().map(box::intersects).orElse(true);
  }

  /** Whether the point lies in the campaign's area. */
  public boolean holds(double lat, double lon) {
    return area.bbox().map(b -> b.contains(lat, lon)).orElse(true);
  }

  @Override
  public Campaign withId(String newId) {
    return new Campaign(newId, name, description, area, period, parties);
  }
}
