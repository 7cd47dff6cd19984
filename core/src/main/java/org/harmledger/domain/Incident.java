package org.harmledger.domain;

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
    Optional<String> notes)
    implements LedgerRecord {
  public Incident {
    campaign = campaign == null ? Optional.empty() : campaign;
    strikeType = strikeType == null ? StrikeType.UNKNOWN : strikeType;
    suspectedBelligerents = suspectedBelligerents == null ? List.of() : List.copyOf(suspectedBelligerents);
    gradings = gradings == null ? List.of() : List.copyOf(gradings);
    notes = notes == null ? Optional.empty() : notes;
  }

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
    return new Incident(newId, campaign, title, time, place, strikeType, suspectedBelligerents, gradings, notes);
  }

  public Incident withGrading(Grading g) {
    List<Grading> all = new java.util.ArrayList<>(gradings);
    all.add(g);
    return new Incident(id, campaign, title, time, place, strikeType, suspectedBelligerents, all, notes);
  }
}
