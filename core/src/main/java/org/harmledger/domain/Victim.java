package org.harmledger.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A person killed or injured, named or described. Names are kept as written in their original
 * script and in Latin letters; neither replaces the other. {@code place} and {@code cause} (the
 * type of death or injury) are the person's own, as a list gives them: the Every Casualty
 * standard asks for both for every death, and a list often names no incident to take them from.
 */
public record Victim(
    String id,
    Optional<String> nameOriginal,
    Optional<String> nameLatin,
    Sex sex,
    Optional<Integer> age,
    AgeGroup ageGroup,
    Outcome outcome,
    Optional<LocalDate> date,
    Optional<String> incident,
    List<String> sources,
    Optional<String> familyGroup,
    boolean confidential,
    Optional<String> description,
    Optional<String> place,
    Optional<StrikeType> cause)
    implements LedgerRecord {
  public Victim {
    nameOriginal = nameOriginal == null ? Optional.empty() : nameOriginal;
    nameLatin = nameLatin == null ? Optional.empty() : nameLatin;
    sex = sex == null ? Sex.UNKNOWN : sex;
    age = age == null ? Optional.empty() : age;
    ageGroup = ageGroup == null ? AgeGroup.UNKNOWN : ageGroup;
    date = date == null ? Optional.empty() : date;
    incident = incident == null ? Optional.empty() : incident;
    sources = sources == null ? List.of() : List.copyOf(sources);
    familyGroup = familyGroup == null ? Optional.empty() : familyGroup;
    description = description == null ? Optional.empty() : description;
    place = place == null ? Optional.empty() : place;
    cause = cause == null ? Optional.empty() : cause;
  }

  /** A victim without a place or cause of their own (a record made before they were asked for, or linked to an incident that gives them). */
  public Victim(String id, Optional<String> nameOriginal, Optional<String> nameLatin, Sex sex, Optional<Integer> age, AgeGroup ageGroup, Outcome outcome,
      Optional<LocalDate> date, Optional<String> incident, List<String> sources, Optional<String> familyGroup, boolean confidential, Optional<String> description) {
    this(id, nameOriginal, nameLatin, sex, age, ageGroup, outcome, date, incident, sources, familyGroup, confidential, description, Optional.empty(), Optional.empty());
  }

  public enum Sex { FEMALE, MALE, UNKNOWN }

  public enum AgeGroup { CHILD, ADULT, ELDERLY, UNKNOWN }

  public enum Outcome { KILLED, INJURED }

  @Override
  public RecordType type() {
    return RecordType.VICTIM;
  }

  @Override
  public void check(Problems p) {
    LedgerRecord.checkId(p, id);
    p.require(
        nameOriginal.isPresent() || nameLatin.isPresent() || description.isPresent(),
        "name_original",
        "",
        "a victim needs a name (original script or Latin) or a description");
    p.requireNonNull(outcome, "outcome");
    age.ifPresent(a -> p.require(a >= 0 && a <= 125, "age", a, "must be between 0 and 125"));
    if (age.isPresent() && ageGroup != AgeGroup.UNKNOWN) {
      int a = age.get();
      boolean ok = switch (ageGroup) {
        case CHILD -> a < 18;
        case ADULT -> a >= 18;
        case ELDERLY -> a >= 60;
        case UNKNOWN -> true;
      };
      p.require(ok, "age_group", ageGroup.name().toLowerCase(), "does not fit age " + a + " (child < 18, adult ≥ 18, elderly ≥ 60)");
    }
    p.require(!sources.isEmpty(), "sources", "", "a victim needs at least one source");
    place.ifPresent(x -> p.require(!x.isBlank(), "place", x, "must not be blank (leave it out when not known)"));
  }

  @Override
  public Victim withId(String newId) {
    return new Victim(newId, nameOriginal, nameLatin, sex, age, ageGroup, outcome, date, incident, sources, familyGroup, confidential, description, place, cause);
  }

  /** This victim in {@code newIncident} (or in none). */
  public Victim withIncident(Optional<String> newIncident) {
    return new Victim(id, nameOriginal, nameLatin, sex, age, ageGroup, outcome, date, newIncident, sources, familyGroup, confidential, description, place, cause);
  }
}
