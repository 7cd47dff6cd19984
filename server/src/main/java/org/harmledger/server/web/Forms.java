package org.harmledger.server.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.Problem;
import org.harmledger.domain.Range;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.Json;

/**
 * Reading the pages' forms: each field parsed or named as a problem (field, value, rule), the
 * record's own rules added so that every problem shows at once, and the record's field names
 * turned into the form's. Stateless.
 */
final class Forms {
  private Forms() {}

  static Map<String, String> form(Context ctx) {
    Map<String, String> f = new LinkedHashMap<>();
    ctx.formParamMap().forEach((k, v) -> f.put(k, v.isEmpty() ? "" : v.get(0)));
    return f;
  }

  static Optional<String> opt(Map<String, String> f, String key) {
    String v = f.getOrDefault(key, "").trim();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  static <E extends Enum<E>> E enumField(Class<E> type, Map<String, String> f, String key, List<Problem> problems) {
    String v = f.getOrDefault(key, "").trim();
    if (v.isEmpty()) {
      problems.add(Problem.of(key, "", "is required"));
      return null;
    }
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(Problem.of(key, v, "is not one of the choices"));
      return null;
    }
  }

  static Optional<LocalDate> dateField(Map<String, String> f, String key, List<Problem> problems) {
    Optional<String> v = opt(f, key);
    if (v.isEmpty()) return Optional.empty();
    try {
      return Optional.of(LocalDate.parse(v.get()));
    } catch (DateTimeParseException e) {
      problems.add(Problem.of(key, v.get(), "must be a date as YYYY-MM-DD"));
      return Optional.empty();
    }
  }

  static Optional<Range> rangeField(Map<String, String> f, String key, List<Problem> problems) {
    Optional<String> v = opt(f, key);
    if (v.isEmpty()) return Optional.empty();
    try {
      return Optional.of(Range.parse(key, v.get()));
    } catch (ValidationException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
  }

  /** The form's parse problems plus what the record's own rules say about the rest of it (a field reported once). */
  static List<Problem> withRecordRules(List<Problem> parsed, org.harmledger.domain.LedgerRecord record) {
    return withRecordRules(parsed, record, Map.of());
  }

  /**
   * As {@link #withRecordRules(List, org.harmledger.domain.LedgerRecord)} for a form whose fields
   * are named apart from the record's ({@code fields}, as {@link #asFormFields} takes them): a rule
   * of the record is left out where the form already names a problem in the same field (an empty
   * "from" is the incident's missing "time", said once, not twice).
   */
  static List<Problem> withRecordRules(List<Problem> parsed, org.harmledger.domain.LedgerRecord record, Map<String, String> fields) {
    org.harmledger.domain.Problems p = new org.harmledger.domain.Problems();
    try {
      record.check(p);
    } catch (RuntimeException e) {
      return parsed; // a half-parsed record may not be checkable; the parse problems stand alone
    }
    List<Problem> out = new ArrayList<>(parsed);
    for (Problem q : p.list()) {
      String asForm = asFormFields(List.of(q), fields).get(0).field();
      if (parsed.stream().noneMatch(x -> sameField(q.field(), x.field()) || sameField(asForm, x.field()))) out.add(q);
    }
    return out;
  }

  private static boolean sameField(String field, String parsed) {
    return field.equals(parsed) || field.startsWith(parsed + ".");
  }

  /** A record's field as the incident and case forms name it ("place.point.lat" is the form's "lat"). */
  static List<Problem> asFormFields(List<Problem> problems, Map<String, String> fields) {
    List<Problem> out = new ArrayList<>();
    for (Problem p : problems) {
      String field = p.field();
      for (var e : fields.entrySet()) {
        if (field.equals(e.getKey()) || field.startsWith(e.getKey() + ".") || field.startsWith(e.getKey() + "[")) {
          field = e.getValue();
          break;
        }
      }
      out.add(Problem.of(field, p.value(), p.rule()));
    }
    return out;
  }

  static Optional<Double> numberField(Map<String, String> f, String key, List<Problem> problems) {
    Optional<String> v = opt(f, key);
    if (v.isEmpty()) return Optional.empty();
    try {
      double d = Double.parseDouble(v.get().replace(',', '.'));
      if (Double.isFinite(d)) return Optional.of(d);
    } catch (NumberFormatException e) {
      // said below
    }
    problems.add(Problem.of(key, v.get(), "must be a number, e.g. 35.95"));
    return Optional.empty();
  }

  static List<String> commaList(Map<String, String> f, String key) {
    return opt(f, key).map(v -> java.util.Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
  }

  /** The JSON merge patch (RFC 7396) that turns {@code before} into {@code after}, at the top level: changed fields whole, removed ones null. */
  static com.fasterxml.jackson.databind.node.ObjectNode mergePatch(com.fasterxml.jackson.databind.JsonNode before, com.fasterxml.jackson.databind.JsonNode after) {
    var patch = Json.MAPPER.createObjectNode();
    before.fieldNames().forEachRemaining(k -> {
      if (!after.has(k)) patch.putNull(k);
    });
    after.fieldNames().forEachRemaining(k -> {
      if (!after.get(k).equals(before.get(k))) patch.set(k, after.get(k));
    });
    return patch;
  }

  /**
   * The record version a form was shown with (its hidden "version" field), so that an amendment,
   * grading, case step or retraction made on a page someone else has changed since is refused, not
   * silently laid over theirs; none when the form has no such field.
   */
  static OptionalLong formVersion(Map<String, String> f) {
    Optional<String> v = opt(f, "version");
    if (v.isEmpty()) return OptionalLong.empty();
    try {
      return OptionalLong.of(Long.parseLong(v.get()));
    } catch (NumberFormatException e) {
      throw new ValidationException(Problem.of("version", v.get(), "must be the record's version number (reload the page)"));
    }
  }
}
