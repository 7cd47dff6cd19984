package org.harmledger.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A belligerent's assessment of an allegation, with every state it went through. The incidents
 * may be empty: the coalition reopened four Raqqa cases without naming them. {@code matches}
 * says, for those of its incidents a recorder matched to it, how sure the match is and why (an
 * incident without one was linked before confidences were kept, or without saying).
 * {@code allegation} is what the belligerent says was alleged: when, where, how it came in, by whom.
 */
public record Case(
    String id,
    String belligerent,
    Optional<String> campaign,
    Optional<String> reference,
    List<String> incidents,
    List<CaseStep> history,
    Optional<String> notes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) SortedMap<String, IncidentMatch> matches,
    Optional<Allegation> allegation)
    implements LedgerRecord {
  public Case {
    campaign = campaign == null ? Optional.empty() : campaign;
    reference = reference == null ? Optional.empty() : reference;
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
    history = history == null ? List.of() : List.copyOf(history);
    notes = notes == null ? Optional.empty() : notes;
    matches = matches == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(matches));
    allegation = allegation == null ? Optional.empty() : allegation;
  }

  /** A case with matches and no allegation recorded. */
  public Case(String id, String belligerent, Optional<String> campaign, Optional<String> reference, List<String> incidents, List<CaseStep> history, Optional<String> notes, SortedMap<String, IncidentMatch> matches) {
    this(id, belligerent, campaign, reference, incidents, history, notes, matches, Optional.empty());
  }

  /** A case whose incidents, if any, carry no match confidence. */
  public Case(String id, String belligerent, Optional<String> campaign, Optional<String> reference, List<String> incidents, List<CaseStep> history, Optional<String> notes) {
    this(id, belligerent, campaign, reference, incidents, history, notes, null, Optional.empty());
  }

  /** How the case was matched to {@code incident}, if the recorder said. */
  public Optional<IncidentMatch> match(String incident) {
    return Optional.ofNullable(matches.get(incident));
  }

  @Override
  public RecordType type() {
    return RecordType.CASE;
  }

  @Override
  public void check(Problems p) {
    LedgerRecord.checkId(p, id);
    p.requireText(belligerent, "belligerent");
    p.require(!history.isEmpty(), "history", "", "a case needs at least its first state");
    allegation.ifPresent(a -> a.check(p, "allegation"));
    boolean closed = false;
    LocalDate previous = null;
    for (int i = 0; i < history.size(); i++) {
      CaseStep s = history.get(i);
      String f = "history[" + i + "]";
      s.check(p, f);
      if (s.state() == null) continue;
      if (previous != null && s.on() != null) {
        p.require(!s.on().isBefore(previous), f + ".on", s.on(), "must not be before the previous state (" + previous + ")");
      }
      if (s.on() != null) previous = s.on();
      Optional<String> refused = refusal(s.state(), i, closed);
      p.require(refused.isEmpty(), f + ".state", s.state().name().toLowerCase(), refused.orElse(""));
      if (s.state() == CaseState.CLOSED) closed = true;
      else if (s.state() == CaseState.REOPENED) closed = false;
    }
    for (Map.Entry<String, IncidentMatch> m : matches.entrySet()) {
      String f = "matches." + m.getKey();
      p.require(incidents.contains(m.getKey()), f, m.getKey(), "a match is for one of the case's incidents " + incidents);
      if (m.getValue() == null) p.add(f, "", "is required: confidence and basis");
      else m.getValue().check(p, f);
    }
  }

  /**
   * Why {@code next} cannot be a case's step number {@code index} (0 for the first) when the case
   * is {@code closed} at that point; empty when it can. The one statement of the order of states:
   * {@link #check} and {@link #nextStates} both ask it.
   */
  private static Optional<String> refusal(CaseState next, int index, boolean closed) {
    return Optional.ofNullable(switch (next) {
      case OPEN -> index == 0 ? null : "only the first state can be open (use reopened after closed)";
      case REOPENED -> closed ? null : "a case can only be reopened after it was closed";
      case CLOSED -> closed ? "the case is already closed" : null;
      case CREDIBLE, NON_CREDIBLE, DUPLICATE -> closed ? "a closed case must be reopened before it is assessed again" : null;
    });
  }

  /** The states this case can move to next, in the order they are declared (for a form to offer). */
  public List<CaseState> nextStates() {
    boolean closed = false;
    for (CaseStep s : history) {
      if (s.state() == CaseState.CLOSED) closed = true;
      else if (s.state() == CaseState.REOPENED) closed = false;
    }
    List<CaseState> out = new ArrayList<>();
    for (CaseState s : CaseState.values()) if (refusal(s, history.size(), closed).isEmpty()) out.add(s);
    return out;
  }

  /** The steps that had happened by the end of {@code date}. */
  public List<CaseStep> historyOn(LocalDate date) {
    List<CaseStep> out = new ArrayList<>();
    for (CaseStep s : history) if (!s.on().isAfter(date)) out.add(s);
    return out;
  }

  @Override
  public Case withId(String newId) {
    return new Case(newId, belligerent, campaign, reference, incidents, history, notes, matches, allegation);
  }

  public Case withStep(CaseStep step) {
    List<CaseStep> all = new ArrayList<>(history);
    all.add(step);
    return new Case(id, belligerent, campaign, reference, incidents, all, notes, matches, allegation);
  }

  /** This case with {@code incidents} and {@code matches} in place of its own. */
  public Case withIncidents(List<String> newIncidents, Map<String, IncidentMatch> newMatches) {
    return new Case(id, belligerent, campaign, reference, newIncidents, history, notes, new TreeMap<>(newMatches), allegation);
  }
}
