package org.harmledger.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One event in time and place, to which claims from many sources attach. Its gradings are kept
 * in order; the one in force on a date is the latest taking effect on or before it.
 */
public record Incident(
    String id,
    Optional<String> campaign,
    String title,
    DateSpan time,
    Place place,
    StrikeType strikeType,
    List<String> suspectedBelligerents,
    List<Grading> gradings,
    Optional<String> notes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> codes)
    implements LedgerRecord {
  public Incident {
    campaign = campaign == null ? Optional.empty() : campaign;
    strikeType = strikeType == null ? StrikeType.UNKNOWN : strikeType;
    suspectedBelligerents = suspectedBelligerents == null ? List.of() : List.copyOf(suspectedBelligerents);
    gradings = gradings == null ? List.of() : List.copyOf(gradings);
    notes = notes == null ? Optional.empty() : notes;
    codes = codes == null ? List.of() : List.copyOf(codes);
  }

  /** An incident no other dataset's code is recorded for. */
  public Incident(String id, Optional<String> campaign, String title, DateSpan time, Place place, StrikeType strikeType, List<String> suspectedBelligerents,
      List<Grading> gradings, Optional<String> notes) {
    this(id, campaign, title, time, place, strikeType, suspectedBelligerents, gradings, notes, List.of());
  }

  /**
   * A code another dataset gives the incident, as {@code dataset:code}: {@code airwars:CS1234},
   * {@code ucdp-ged:244001}, {@code acled:SYR12345}. An incident keeps every code it has had (Airwars
   * renames incidents when it merges them), so an old code still finds it.
   */
  static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[a-z][a-z0-9-]*:\\S+");

  @Override
  public RecordType type() {
    return RecordType.INCIDENT;
  }

  @Override
  public void check(Problems p) {
    LedgerRecord.checkId(p, id);
    p.requireText(title, "title");
    if (time == null) p.add("time", "", "is required");
    else time.check(p, "time");
    if (place == null) p.add("place", "", "is required");
    else place.check(p, "place");
    for (int i = 0; i < suspectedBelligerents.size(); i++) {
      String b = suspectedBelligerents.get(i);
      p.require(b != null && !b.isBlank(), "suspected_belligerents[" + i + "]", b == null ? "" : b, "must not be blank (leave it out when none is suspected)");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < codes.size(); i++) {
      String c = codes.get(i);
      p.require(c != null && CODE.matcher(c).matches(), "codes[" + i + "]", c == null ? "" : c, "must be dataset:code, e.g. airwars:CS1234 or ucdp-ged:244001");
      p.require(c == null || seen.add(c), "codes[" + i + "]", c, "is listed twice");
    }
    LocalDate previous = null;
    for (int i = 0; i < gradings.size(); i++) {
      Grading g = gradings.get(i);
      g.check(p, "gradings[" + i + "]");
      if (previous != null && g.on() != null) {
        p.require(
            !g.on().isBefore(previous),
            "gradings[" + i + "].on",
            g.on(),
            "must not be before the previous grading (" + previous + ")");
      }
      if (g.on() != null) previous = g.on();
    }
  }

  public Optional<Grading> gradingOn(LocalDate date) {
    return gradings.stream()
        .filter(g -> !g.on().isAfter(date))
        .max(Comparator.comparing(Grading::on));
  }

  public Optional<Grading> currentGrading() {
    return gradings.isEmpty() ? Optional.empty() : Optional.of(gradings.get(gradings.size() - 1));
  }

  @Override
  public Incident withId(String newId) {
    return new Incident(newId, campaign, title, time, place, strikeType, suspectedBelligerents, gradings, notes, codes);
  }

  public Incident withGrading(Grading g) {
    List<Grading> all = new java.util.ArrayList<>(gradings);
    all.add(g);
    return new Incident(id, campaign, title, time, place, strikeType, suspectedBelligerents, all, notes, codes);
  }
}
