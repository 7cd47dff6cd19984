package org.harmledger.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.LedgerRecord;
import org.harmledger.domain.NotFoundException;
import org.harmledger.domain.Problem;
import org.harmledger.domain.Range;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;

/**
 * Bulk imports of new records, all or nothing: every row is checked (including references to
 * rows earlier in the same file); if any is bad, nothing is written and every bad row is
 * reported with its line and reason.
 */
public final class RecordImport {
  private RecordImport() {}

  /** One JSON object per line, each with {@code "type"} and the record's fields. */
  public static List<StoredRecord> jsonLines(LedgerService ledger, InputStream in, Meta meta) {
    return ledger.atomically(tx -> {
      List<StoredRecord> out = new ArrayList<>();
      List<Problem> problems = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new StringReader(Utf8.decode(in.readAllBytes(), "line")))) {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
          n++;
          if (line.isBlank()) continue;
          String where = "line " + n;
          try {
            JsonNode node = Json.readTree(line);
            if (!node.isObject() || !node.hasNonNull("type")) throw new ValidationException(Problem.of("type", "", "each line needs \"type\": campaign, source, claim, incident, case or victim"));
            RecordType type = RecordType.parse(node.get("type").asText());
            ((ObjectNode) node).remove("type");
            out.add(tx.create(Json.convert(node, type.recordClass()), meta));
          } catch (ValidationException e) {
            e.problems().forEach(p -> problems.add(new Problem(where + ": " + p.field(), p.value(), p.rule())));
          } catch (NotFoundException e) {
            problems.add(Problem.of(where, e.id(), e.getMessage()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!problems.isEmpty()) throw new ValidationException(problems);
      return out;
    });
  }

  static final List<String> CLAIM_COLUMNS = List.of("id", "source", "claimant", "claimant_role", "incident", "incidents", "campaign", "period_start", "period_end",
      "killed", "injured", "perpetrator", "quote", "quote_language", "date", "status", "notes");

  /**
   * Claims from CSV. Columns (header required, any order, only {@code source} and one subject
   * required): {@code id, source, claimant, claimant_role, incident, incidents} (ids separated by
   * ';'), {@code campaign, period_start, period_end, killed, injured} (N, MIN-MAX or MIN+),
   * {@code perpetrator, quote, quote_language, date, status, notes}.
   */
  public static List<StoredRecord> claimsCsv(LedgerService ledger, InputStream in, Meta meta) {
    return csv(ledger, in, meta, CLAIM_COLUMNS, CLAIM_FIELDS, RecordType.CLAIM, (r, bad, implied) -> {
      ObjectNode o = Json.MAPPER.createObjectNode();
      put(o, "id", r.get("id"));
      put(o, "source", r.get("source"));
      if (!blank(r.get("claimant")) || !blank(r.get("claimant_role"))) {
        ObjectNode c = o.putObject("claimant");
        put(c, "name", r.get("claimant"));
        put(c, "role", r.get("claimant_role"));
      }
      if (!blank(r.get("incident"))) o.putObject("subject").put("kind", "incident").put("incident", r.get("incident").trim());
      else if (!blank(r.get("incidents"))) {
        ObjectNode s = o.putObject("subject").put("kind", "incidents");
        s.set("incidents", Json.tree(list(r.get("incidents"))));
      } else if (!blank(r.get("campaign"))) {
        ObjectNode s = o.putObject("subject").put("kind", "aggregate").put("campaign", r.get("campaign").trim());
        if (!blank(r.get("period_start")) || !blank(r.get("period_end"))) {
          try {
            s.set("period", Json.tree(DateSpan.of(r.get("period_start").trim(), r.get("period_end").trim())));
          } catch (RuntimeException e) {
            throw new ValidationException(Problem.of("period_start/period_end", r.get("period_start") + "/" + r.get("period_end"), "must be dates as YYYY-MM-DD"));
          }
        }
      }
      range(o, "killed", r.get("killed"), bad);
      range(o, "injured", r.get("injured"), bad);
      for (String f : List.of("perpetrator", "quote", "quote_language", "notes", "status")) put(o, f, r.get(f));
      put(o, "dated", r.get("date"));
      return o;
    });
  }

  // A problem is named by the CSV column the user wrote where the record's field has another name.
  private static final Map<String, String> CLAIM_FIELDS = Map.of(
      "claimant.name", "claimant", "claimant.role", "claimant_role", "subject.incident", "incident", "subject.incidents", "incidents",
      "subject.campaign", "campaign", "subject.period.start", "period_start", "subject.period.end", "period_end", "dated", "date");
  private static final Map<String, String> INCIDENT_FIELDS = Map.of(
      "time.start", "start", "time.end", "end", "place.name", "place", "place.precision", "precision", "place.point.lat", "lat",
      "place.point.lon", "lon", "place.uncertainty_metres", "uncertainty_m", "suspected_belligerents", "belligerents", "place.names", "place_names");

  static final List<String> INCIDENT_COLUMNS = List.of("id", "campaign", "title", "start", "end", "place", "lat", "lon", "uncertainty_m", "precision", "strike_type", "belligerents", "notes",
      "place_names", "codes");

  /**
   * Incidents from CSV: {@code id, campaign, title, start, end, place, lat, lon, uncertainty_m,
   * precision, strike_type, belligerents} (';'), {@code notes, place_names} ({@code ar=الرقة;ku=Reqa})
   * and {@code codes} (other datasets' codes, ';': {@code airwars:CS1234;ucdp-ged:244001}).
   */
  public static List<StoredRecord> incidentsCsv(LedgerService ledger, InputStream in, Meta meta) {
    return csv(ledger, in, meta, INCIDENT_COLUMNS, INCIDENT_FIELDS, RecordType.INCIDENT, (r, bad, implied) -> {
      ObjectNode o = Json.MAPPER.createObjectNode();
      for (String f : List.of("id", "campaign", "title", "strike_type", "notes")) put(o, f, r.get(f));
      if (!blank(r.get("start")) || !blank(r.get("end"))) {
        ObjectNode t = o.putObject("time");
        put(t, "start", r.get("start"));
        put(t, "end", blank(r.get("end")) ? r.get("start") : r.get("end"));
        if (blank(r.get("end"))) implied.add("time.end");
      }
      ObjectNode p = o.putObject("place");
      put(p, "name", r.get("place"));
      put(p, "precision", r.get("precision"));
      if (!blank(r.get("lat")) || !blank(r.get("lon"))) {
        ObjectNode pt = p.putObject("point");
        number(pt, "lat", r.get("lat"), bad);
        number(pt, "lon", r.get("lon"), bad);
      }
      number(p, "uncertainty_metres", r.get("uncertainty_m"), bad);
      if (!blank(r.get("place_names"))) {
        org.harmledger.domain.Problems names = new org.harmledger.domain.Problems();
        p.set("names", Json.tree(org.harmledger.domain.Place.namesFrom(List.of(r.get("place_names").split(";")), names, "place_names")));
        bad.addAll(names.list());
      }
      if (!blank(r.get("belligerents"))) o.set("suspected_belligerents", Json.tree(list(r.get("belligerents"))));
      if (!blank(r.get("codes"))) o.set("codes", Json.tree(list(r.get("codes"))));
      return o;
    });
  }

  static final List<String> VICTIM_COLUMNS = List.of("id", "name_original", "name_latin", "sex", "age", "age_group", "outcome", "date", "incident", "sources",
      "family_group", "confidential", "description", "place", "cause");

  /**
   * Victims from CSV, as a list names them (a hospital register, an NGO's list). Columns: {@code id,
   * name_original} (as written, any script), {@code name_latin, sex} (female, male; f, m),
   * {@code age} (years), {@code age_group} (child, adult, elderly), {@code outcome} (killed,
   * injured), {@code date, incident, sources} (ids separated by ';'), {@code family_group},
   * {@code confidential} (yes or no, required: whether the person may be named publicly),
   * {@code description}, {@code place} (where, as the list says) and {@code cause} (how: airstrike,
   * artillery, shooting… as an incident's strike type).
   */
  public static List<StoredRecord> victimsCsv(LedgerService ledger, InputStream in, Meta meta) {
    // the columns are the record's own field names, so a problem needs no renaming (Map.of())
    return csv(ledger, in, meta, VICTIM_COLUMNS, Map.of(), RecordType.VICTIM, List.of("confidential"), (r, bad, implied) -> {
      ObjectNode o = Json.MAPPER.createObjectNode();
      for (String f : List.of("id", "name_original", "name_latin", "age_group", "outcome", "date", "incident", "family_group", "description", "place")) put(o, f, r.get(f));
      if (!blank(r.get("cause"))) o.put("cause", r.get("cause").trim().toLowerCase(java.util.Locale.ROOT).replace(' ', '_'));
      String sex = r.get("sex");
      if (!blank(sex)) {
        String v = sex.trim().toLowerCase(java.util.Locale.ROOT);
        o.put("sex", switch (v) {
          case "f" -> "female";
          case "m" -> "male";
          default -> v;
        });
      }
      String age = r.get("age");
      if (!blank(age)) {
        try {
          o.put("age", Integer.parseInt(age.trim()));
        } catch (NumberFormatException e) {
          bad.add(Problem.of("age", age, "must be a whole number of years"));
        }
      }
      if (!blank(r.get("sources"))) o.set("sources", Json.tree(list(r.get("sources"))));
      String c = blank(r.get("confidential")) ? "" : r.get("confidential").trim().toLowerCase(java.util.Locale.ROOT);
      switch (c) {
        case "yes", "true", "y", "1" -> o.put("confidential", true);
        case "no", "false", "n", "0" -> o.put("confidential", false);
        default -> {
          bad.add(Problem.of("confidential", r.get("confidential"), c.isEmpty() ? "is required: yes or no (may this person be named publicly?)" : "must be yes or no"));
          o.put("confidential", true); // stands as the safer value while the rest of the row is checked
        }
      }
      return o;
    });
  }

  /** One CSV row's cells by column name (null for a column the file does not have). */
  @FunctionalInterface
  interface Row {
    String get(String column);
  }

  /** Columns that hold a decimal number, read with a decimal comma in a file separated by ';'. */
  private static final Set<String> DECIMAL_COLUMNS = Set.of("lat", "lon", "uncertainty_m");
  private static final java.util.regex.Pattern DECIMAL_COMMA = java.util.regex.Pattern.compile("-?\\d+,\\d+");

  /** Turns one CSV row into its record's JSON. */
  @FunctionalInterface
  interface RowJson {
    /**
     * Adds to {@code bad} each cell it cannot read (which then stands as a harmless value, so that
     * the row's other rules and references are still checked and reported in the same pass; the
     * import fails either way), and to {@code implied} the fields it filled in from another cell
     * (an incident's blank end taken from its start), whose problems are that cell's.
     */
    ObjectNode json(Row row, List<Problem> bad, Set<String> implied);
  }

  /** Every CSV import: {@code toJson} makes each row's record (see {@link RowJson}). */
  private static List<StoredRecord> csv(LedgerService ledger, InputStream in, Meta meta, List<String> known, Map<String, String> columnOf, RecordType type, RowJson toJson) {
    return csv(ledger, in, meta, known, columnOf, type, List.of(), toJson);
  }

  /** As above; each of {@code required} must be a column of the file. */
  private static List<StoredRecord> csv(LedgerService ledger, InputStream in, Meta meta, List<String> known, Map<String, String> columnOf, RecordType type, List<String> required, RowJson toJson) {
    return ledger.atomically(tx -> {
      List<StoredRecord> out = new ArrayList<>();
      List<Problem> problems = new ArrayList<>();
      // Excel in Danish, German, French… locales saves "CSV" with ';' between cells and a decimal
      // comma in numbers (CsvDialect).
      BufferedReader reader;
      boolean semicolons;
      try {
        reader = new BufferedReader(new StringReader(Utf8.decode(in.readAllBytes(), "row")));
        semicolons = CsvDialect.delimiter(reader) == ';';
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try (CSVParser p = CSVFormat.RFC4180.builder().setDelimiter(semicolons ? ';' : ',').setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get().parse(reader)) {
        Map<String, Integer> header = p.getHeaderMap();
        for (String h : header.keySet()) {
          if (!known.contains(h)) problems.add(Problem.of("header", h, "is not a known column (known: " + String.join(", ", known) + ")"));
        }
        for (String r : required) {
          if (!header.containsKey(r)) problems.add(Problem.of("header", String.join(",", header.keySet()), "needs the column " + r));
        }
        if (!problems.isEmpty()) throw new ValidationException(problems);
        forEachRow(p, problems, (where, rec) -> {
          // cells read in place by the header's positions (not copied into a map per row)
          Row row = column -> {
            Integer i = header.get(column);
            if (i == null) return null;
            String v = rec.get(i);
            return semicolons && DECIMAL_COLUMNS.contains(column) && DECIMAL_COMMA.matcher(v).matches() ? v.replace(',', '.') : v;
          };
          List<Problem> bad = new ArrayList<>();
          Set<String> dropped = new HashSet<>();
          Set<String> implied = new HashSet<>();
          Problem notFound = null;
          try {
            ObjectNode json = toJson.json(row, bad, implied);
            LedgerRecord r = convert(json, type.recordClass(), bad, dropped, implied);
            StoredRecord created = tx.create(r, meta);
            if (bad.isEmpty()) out.add(created);
          } catch (ValidationException e) {
            // a field taken out above is not also "required"
            for (Problem x : e.problems()) if (!dropped.contains(x.field()) && !implied.contains(x.field())) bad.add(x);
          } catch (NotFoundException e) {
            notFound = Problem.of(where, e.id(), e.getMessage());
          }
          for (Problem x : bad) problems.add(new Problem(where + ": " + columnOf.getOrDefault(x.field(), x.field()), x.value(), x.rule()));
          if (notFound != null) problems.add(notFound);
        });
      } catch (IOException e) {
        throw new ValidationException(Problem.of("(file)", "", "cannot be read as CSV: " + e.getMessage()));
      }
      if (!problems.isEmpty()) throw new ValidationException(problems);
      return out;
    });
  }

  /**
   * Calls {@code body} with each row of {@code p} and its name ("row 2": the header is row 1).
   * A row with another number of fields than the header is reported and skipped; a broken quote
   * is reported and ends the reading (the parser cannot find the next row after it).
   */
  static void forEachRow(CSVParser p, List<Problem> problems, java.util.function.BiConsumer<String, CSVRecord> body) {
    int fields = p.getHeaderMap().size();
    Iterator<CSVRecord> it = p.iterator();
    while (true) {
      CSVRecord rec;
      try {
        if (!it.hasNext()) break;
        rec = it.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        // bytes that are not UTF-8 (read as the file streams) are named by their own line and bytes
        if (e.getCause() instanceof Utf8.NotUtf8 n) problems.add(n.problem());
        else problems.add(Problem.of("row " + (p.getRecordNumber() + 2), "", "malformed CSV: " + e.getMessage()));
        break;
      }
      String where = "row " + (rec.getRecordNumber() + 1);
      if (!rec.isConsistent()) {
        problems.add(Problem.of(where, rec.size() + " fields", "must have " + fields + " fields, as the header"));
        continue;
      }
      body.accept(where, rec);
    }
  }

  /**
   * The row's record. A value the record's own parser refuses (a misspelt role, an impossible
   * date) is reported, taken out of the JSON, and the rest tried again, so that the row's other
   * rules and references are still checked in the same pass; the import fails either way.
   */
  static LedgerRecord convert(ObjectNode json, Class<? extends LedgerRecord> type, List<Problem> bad, Set<String> dropped, Set<String> implied) {
    for (int tries = 0; ; tries++) {
      try {
        return Json.convert(json, type);
      } catch (ValidationException e) {
        Problem p = e.problems().get(0);
        if (tries >= 20 || e.problems().size() != 1 || !remove(json, p.field())) throw e;
        if (!implied.contains(p.field())) bad.add(p);
        dropped.add(p.field());
      }
    }
  }

  /** Takes out the field at a dotted path ("claimant.role"); false when there is none. */
  private static boolean remove(ObjectNode json, String path) {
    String[] parts = path.split("\\.");
    JsonNode n = json;
    for (int i = 0; i < parts.length - 1 && n != null; i++) n = n.get(parts[i]);
    return n instanceof ObjectNode o && o.remove(parts[parts.length - 1]) != null;
  }

  /** A range as its JSON (as Json.tree would make it, without a round trip through the serializer: one per claim on imports). */
  private static ObjectNode rangeNode(Range r) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("min", r.min());
    if (r.max().isPresent()) o.put("max", r.max().getAsLong());
    return o;
  }

  /** A CSV cell holding several values separated by ';'. */
  private static List<String> list(String cell) {
    return Arrays.stream(cell.split(";")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static void put(ObjectNode o, String field, String v) {
    if (!blank(v)) o.put(field, v.trim());
  }

  /** A number cell; one that is not a number is reported and stands as 0. */
  private static void number(ObjectNode o, String field, String v, List<Problem> bad) {
    if (blank(v)) return;
    try {
      o.put(field, Double.parseDouble(v.trim()));
    } catch (NumberFormatException e) {
      bad.add(Problem.of(field, v, "must be a number"));
      o.put(field, 0.0);
    }
  }

  /** A figure cell (N, MIN-MAX or MIN+); one that cannot be read is reported and stands as 0. */
  private static void range(ObjectNode o, String field, String v, List<Problem> bad) {
    if (blank(v)) return;
    Range r;
    try {
      r = Range.parse(field, v);
    } catch (ValidationException e) {
      bad.addAll(e.problems());
      r = Range.ZERO;
    }
    o.set(field, rangeNode(r));
  }
}
