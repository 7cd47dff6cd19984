package org.harmledger.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.harmledger.domain.BoundingBox;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.Claim;
import org.harmledger.domain.Incident;
import org.harmledger.domain.NotFoundException;
import org.harmledger.domain.PlacePrecision;
import org.harmledger.domain.Problem;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;

/**
 * Events from a UCDP Georeferenced Event Dataset CSV (GED; the codebook's columns, any of its
 * versions, extra columns ignored) into a campaign: each event inside the campaign's period and
 * area becomes an incident ({@code inc-ged-ID}) and, where GED counts civilian deaths, a claim of
 * the given source ({@code clm-ged-ID}) about it. All or nothing, as every import: a bad row is
 * reported with its row number, column and value, and then nothing is written.
 *
 * <p>How GED's columns are read (UCDP GED Codebook, version 24.1):
 *
 * <ul>
 *   <li>{@code deaths_civilians} is the claim's killed figure. GED gives a low and a high estimate
 *       only for all deaths ({@code low}, {@code best}, {@code high}); when every death is a
 *       civilian's ({@code deaths_civilians} equals {@code best}, as in one-sided violence) the
 *       claim takes the range {@code low}–{@code high} instead. An event with no civilian deaths
 *       (0 or blank) still becomes an incident, with no claim.
 *   <li>{@code where_prec} 1–7 is the place's precision (the scale {@link PlacePrecision} exports);
 *       {@code date_start}, {@code date_end} the incident's time ("2017-06-06" or GED's
 *       "2017-06-06 00:00:00.000").
 *   <li>{@code side_a}, and {@code side_b} unless it is "Civilians", are the suspected
 *       belligerents; {@code side_a} is the claim's perpetrator in one-sided violence
 *       ({@code type_of_violence} 3).
 *   <li>{@code source_article}, {@code source_headline} and {@code source_original} go to the
 *       claim's notes, so the event's own sources stay beside the figure.
 * </ul>
 */
public final class GedImport {
  private GedImport() {}

  /** What an import did: the records it made, and the events it left out as outside the campaign. */
  public record Result(List<StoredRecord> created, int incidents, int claims, int outside) {}

  /** The columns an import needs; the rest of GED's 49 are optional or ignored. */
  static final List<String> REQUIRED = List.of("id", "date_start", "date_end", "deaths_civilians");

  // A problem in a record's field is named by the GED column it came from.
  private static final Map<String, String> COLUMN_OF = Map.ofEntries(
      Map.entry("time.start", "date_start"), Map.entry("time.end", "date_end"), Map.entry("place.point.lat", "latitude"),
      Map.entry("place.point.lon", "longitude"), Map.entry("place.name", "where_description"), Map.entry("killed.min", "deaths_civilians"),
      Map.entry("killed.max", "high"), Map.entry("id", "id"));

