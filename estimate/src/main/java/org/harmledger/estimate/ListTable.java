package org.harmledger.estimate;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;

/**
 * A list-overlap table: for each capture history (which of the k lists recorded a person) how
 * many people have it. The all-zero history (on no list) is what is estimated. Histories are bit
 * masks: bit j set when list j recorded the person. Immutable.
 */
public final class ListTable {
  private final List<String> names;
  private final long[] counts; // indexed by history bit mask; counts[0] unused

  public ListTable(List<String> names, long[] counts) {
    this.names = List.copyOf(names);
    this.counts = counts.clone();
    List<Problem> p = new ArrayList<>();
    if (names.size() < 2) p.add(Problem.of("lists", names.size(), "at least 2 lists are needed to estimate anything"));
    if (names.size() > 15) p.add(Problem.of("lists", names.size(), "at most 15 lists"));
    if (p.isEmpty()) {
      long observed = 0;
      for (int c = 1; c < counts.length; c++) {
        if (counts[c] < 0) p.add(Problem.of(history(c), counts[c], "a count must not be negative"));
        observed += Math.max(0, counts[c]);
      }
      if (observed == 0) p.add(Problem.of("count", 0, "no one is recorded on any list"));
      for (int j = 0; j < names.size() && observed > 0; j++) {
        long off = 0;
        long on = 0;
        for (int c = 1; c < counts.length; c++) {
          if ((c & (1 << j)) == 0) off += counts[c];
          else on += counts[c];
        }
        if (off == 0) p.add(Problem.of(names.get(j), "all ones", "every recorded person is on this list, so the lists' overlap says nothing about who is missing"));
        if (on == 0) p.add(Problem.of(names.get(j), "all zeros", "no recorded person is on this list; drop it"));
      }
    }
    if (!p.isEmpty()) throw new ValidationException(p);
  }

  /** Reads a CSV with one 0/1 column per list and a {@code count} column; every non-empty history must be present. */
  public static ListTable readCsv(Reader in) throws IOException {
    Map<String, ListTable> t = readStrata(in);
    if (t.size() != 1 || !t.containsKey(ALL)) throw new ValidationException(Problem.of("stratum", String.join(",", t.keySet()), "this table has strata; estimate them with the strata (estimate --lists reads them)"));
    return t.get(ALL);
  }

  /** The key of an unstratified table. */
  public static final String ALL = "all";

