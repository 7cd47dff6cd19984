package org.harmledger.domain;

import java.util.Optional;

/**
 * The allegation a case assesses, as the belligerent describes it: when and where it says the
 * harm happened ("14 June 2017", "near Raqqa, Syria"), how the allegation reached it, and who made
 * it. For a case that names no incident this is all there is to match it by, so it is kept as
 * stated, beside the incidents a recorder later matches.
 */
public record Allegation(Optional<StatedTime> time, Optional<StatedPlace> place, Optional<AllegationChannel> channel, Optional<String> by, Optional<String> source) {
  public Allegation {
    time = time == null ? Optional.empty() : time;
    place = place == null ? Optional.empty() : place;
    channel = channel == null ? Optional.empty() : channel;
    by = by == null ? Optional.empty() : by;
    source = source == null ? Optional.empty() : source;
  }

  /** An allegation without the source it was read in. */
  public Allegation(Optional<StatedTime> time, Optional<StatedPlace> place, Optional<AllegationChannel> channel, Optional<String> by) {
    this(time, place, channel, by, Optional.empty());
  }

  /**
   * {@code source} is the ledger's source in which the allegation is recorded (the belligerent's
   * report that lists it, or the monitor's that raised it): the service checks that it exists.
   */
  public void check(Problems p, String field) {
    p.require(time.isPresent() || place.isPresent() || channel.isPresent() || by.isPresent() || source.isPresent(), field, "{}",
        "give at least one of time, place, channel, by, source (or leave the allegation out)");
    time.ifPresent(t -> t.check(p, field + ".time"));
    place.ifPresent(x -> x.check(p, field + ".place"));
    by.ifPresent(b -> p.require(!b.isBlank(), field + ".by", b, "must not be blank (leave it out when not known)"));
  }
}
