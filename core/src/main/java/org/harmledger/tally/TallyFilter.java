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

  public boolean isEmpty() {
    return period.isEmpty() && bbox.isEmpty();
  }
}
