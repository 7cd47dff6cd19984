package org.harmledger.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** What a claim is about: one incident, a set of incidents, or an aggregate scope of place and period. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClaimSubject.OneIncident.class, name = "incident"),
  @JsonSubTypes.Type(value = ClaimSubject.IncidentSet.class, name = "incidents"),
  @JsonSubTypes.Type(value = ClaimSubject.Aggregate.class, name = "aggregate")
})
public sealed interface ClaimSubject {
  /** A key equal for two claims about the same scope (used to find a claimant's later word on it). */
  String scopeKey();

  List<String> incidentIds();

  void check(Problems p, String field);

  record OneIncident(String incident) implements ClaimSubject {
    @Override
    public String scopeKey() {
      return "incident:" + incident;
    }

    @Override
    public List<String> incidentIds() {
      return List.of(incident);
    }

    @Override
    public void check(Problems p, String field) {
      p.requireText(incident, field + ".incident");
    }
  }

  /** "70 killed in four incidents": the figure is for the set as a whole. */
  record IncidentSet(List<String> incidents) implements ClaimSubject {
    public IncidentSet {
      incidents = incidents == null ? List.of() : List.copyOf(incidents);
    }

    @Override
    public String scopeKey() {
      return "incidents:" + String.join(",", new TreeSet<>(incidents));
    }

    @Override
    public List<String> incidentIds() {
      return incidents;
    }

    @Override
    public void check(Problems p, String field) {
      p.require(
          new TreeSet<>(incidents).size() >= 2,
          field + ".incidents",
          incidents,
          "a set needs at least two different incidents (use kind 'incident' for one)");
      p.require(
          new TreeSet<>(incidents).size() == incidents.size(),
          field + ".incidents",
          incidents,
          "must not name an incident twice");
    }
  }

  /**
   * A figure for a whole campaign, or part of it. Absent area or period means the campaign's own.
   */
  record Aggregate(String campaign, Optional<Area> area, Optional<DateSpan> period)
      implements ClaimSubject {
    public Aggregate {
      area = area == null ? Optional.empty() : area;
      period = period == null ? Optional.empty() : period;
    }

    @Override
    public String scopeKey() {
      return "aggregate:"
          + campaign
          + ":"
          + area.map(Area::name).orElse("*")
          + ":"
          + period.map(DateSpan::toString).orElse("*");
    }

    @Override
    public List<String> incidentIds() {
      return List.of();
    }

    @Override
    public void check(Problems p, String field) {
      p.requireText(campaign, field + ".campaign");
      area.ifPresent(a -> a.check(p, field + ".area"));
      period.ifPresent(d -> d.check(p, field + ".period"));
    }
  }
}