  /**
   * Reads a table, or one table per value of an optional {@code stratum} column (each stratum must
   * give every history). Every problem in every stratum is reported, with its row.
   */
  public static Map<String, ListTable> readStrata(Reader in) throws IOException {
    java.io.BufferedReader lines = in instanceof java.io.BufferedReader b ? b : new java.io.BufferedReader(in);
    try (CSVParser csv = CSVFormat.DEFAULT.builder().setDelimiter(org.harmledger.io.CsvDialect.delimiter(lines)).setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get().parse(lines)) {
      List<String> header = csv.getHeaderNames();
      if (!header.contains("count")) throw new ValidationException(Problem.of("header", String.join(",", header), "needs a 'count' column and one 0/1 column per list"));
      boolean stratified = header.contains("stratum");
      List<String> lists = header.stream().filter(h -> !h.equals("count") && !h.equals("stratum")).toList();
      if (lists.size() < 2) throw new ValidationException(Problem.of("lists", lists.size(), "at least 2 list columns are needed"));
      if (lists.size() > 15) throw new ValidationException(Problem.of("lists", lists.size(), "at most 15 lists"));
      Map<String, long[]> counts = new TreeMap<>();
      Map<String, boolean[]> seen = new TreeMap<>();
      List<Problem> p = new ArrayList<>();
      for (CSVRecord r : csv) {
        String row = "row " + (r.getRecordNumber() + 1);
        String stratum = stratified ? (r.isSet("stratum") ? r.get("stratum") : "") : ALL;
        if (stratum.isEmpty()) {
          p.add(Problem.of(row + ": stratum", "", "is empty"));
          continue;
        }
        long[] cs = counts.computeIfAbsent(stratum, x -> new long[1 << lists.size()]);
        boolean[] sn = seen.computeIfAbsent(stratum, x -> new boolean[1 << lists.size()]);
        String where = stratified ? row + " (" + stratum + ")" : row;
        int mask = 0;
        boolean ok = true;
        for (int j = 0; j < lists.size(); j++) {
          String v = r.isSet(lists.get(j)) ? r.get(lists.get(j)) : "";
          if (v.equals("1")) mask |= 1 << j;
          else if (!v.equals("0")) {
            p.add(Problem.of(where + ": " + lists.get(j), v, "must be 0 or 1"));
            ok = false;
          }
        }
        String cv = r.isSet("count") ? r.get("count") : "";
        long count;
        try {
          count = Long.parseLong(cv);
        } catch (NumberFormatException e) {
          p.add(Problem.of(where + ": count", cv, "must be a whole number"));
          continue;
        }
        if (count < 0) {
          p.add(Problem.of(where + ": count", cv, "must not be negative"));
          continue;
        }
        if (!ok) continue;
        if (mask == 0) {
          if (count != 0) p.add(Problem.of(where + ": count", cv, "the history on no list is what is estimated; it cannot be observed (leave the row out)"));
          continue;
        }
        if (sn[mask]) p.add(Problem.of(where, history(lists, mask), "this history appears twice"));
        sn[mask] = true;
        cs[mask] = count;
      }
      if (counts.isEmpty()) p.add(Problem.of("rows", "", "the table has no rows"));
      for (var e : seen.entrySet()) {
        List<String> missing = new ArrayList<>();
        for (int c = 1; c < e.getValue().length; c++) if (!e.getValue()[c]) missing.add(history(lists, c));
        if (!missing.isEmpty()) {
          p.add(Problem.of(stratified ? "stratum " + e.getKey() + ": cells" : "cells", String.join(" ", missing.subList(0, Math.min(10, missing.size()))) + (missing.size() > 10 ? " …" : ""),
              missing.size() + " of the " + (e.getValue().length - 1) + " histories are missing; give every one, with count 0 where no one has it"));
        }
      }
      if (!p.isEmpty()) throw new ValidationException(p);
      Map<String, ListTable> out = new TreeMap<>();
      for (var e : counts.entrySet()) {
        try {
          out.put(e.getKey(), new ListTable(lists, e.getValue()));
        } catch (ValidationException x) {
          if (!stratified) throw x;
          for (Problem q : x.problems()) p.add(Problem.of("stratum " + e.getKey() + ": " + q.field(), q.value(), q.rule()));
        }
      }
      if (!p.isEmpty()) throw new ValidationException(p);
      return out;
    } catch (IllegalArgumentException | IllegalStateException e) {
      if (e instanceof ValidationException v) throw v;
      throw new ValidationException(Problem.of("csv", "", "is not a readable CSV table: " + e.getMessage()));
    }
  }

  public static ListTable readCsv(String text) throws IOException {
    return readCsv(new StringReader(text));
  }

  public int lists() {
    return names.size();
  }

  public List<String> names() {
    return names;
  }

  /** How many people have this history (bit mask, not 0). */
  public long count(int history) {
    return counts[history];
  }

  public int cells() {
    return counts.length;
  }

  /** Everyone recorded on at least one list. */
  public long observed() {
    long n = 0;
    for (int c = 1; c < counts.length; c++) n += counts[c];
    return n;
  }

  String history(int mask) {
    return history(names, mask);
  }

  static String history(List<String> names, int mask) {
    char[] b = new char[names.size()];
    for (int j = 0; j < names.size(); j++) b[j] = (mask & (1 << j)) != 0 ? '1' : '0';
    return new String(b);
  }

  /** A term's name from its lists: "c1:c2". */
  public String termName(int term) {
    List<String> parts = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) if ((term & (1 << j)) != 0) parts.add(names.get(j));
    return String.join(":", parts);
  }

  /** Parses "c1:c2,c1:c3" (or "independence") into term masks. */
  public int[] parseTerms(String spec) {
    if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("independence")) return new int[0];
    List<Problem> p = new ArrayList<>();
    List<Integer> out = new ArrayList<>();
    for (String t : spec.split(",")) {
      String term = t.trim();
      int mask = 0;
      for (String name : term.split(":")) {
        int j = names.indexOf(name.trim());
        if (j < 0) {
          p.add(Problem.of("model", term, "'" + name.trim() + "' is not one of the lists " + String.join(", ", names)));
          mask = -1;
          break;
        }
        mask |= 1 << j;
      }
      if (mask < 0) continue;
      if (Integer.bitCount(mask) < 2) p.add(Problem.of("model", term, "an interaction joins at least two lists, e.g. " + names.get(0) + ":" + names.get(1)));
      else if (Integer.bitCount(mask) == names.size()) p.add(Problem.of("model", term, "the interaction of all lists cannot be estimated: the history on no list is unobserved"));
      else out.add(mask);
    }
    if (!p.isEmpty()) throw new ValidationException(p);
    return out.stream().mapToInt(Integer::intValue).distinct().toArray();
  }

  @Override
  public String toString() {
    return names + " " + Arrays.toString(counts);
  }
}
