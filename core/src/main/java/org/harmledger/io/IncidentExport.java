package org.harmledger.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.Claim;
import org.harmledger.domain.ClaimStatus;
import org.harmledger.domain.ClaimSubject;
import org.harmledger.domain.Grading;
import org.harmledger.domain.Incident;
import org.harmledger.domain.Range;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.Source;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.service.LedgerService;
import org.harmledger.store.RecordQuery;
import org.harmledger.tally.Tally;
import org.harmledger.tally.TallyFacts;

/**
 * Public exports of a campaign's incidents: CSV, GeoJSON, a UCDP-GED-shaped CSV and an ACLED-shaped one. Each
 * incident's figures are the tally's ({@link Tally#incidentFigure}: the envelope of its own
 * single-incident claims, a claimant's latest figure on it, as of today), and its {@code claims}
 * are the claims those figures come from; claims about a set of incidents are listed, not split.
 * Confidential sources are never named: they count towards {@code number_of_sources} only.
 */
public final class IncidentExport {
  private IncidentExport() {}

  /** One incident with what its claims say. */
  public record Row(
      Incident incident,
      Optional<Range> killed,
      Optional<Range> injured,
      List<String> claims,
      List<String> setClaims,
      int sources,
      List<String> publicSources) {}

  public static List<Row> rows(LedgerService ledger, String campaign) {
    Campaign c = ledger.get(RecordType.CAMPAIGN, campaign).as(Campaign.class);
    List<Row> out = new ArrayList<>();
    Map<String, Source> sources = new TreeMap<>();
    TallyFacts facts = ledger.facts(c.id());
    Map<String, Tally.IncidentFigure> killedNow = Tally.incidentFigures(facts, ledger.today(), true);
    Map<String, Tally.IncidentFigure> injuredNow = Tally.incidentFigures(facts, ledger.today(), false);
    for (StoredRecord s : ledger.list(RecordType.INCIDENT, RecordQuery.live().withCampaign(c.id()))) {
      Incident i = s.as(Incident.class);
      List<String> setClaims = new ArrayList<>();
      Set<String> sourceIds = new LinkedHashSet<>();
      for (StoredRecord cs : ledger.list(RecordType.CLAIM, RecordQuery.live().withIncident(i.id()))) {
        Claim claim = cs.as(Claim.class);
        if (claim.status() != ClaimStatus.ACCEPTED) continue;
        Source src = sources.computeIfAbsent(claim.source(), id -> ledger.get(RecordType.SOURCE, id).as(Source.class));
        sourceIds.add(src.id());
        if (claim.subject() instanceof ClaimSubject.IncidentSet) setClaims.add(claim.id());
      }
      // the figures, and the claims they come from, are the tally's own (the same rule, the same
      // facts), so an export, the map and the tally never disagree on an incident
      Tally.IncidentFigure killed = killedNow.get(i.id()), injured = injuredNow.get(i.id());
      Set<String> behind = new LinkedHashSet<>();
      if (killed != null) behind.addAll(killed.claims());
      if (injured != null) behind.addAll(injured.claims());
      List<String> named = sourceIds.stream().map(sources::get).filter(x -> !x.confidential())
          .map(x -> x.publisher() + x.url().map(u -> " <" + u + ">").orElse("")).toList();
      out.add(new Row(i, Optional.ofNullable(killed).map(Tally.IncidentFigure::range), Optional.ofNullable(injured).map(Tally.IncidentFigure::range),
          behind.stream().sorted().toList(), setClaims, sourceIds.size(), named));
    }
    return out;
  }