  /**
   * Reads {@code in} as GED and adds its events inside {@code campaign} (period overlapping, and
   * inside the area's box where both have one) with claims of {@code source}.
   */
  public static Result csv(LedgerService ledger, InputStream in, String campaignId, String sourceId, Meta meta) {
    return ledger.atomically(tx -> {
      Campaign campaign = tx.get(RecordType.CAMPAIGN, campaignId).as(Campaign.class);
      tx.get(RecordType.SOURCE, sourceId); // it must exist: a figure without its source is what this ledger is against
      Optional<BoundingBox> box = campaign.area().bbox();
      List<StoredRecord> out = new ArrayList<>();
      List<Problem> problems = new ArrayList<>();
      int[] counts = new int[3]; // incidents, claims, events outside the campaign
      // Read as it streams: a GED file covers whole countries and decades (hundreds of MB), of
      // which a campaign keeps a few thousand events; only those are held.
      BufferedReader reader;
      try {
        reader = new BufferedReader(Utf8.reader(in, "row"), 1 << 16);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get().parse(reader)) {
        Map<String, Integer> header = p.getHeaderMap();
        for (String r : REQUIRED) {
          if (!header.containsKey(r)) problems.add(Problem.of("header", String.join(",", header.keySet()), "needs the GED column " + r));
        }
        if (!problems.isEmpty()) throw new ValidationException(problems);
        RecordImport.forEachRow(p, problems, (where, rec) -> {
          RecordImport.Row row = column -> {
            Integer i = header.get(column);
            return i == null ? null : rec.get(i);
          };
          List<Problem> bad = new ArrayList<>();
          String id = text(row.get("id"));
          if (id == null) bad.add(Problem.of("id", "", "is required: GED's event id"));
          LocalDate start = date(row, "date_start", bad);
          LocalDate end = date(row, "date_end", bad);
          Double lat = decimal(row, "latitude", bad);
          Double lon = decimal(row, "longitude", bad);
          Long civilians = count(row, "deaths_civilians", bad);
          Long best = count(row, "best", bad);
          Long low = count(row, "low", bad);
          Long high = count(row, "high", bad);
          Long prec = count(row, "where_prec", bad);
          if (prec != null && (prec < 1 || prec > 7)) bad.add(Problem.of("where_prec", prec, "must be 1 to 7 (GED's scale)"));
          // checked before the campaign's bounds are: a wrong value must be reported, not taken for an event elsewhere
          if (end.isBefore(start) && !start.equals(LocalDate.EPOCH) && !end.equals(LocalDate.EPOCH)) bad.add(Problem.of("date_end", end, "must not be before date_start (" + start + ")"));
          if (lat != null && (lat < -90 || lat > 90)) bad.add(Problem.of("latitude", row.get("latitude"), "must be between -90 and 90"));
          if (lon != null && (lon < -180 || lon > 180)) bad.add(Problem.of("longitude", row.get("longitude"), "must be between -180 and 180"));
          if (!bad.isEmpty()) {
            bad.forEach(x -> problems.add(new Problem(where + ": " + x.field(), x.value(), x.rule())));
            return;
          }
          // outside the campaign: left out and counted, not an error (a GED file covers whole countries and years)
          boolean inPeriod = !start.isAfter(campaign.period().end()) && !end.isBefore(campaign.period().start());
          boolean inArea = box.isEmpty() || lat == null || lon == null
              || lat >= box.get().south() && lat <= box.get().north() && lon >= box.get().west() && lon <= box.get().east();
          if (!inPeriod || !inArea) {
            counts[2]++;
            return;
          }
          try {
            Incident incident = (Incident) RecordImport.convert(incidentJson(row, id, campaignId, start, end, lat, lon, prec), Incident.class, bad, new HashSet<>(), Set.of());
            if (bad.isEmpty()) {
              out.add(tx.create(incident, meta));
              counts[0]++;
            }
            if (bad.isEmpty() && civilians != null && civilians > 0) {
              ObjectNode c = claimJson(row, id, sourceId, civilians, best, low, high);
              Claim claim = (Claim) RecordImport.convert(c, Claim.class, bad, new HashSet<>(), Set.of());
              if (bad.isEmpty()) {
                out.add(tx.create(claim, meta));
                counts[1]++;
              }
            }
          } catch (ValidationException e) {
            bad.addAll(e.problems());
          } catch (NotFoundException e) {
            bad.add(Problem.of(e.type().name().toLowerCase(java.util.Locale.ROOT), e.id(), e.getMessage()));
          }
          for (Problem x : bad) problems.add(new Problem(where + ": " + COLUMN_OF.getOrDefault(x.field(), x.field()), x.value(), x.rule()));
        });
      } catch (Utf8.NotUtf8 e) {
        throw new ValidationException(e.problem());
      } catch (IOException e) {
        throw new ValidationException(Problem.of("(file)", "", "cannot be read as CSV: " + e.getMessage()));
      }
      if (!problems.isEmpty()) throw new ValidationException(problems);
      return new Result(out, counts[0], counts[1], counts[2]);
    });
  }

