package org.harmledger.domain;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one source asserts: killed and injured as ranges (optionally by category), about one
 * incident, a set of incidents or an aggregate scope. A claim is dated by its source's
 * publication unless {@code dated} says otherwise; a claimant's later claim on the same scope
 * supersedes its earlier one in the tally, and both stay in the ledger.
 */
public record Claim(
    String id,
    String source,
    Optional<Claimant> claimant,
    ClaimSubject subject,
    Optional<Range> killed,
    Optional<Range> injured,
    Map<Category, Range> killedBy,
    Map<Category, Range> injuredBy,
    Optional<String> breakdownNote,
    Optional<String> perpetrator,
    Optional<String> quote,
    Optional<String> quoteLanguage,
    Optional<StatedTime> statedTime,
    Optional<StatedPlace> statedPlace,
    Optional<LocalDate> dated,
    ClaimStatus status,
    Optional<String> notes)
    implements LedgerRecord {
  public Claim {
    claimant = claimant == null ? Optional.empty() : claimant;
    killed = killed == null ? Optional.empty() : killed;
    injured = injured == null ? Optional.empty() : injured;
    killedBy = killedBy == null || killedBy.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(killedBy));
    injuredBy = injuredBy == null || injuredBy.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(injuredBy));
    breakdownNote = breakdownNote == null ? Optional.empty() : breakdownNote;
    perpetrator = perpetrator == null ? Optional.empty() : perpetrator;
    quote = quote == null ? Optional.empty() : quote;
    quoteLanguage = quoteLanguage == null ? Optional.empty() : quoteLanguage;
    statedTime = statedTime == null ? Optional.empty() : statedTime;
    statedPlace = statedPlace == null ? Optional.empty() : statedPlace;
    dated = dated == null ? Optional.empty() : dated;
    status = status == null ? ClaimStatus.ACCEPTED : status;
    notes = notes == null ? Optional.empty() : notes;
  }

  @Override
  public RecordType type() {
    return RecordType.CLAIM;
  }

  @Override
  public void check(Problems p) {
    LedgerRecord.checkId(p, id);
    p.requireText(source, "source");
    claimant.ifPresent(c -> c.check(p, "claimant"));
    if (subject == null) p.add("subject", "", "is required (kind: incident, incidents or aggregate)");
    else subject.check(p, "subject");
    killed.ifPresent(r -> r.check(p, "killed"));
    injured.ifPresent(r -> r.check(p, "injured"));
    checkBreakdown(p, "killed", killed, killedBy);
    checkBreakdown(p, "injured", injured, injuredBy);
    statedTime.ifPresent(t -> t.check(p, "stated_time"));
    statedPlace.ifPresent(t -> t.check(p, "stated_place"));
  }

  private static void checkBreakdown(
      Problems p, String field, Optional<Range> total, Map<Category, Range> by) {
    long sumOfMins = 0;
    for (var e : by.entrySet()) {
      String f = field + "_by." + e.getKey().name().toLowerCase();
      if (e.getValue() == null) {
        p.add(f, "", "must be a range {min, max}");
        continue;
      }
      e.getValue().check(p, f);
      sumOfMins += e.getValue().min();
    }
    if (!by.isEmpty() && total.isEmpty()) {
      p.add(field, "", "is required when " + field + "_by is given");
    }
    if (total.isPresent() && total.get().max().isPresent()) {
      long max = total.get().max().getAsLong();
      p.require(
          sumOfMins <= max,
          field + "_by",
          sumOfMins,
          "the categories' minimums add up to more than " + field + ".max (" + max + ")");
    }
  }

  /** Who asserts the claim: the named claimant, else the source's publisher in its role. */
  public Claimant claimantOr(Source s) {
    return claimant.orElseGet(() -> new Claimant(s.publisher(), s.role()));
  }

  @Override
  public Claim withId(String newId) {
    return new Claim(newId, source, claimant, subject, killed, injured, killedBy, injuredBy, breakdownNote, perpetrator, quote, quoteLanguage, statedTime, statedPlace, dated, status, notes);
  }

  public Claim withStatus(ClaimStatus s) {
    return new Claim(id, source, claimant, subject, killed, injured, killedBy, injuredBy, breakdownNote, perpetrator, quote, quoteLanguage, statedTime, statedPlace, dated, s, notes);
  }
}