  public static void csv(List<Row> rows, Writer out) {
    try {
      CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(
        "id", "campaign", "title", "date_start", "date_end", "place", "latitude", "longitude", "uncertainty_m", "strike_type",
        "suspected_belligerents", "grading", "grading_rationale", "killed_min", "killed_max", "injured_min", "injured_max", "claims", "set_claims", "number_of_sources",
        "place_names", "codes").get());
      for (Row r : rows) {
        Incident i = r.incident();
        Optional<Grading> g = i.currentGrading();
        p.printRecord(i.id(), i.campaign().orElse(""), i.title(), i.time().start(), i.time().end(), i.place().name(),
            i.place().point().map(x -> x.lat()).orElse(null), i.place().point().map(x -> x.lon()).orElse(null), i.place().uncertaintyMetres().orElse(null),
            i.strikeType().name().toLowerCase(), String.join("; ", i.suspectedBelligerents()), g.map(x -> x.grade().name().toLowerCase()).orElse(""),
            g.map(Grading::rationale).orElse(""), min(r.killed()), max(r.killed()), min(r.injured()), max(r.injured()),
            String.join(" ", r.claims()), String.join(" ", r.setClaims()), r.sources(),
            i.place().namesAsText(";"), String.join(";", i.codes()));
      }
      p.flush(); // the caller owns the writer: flush, never close
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void geoJson(List<Row> rows, Writer out) {
    ObjectNode fc = Json.MAPPER.createObjectNode();
    fc.put("type", "FeatureCollection");
    ArrayNode features = fc.putArray("features");
    for (Row r : rows) {
      Incident i = r.incident();
      ObjectNode f = features.addObject();
      f.put("type", "Feature");
      f.put("id", i.id());
      if (i.place().point().isPresent()) {
        ObjectNode geom = f.putObject("geometry");
        geom.put("type", "Point");
        // GeoJSON (RFC 7946) orders coordinates longitude, latitude.
        geom.putArray("coordinates").add(i.place().point().get().lon()).add(i.place().point().get().lat());
      } else {
        f.putNull("geometry");
      }
      ObjectNode p = f.putObject("properties");
      p.put("title", i.title());
      p.put("date_start", i.time().start().toString());
      p.put("date_end", i.time().end().toString());
      p.put("place", i.place().name());
      if (!i.place().names().isEmpty()) p.set("place_names", Json.tree(i.place().names()));
      if (!i.codes().isEmpty()) p.set("codes", Json.tree(i.codes()));
      i.place().uncertaintyMetres().ifPresent(u -> p.put("uncertainty_m", u));
      p.put("strike_type", i.strikeType().name().toLowerCase());
      p.put("grading", i.currentGrading().map(x -> x.grade().name().toLowerCase()).orElse(null));
      putRange(p, "killed", r.killed());
      putRange(p, "injured", r.injured());
      p.put("number_of_sources", r.sources());
    }
    try {
      out.write(Json.write(fc));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The UCDP GED key columns. One row per incident; deaths are civilian, so {@code
   * deaths_civilians} and {@code best} carry the lower bound, {@code low}/{@code high} the range
   * (an open range leaves {@code high} empty; an incident with no figure of its own, such as one of
   * "70 in four incidents", leaves the civilian, best, low and high counts empty rather than claim 0 dead).
   */
  public static void ged(Campaign c, List<Row> rows, Writer out) {
    try {
      CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(
        "id", "conflict_name", "side_a", "side_b", "source_article", "source_original", "where_prec", "where_description", "adm_1", "adm_2",
        "latitude", "longitude", "country", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
        "deaths_civilians", "deaths_unknown", "best", "high", "low", "number_of_sources").get());
      for (Row r : rows) {
        Incident i = r.incident();
        String sideA = i.suspectedBelligerents().isEmpty() ? "" : i.suspectedBelligerents().get(0);
        Long low = min(r.killed());
        p.printRecord(i.id(), c.name(), sideA, "Civilians", String.join("; ", r.publicSources()), "",
            i.place().precision().gedWherePrecision(), i.place().name(), i.place().admin1().orElse(""), "",
            i.place().point().map(x -> x.lat()).orElse(null), i.place().point().map(x -> x.lon()).orElse(null), i.place().country().orElse(""),
            i.currentGrading().map(g -> switch (g.grade()) { case CONFIRMED, FAIR -> 1; default -> 2; }).orElse(2),
            i.time().gedDatePrecision(), i.time().start(), i.time().end(), 0, 0, low, 0, low, max(r.killed()), low, r.sources());
      }
      p.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * ACLED's event columns (ACLED Codebook, 2023), one row per incident, for tools that read ACLED
   * data. {@code fatalities} is ACLED's conservative single count: the killed figure's minimum,
   * blank (not 0) for an incident with no figure of its own, such as one of "70 in four incidents".
   * ACLED's types are about the event, ours about the harm, so only strike types with an ACLED
   * counterpart get one (an air or drone strike is "Explosions/Remote violence" / "Air/drone
   * strike"); the others, and {@code civilian_targeting} (whether civilians were the target, which
   * a record of harm does not say), are left blank rather than guessed.
   */
  public static void acled(List<Row> rows, Writer out) {
    try {
      CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(
        "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "civilian_targeting",
        "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities").get());
      for (Row r : rows) {
        Incident i = r.incident();
        String[] type = acledType(i.strikeType());
        String country = i.place().country().orElse("");
        long days = i.time().days();
        int timePrecision = days <= 1 ? 1 : days <= 7 ? 2 : 3;
        int geoPrecision = switch (i.place().precision()) {
          case EXACT -> 1;
          case NEAR, DISTRICT, LINE -> 2;
          case PROVINCE, COUNTRY, UNKNOWN -> 3;
        };
        Long killed = min(r.killed());
        String notes = i.title() + i.currentGrading().map(g -> "; graded " + g.grade().name().toLowerCase()).orElse("")
            + (i.time().days() > 1 ? "; between " + i.time().start() + " and " + i.time().end() : "")
            + (killed == null && !r.setClaims().isEmpty() ? "; no killed figure of its own, counted in one for a set of incidents (" + String.join(", ", r.setClaims()) + ")" : "");
        p.printRecord(i.id(), i.time().start(), i.time().start().getYear(), timePrecision, type[0], type[1],
            i.suspectedBelligerents().isEmpty() ? "" : i.suspectedBelligerents().get(0), country.isEmpty() ? "Civilians" : "Civilians (" + country + ")", "",
            country, i.place().admin1().orElse(""), "", "", i.place().name(), i.place().point().map(x -> x.lat()).orElse(null), i.place().point().map(x -> x.lon()).orElse(null),
            geoPrecision, String.join("; ", r.publicSources()), "", notes, killed);
      }
      p.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ACLED's event type and sub-event type for a strike type; blank where ACLED has no counterpart. */
  static String[] acledType(org.harmledger.domain.StrikeType t) {
    return switch (t) {
      case AIRSTRIKE, DRONE_STRIKE -> new String[] {"Explosions/Remote violence", "Air/drone strike"};
      case ARTILLERY, ROCKET -> new String[] {"Explosions/Remote violence", "Shelling/artillery/missile attack"};
      case EXPLOSIVE_DEVICE -> new String[] {"Explosions/Remote violence", "Remote explosive/landmine/IED"};
      case GROUND_FIGHTING -> new String[] {"Battles", "Armed clash"};
      case SHOOTING -> new String[] {"Violence against civilians", "Attack"};
      case OTHER, UNKNOWN -> new String[] {"", ""};
    };
  }

  private static void putRange(ObjectNode p, String name, Optional<Range> r) {
    if (r.isEmpty()) return;
    p.put(name + "_min", r.get().min());
    OptionalLong m = r.get().max();
    if (m.isPresent()) p.put(name + "_max", m.getAsLong());
    else p.putNull(name + "_max");
  }

  private static Long min(Optional<Range> r) {
    return r.map(Range::min).orElse(null);
  }

  private static Long max(Optional<Range> r) {
    return r.flatMap(x -> x.max().isPresent() ? Optional.of(x.max().getAsLong()) : Optional.empty()).orElse(null);
  }
}