  private static ObjectNode incidentJson(RecordImport.Row row, String id, String campaign, LocalDate start, LocalDate end, Double lat, Double lon, Long prec) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", "inc-ged-" + id);
    o.put("campaign", campaign);
    o.putArray("codes").add("ucdp-ged:" + id);
    String place = firstText(row.get("where_description"), row.get("adm_2"), row.get("adm_1"), row.get("country"));
    o.put("title", (place == null ? "Event" : place) + " (UCDP GED " + id + ")");
    ObjectNode t = o.putObject("time");
    t.put("start", start.toString());
    t.put("end", end.toString());
    ObjectNode p = o.putObject("place");
    p.put("name", place == null ? "not given" : place);
    if (prec != null) p.put("precision", PlacePrecision.values()[prec.intValue() - 1].name().toLowerCase(java.util.Locale.ROOT));
    if (lat != null && lon != null) p.putObject("point").put("lat", lat).put("lon", lon);
    RecordImport.put(p, "admin1", row.get("adm_1"));
    RecordImport.put(p, "country", row.get("country"));
    List<String> sides = new ArrayList<>();
    if (text(row.get("side_a")) != null) sides.add(text(row.get("side_a")));
    String sideB = text(row.get("side_b"));
    if (sideB != null && !sideB.equalsIgnoreCase("Civilians")) sides.add(sideB);
    if (!sides.isEmpty()) o.set("suspected_belligerents", Json.tree(sides));
    return o;
  }

  private static ObjectNode claimJson(RecordImport.Row row, String id, String source, long civilians, Long best, Long low, Long high) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", "clm-ged-" + id);
    o.put("source", source);
    o.putObject("subject").put("kind", "incident").put("incident", "inc-ged-" + id);
    ObjectNode k = o.putObject("killed");
    boolean allCivilian = best != null && best == civilians && low != null && high != null && low <= civilians && civilians <= high;
    k.put("min", allCivilian ? low : civilians);
    k.put("max", allCivilian ? high : civilians);
    if ("3".equals(text(row.get("type_of_violence")))) RecordImport.put(o, "perpetrator", row.get("side_a"));
    List<String> notes = new ArrayList<>();
    notes.add("UCDP GED event " + id + (allCivilian && !low.equals(high) ? ": civilian deaths " + civilians + " (best), low " + low + ", high " + high : ": civilian deaths " + civilians));
    for (String col : List.of("source_headline", "source_article", "source_original")) {
      String v = text(row.get(col));
      if (v != null) notes.add(col + ": " + v);
    }
    o.put("notes", String.join("\n", notes));
    return o;
  }

  private static String text(String v) {
    return RecordImport.blank(v) ? null : v.trim();
  }

  private static String firstText(String... vs) {
    for (String v : vs) if (text(v) != null) return text(v);
    return null;
  }

  /** A GED date: "2017-06-06", or with a time after it as GED's own files have ("2017-06-06 00:00:00.000"). */
  private static LocalDate date(RecordImport.Row row, String column, List<Problem> bad) {
    String v = text(row.get(column));
    if (v == null) {
      bad.add(Problem.of(column, "", "is required"));
      return LocalDate.EPOCH;
    }
    try {
      return LocalDate.parse(v.length() > 10 && (v.charAt(10) == ' ' || v.charAt(10) == 'T') ? v.substring(0, 10) : v);
    } catch (DateTimeParseException e) {
      bad.add(Problem.of(column, v, "must be a date as YYYY-MM-DD"));
      return LocalDate.EPOCH;
    }
  }

  private static Double decimal(RecordImport.Row row, String column, List<Problem> bad) {
    String v = text(row.get(column));
    if (v == null) return null;
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      bad.add(Problem.of(column, v, "must be a number"));
      return null;
    }
  }

  private static Long count(RecordImport.Row row, String column, List<Problem> bad) {
    String v = text(row.get(column));
    if (v == null) return null;
    try {
      long n = Long.parseLong(v);
      if (n < 0) bad.add(Problem.of(column, v, "must be 0 or more"));
      return n;
    } catch (NumberFormatException e) {
      bad.add(Problem.of(column, v, "must be a whole number"));
      return null;
    }
  }
}
