package org.harmledger.linkage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.Json;

/**
 * A linkage's settings, read from JSON (documented in {@code examples/linkage/README.md}): the id
 * column, the comparisons with their levels, the blocking rules, the thresholds, and optionally
 * where the truth is for {@code evaluate}. Every problem is reported with its JSON path.
 */
public record Settings(
    String idColumn,
    String mode,
    List<Comparison> comparisons,
    List<List<String>> blocking,
    int maxBlock,
    double threshold,
    double reviewFrom,
    double groupThreshold,
    Truth truth) {

  /**
   * A field comparison: its name, columns, type and the levels tried in order, best first;
   * {@code follows} names other columns it largely depends on (an age follows a birth date), so
   * that a blocking rule on those does not count this comparison as independent evidence.
   */
  public record Comparison(String name, List<String> columns, String type, List<String> levels, boolean tf, String format, List<String> follows) {
    /** The columns a blocking rule must avoid for this comparison to be free evidence within it. */
    public List<String> dependsOn() {
      List<String> all = new ArrayList<>(columns);
      all.addAll(follows);
      return all;
    }
  }

  /** Where the true clusters are: a column holding a cluster key, or a pattern whose first group of the id is the key. */
  public record Truth(String column, Pattern idPattern) {}

  static final List<String> TRANSFORMS = List.of("skeleton", "skelfirst", "skellast", "skelmin", "skelmax", "skelpairs", "givenfamily", "near2", "metaphone", "sorted");

  static final List<String> TYPES = List.of("name", "full_name", "string", "date", "number", "age", "exact");

  public static Settings parse(String json) {
    JsonNode n;
    try {
      n = Json.readTree(json);
    } catch (RuntimeException e) {
      throw new ValidationException(Problem.of("settings", "", "is not valid JSON: " + e.getMessage()));
    }
    List<Problem> p = new ArrayList<>();
    String id = n.path("id_column").asText("");
    if (id.isEmpty()) p.add(Problem.of("id_column", "", "is required: the column holding each record's id"));
    String mode = n.path("mode").asText("auto");
    if (!List.of("auto", "dedupe", "link", "link_and_dedupe").contains(mode)) p.add(Problem.of("mode", mode, "must be dedupe, link, link_and_dedupe or auto"));
    List<Comparison> comps = new ArrayList<>();
    JsonNode cs = n.path("comparisons");
    if (!cs.isArray() || cs.isEmpty()) p.add(Problem.of("comparisons", "", "give at least one comparison"));
    for (int i = 0; i < cs.size(); i++) {
      JsonNode c = cs.get(i);
      String at = "comparisons[" + i + "]";
      String type = c.path("type").asText("");
      if (!TYPES.contains(type)) p.add(Problem.of(at + ".type", type, "must be one of " + String.join(", ", TYPES)));
      List<String> cols = new ArrayList<>();
      if (c.has("columns")) c.path("columns").forEach(x -> cols.add(x.asText()));
      else if (c.has("column")) cols.add(c.path("column").asText());
      if (cols.isEmpty()) p.add(Problem.of(at + ".column", "", "is required (or columns, for full_name)"));
      List<String> levels = new ArrayList<>();
      c.path("levels").forEach(x -> levels.add(x.asText()));
      if (levels.isEmpty()) levels.add("exact");
      if (levels.size() > 14) p.add(Problem.of(at + ".levels", levels.size(), "at most 14 levels"));
      for (String l : levels) {
        if (l.equals("group") && !type.equals("age")) p.add(Problem.of(at + ".levels", l, "is a level of type age only"));
        else if (!validLevel(l)) p.add(Problem.of(at + ".levels", l, "is not a level: exact, vowels, skeleton, metaphone, tokens, subset:N, vsubset:N, shared:N, vshared:N, first:N, jw:T (0–1), lev:N, swapped, days:N, year, within:N, group (type age)"));
        else if (type.equals("age") && !(l.equals("exact") || l.equals("group") || l.startsWith("within:"))) p.add(Problem.of(at + ".levels", l, "is not a level of an age: exact, within:N, group"));
      }
      if (type.equals("age") && cols.size() > 2) p.add(Problem.of(at + ".columns", String.join(",", cols), "an age takes one or two columns: the age in years, then (optionally) the age group"));
      if (type.equals("date") && c.path("format").asText("").isEmpty()) p.add(Problem.of(at + ".format", "", "is required for dates, e.g. yyyyMMdd or yyyy-MM-dd"));
      List<String> follows = new ArrayList<>();
      c.path("follows").forEach(x -> follows.add(x.asText()));
      if (c.has("follows") && !c.path("follows").isArray()) p.add(Problem.of(at + ".follows", c.path("follows").toString(), "must be a list of column names"));
      comps.add(new Comparison(c.path("name").asText(cols.isEmpty() ? "c" + i : String.join("+", cols)), cols, type, levels, c.path("tf").asBoolean(false), c.path("format").asText(""), follows));
    }
    if (comps.size() > 15) p.add(Problem.of("comparisons", comps.size(), "at most 15 comparisons"));
    List<List<String>> blocking = new ArrayList<>();
    JsonNode bs = n.path("blocking");
    if (!bs.isArray() || bs.isEmpty()) p.add(Problem.of("blocking", "", "give at least one blocking rule, e.g. [[\"surname:skeleton\"], [\"date_of_birth\"]]"));
    for (JsonNode rule : bs) {
      List<String> keys = new ArrayList<>();
      if (rule.isArray()) rule.forEach(x -> keys.add(x.asText()));
      else keys.add(rule.asText());
      for (String key : keys) {
        String[] ct = key.split(":", 2);
        if (ct.length == 2 && !TRANSFORMS.contains(ct[1]) && !ct[1].matches("first[1-9][0-9]*")) {
          p.add(Problem.of("blocking[" + blocking.size() + "]", key, "'" + ct[1] + "' is not a key transform: " + String.join(", ", TRANSFORMS) + ", firstN"));
        }
      }
      blocking.add(keys);
    }
    if (blocking.size() > 16) p.add(Problem.of("blocking", blocking.size(), "at most 16 rules"));
    int maxBlock = n.path("max_block").asInt(1000);
    if (maxBlock < 2) p.add(Problem.of("max_block", maxBlock, "must be at least 2"));
    double threshold = n.path("threshold").asDouble(0.9);
    if (threshold <= 0 || threshold >= 1) p.add(Problem.of("threshold", threshold, "must be a probability between 0 and 1"));
    double review = n.path("review_from").asDouble(Math.min(0.5, threshold));
    if (review < 0 || review > threshold) p.add(Problem.of("review_from", review, "must be between 0 and the threshold (" + threshold + ")"));
    double group = n.path("group_threshold").asDouble(threshold);
    if (group < threshold || group >= 1) p.add(Problem.of("group_threshold", group, "must be from the threshold (" + threshold + ") up to, not including, 1"));
    Truth truth = null;
    JsonNode t = n.path("truth");
    if (t.isObject()) {
      try {
        truth = new Truth(t.path("column").asText(null), t.has("id_pattern") ? Pattern.compile(t.path("id_pattern").asText()) : null);
      } catch (PatternSyntaxException e) {
        p.add(Problem.of("truth.id_pattern", t.path("id_pattern").asText(), "is not a regular expression: " + e.getDescription()));
      }
    }
    if (!p.isEmpty()) throw new ValidationException(p);
    return new Settings(id, mode, comps, blocking, maxBlock, threshold, review, group, truth);
  }

  static boolean validLevel(String l) {
    if (List.of("exact", "skeleton", "vowels", "metaphone", "tokens", "swapped", "year", "group").contains(l)) return true;
    String[] kv = l.split(":", 2);
    if (kv.length != 2) return false;
    try {
      double v = Double.parseDouble(kv[1]);
      return switch (kv[0]) {
        case "jw" -> v > 0 && v <= 1;
        case "lev", "first", "days", "within", "shared", "subset", "vsubset", "vshared" -> v >= 0 && v == Math.rint(v);
        default -> false;
      };
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
