package org.harmledger.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A belligerent's assessment of an allegation, with every state it went through. The incidents
 * may be empty: the coalition reopened four Raqqa cases without naming them.
 */
public record Case(
    String id,
    String belligerent,
    Optional<String> campaign,
    Optional<String> reference,
    List<String> incidents,
    List<CaseStep> history,
    Optional<String> notes)
    implements LedgerRecord {
  public Case {
    campaign = campaign == null ? Optional.empty() : campaign;
    reference = reference == null ? Optional.empty() : reference;
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
    history = history == null ? List.of() : List.copyOf(history);
    notes = notes == null ? Optional.empty() : notes;
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
    return new Case(newId, belligerent, campaign, reference, incidents, history, notes);
  }

  public Case withStep(CaseStep step) {
    List<CaseStep> all = new ArrayList<>(history);
    all.add(step);
    return new Case(id, belligerent, campaign, reference, incidents, all, notes);
  }
}
