package org.harmledger.tally;

import java.util.Optional;
import org.harmledger.domain.BoundingBox;
import org.harmledger.domain.DateSpan;

/**
 * Narrows a tally to part of a campaign. Incidents count when their time overlaps the period and
 * their point lies in the box; aggregate claims count only when their whole scope lies inside
 * (a figure for June–October cannot be split into August).
 */
public record TallyFilter(Optional<DateSpan> period, Optional<BoundingBox> bbox) {
  public TallyFilter {
    period = period == null ? Optional.empty() : period;
    bbox = bbox == null ? Optional.empty() : bbox;
  }

  public static final TallyFilter NONE = new TallyFilter(Optional.empty(), Optional.empty());

  /** From the text forms the CLI and the API take: {@code START/END} and {@code south,west,north,east}. */
  public static TallyFilter parse(String periodField, Optional<String> period, String bboxField, Optional<String> bbox) {
    return new TallyFilter(period.map(p -> DateSpan.parseChecked(periodField, p)), bbox.map(b -> BoundingBox.parse(bboxField, b)));
  }

  public boolean isEmpty() {
    return period.isEmpty() && bbox.isEmpty();
  }
}
