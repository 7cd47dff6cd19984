package org.harmledger.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;

/**
 * The one JSON dialect of Harm Ledger: snake_case fields, lower-case enum values, ISO dates,
 * absent values left out, properties and map keys sorted. The ledger hashes the exact text this
 * writes at the time of writing, so verification never depends on re-serialising.
 * The mapper is thread-safe.
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
          .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
          .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
          .serializationInclusion(JsonInclude.Include.NON_ABSENT)
          .build();

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String pretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * As {@link #pretty}, but maps keep the order they were built in (a report whose keys follow
   * its phases or its settings), where the ledger's JSON sorts them.
   */
  public static String prettyAsBuilt(Object value) {
    try {
      return MAPPER.writer().without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).withDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final java.util.concurrent.ConcurrentHashMap<Class<?>, com.fasterxml.jackson.databind.ObjectReader> READERS = new java.util.concurrent.ConcurrentHashMap<>();

  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Parses JSON text, turning every Jackson failure into a problem that names field and rule. */
  public static <T> T read(String text, Class<T> type) {
    try {
      // a reader per type, made once: verify parses 400,000 records, and each readValue on the
      // mapper would set up its reading context again
      return READERS.computeIfAbsent(type, MAPPER::readerFor).readValue(text);
    } catch (JsonProcessingException e) {
      throw new ValidationException(problemOf(e));
    }
  }

  public static JsonNode readTree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ValidationException(problemOf(e));
    }
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new ValidationException(problemOf(e));
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonProcessingException jpe) throw new ValidationException(problemOf(jpe));
      throw new ValidationException(Problem.of("(json)", "", e.getMessage()));
    }
  }

  static Problem problemOf(JsonProcessingException e) {
    if (e instanceof MismatchedInputException m) {
      String field = path(m);
      if (e instanceof UnrecognizedPropertyException u) {
        return Problem.of(field, u.getPropertyName(), "is not a known field here" + known(u));
      }
      if (e instanceof InvalidFormatException f) {
        String target = f.getTargetType() == null ? "value" : describe(f.getTargetType());
        return Problem.of(field, f.getValue(), "must be " + target);
      }
      String type = m.getTargetType() == null ? "value" : describe(m.getTargetType());
      String msg = m.getOriginalMessage();
      if (msg != null && msg.contains("missing type id")) {
        return Problem.of(field.isEmpty() ? "kind" : field + ".kind", "", "is required (one of the kinds listed in the API document)");
      }
      if (msg != null && msg.contains("could not resolve type id")) {
        return Problem.of(field.isEmpty() ? "kind" : field + ".kind", "", "unknown kind: " + msg.replaceAll("(?s).*type id '([^']*)'.*", "$1"));
      }
      if (msg != null && msg.startsWith("Cannot map `null` into type")) {
        // a yes/no field left out (confidential, secondary): say so, not how Jackson is configured
        return Problem.of(field.isEmpty() ? "(json)" : field, "", "is required: " + type);
      }
      return Problem.of(field.isEmpty() ? "(json)" : field, "", "must be " + type + " (" + firstLine(msg) + ")");
    }
    var loc = e.getLocation();
    String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return Problem.of("(json)", "", "is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
  }

  private static String known(UnrecognizedPropertyException u) {
    var ids = u.getKnownPropertyIds();
    if (ids == null || ids.isEmpty()) return "";
    return " (known: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
  }

  private static String path(MismatchedInputException m) {
    StringBuilder b = new StringBuilder();
    for (var ref : m.getPath()) {
      if (ref.getFieldName() != null) {
        if (!b.isEmpty()) b.append('.');
        b.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        b.append('[').append(ref.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String describe(Class<?> c) {
    if (c.isEnum()) {
      StringBuilder b = new StringBuilder("one of ");
      Object[] values = c.getEnumConstants();
      for (int i = 0; i < values.length; i++) {
        if (i > 0) b.append(", ");
        b.append(((Enum<?>) values[i]).name().toLowerCase());
      }
      return b.toString();
    }
    return switch (c.getSimpleName()) {
      case "LocalDate" -> "a date as YYYY-MM-DD";
      case "Instant" -> "a timestamp as YYYY-MM-DDThh:mm:ssZ";
      case "long", "Long", "int", "Integer", "OptionalLong" -> "a whole number";
      case "double", "Double" -> "a number";
      case "String" -> "text";
      case "boolean", "Boolean" -> "true or false";
      default -> "a " + c.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + " object";
    };
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
