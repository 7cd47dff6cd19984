package org.harmledger.linkage;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;

/**
 * Fellegi–Sunter record linkage without labels: candidate pairs from several blocking rules
 * (blocks larger than {@code max_block} are skipped and reported, so a common surname cannot
 * explode the pair count); u-probabilities from random pairs; m-probabilities and the match rate
 * by EM over the distinct comparison vectors; term-frequency-adjusted weights for exact name
 * agreement; clustering by descending match probability where two groups join only if their
 * records agree on average (no long chains of weak links); cluster ids that are the first record
 * of each cluster in input order, so appending records never renumbers earlier clusters.
 * Not thread-safe; one instance per run.
 */
public final class Linker {
  /**
   * One input record: which file, its id, its values (in the order of the file's columns, which
   * {@code columns} maps; shared by every record of a file, so a million records cost a million
   * arrays, not a million maps).
   */
  public record Record(int input, String id, String[] values, Map<String, Integer> columns) {
    public String field(String column) {
      Integer i = columns.get(column);
      return i == null || i >= values.length || values[i] == null ? "" : values[i];
    }

    public boolean has(String column) {
      return columns.containsKey(column);
    }
  }

  /** A scored pair; {@code key} packs each comparison's level (see {@link #explain}). */
  public record Pair(int a, int b, double probability, double weight, long key) {}

  /** A pair field by field: each comparison's level (−1 missing, levels.size() "else") and weight (log2 Bayes factor). */
  public record Explanation(int[] levels, double[] weights) {}

  /**
   * The run's output. {@code clusters[i]} is record i's cluster (the index of its first record);
   * {@code pairs} are the pairs scored at or above review_from; {@code candidates} every pair
   * compared (a packed {@code a << 32 | b}), for measuring what blocking kept.
   */
  public record Result(List<Record> records, List<Pair> pairs, long[] candidates, int[] clusters, Map<String, Object> stats, Map<String, double[]> m, Map<String, double[]> u, double lambda) {}

  private final Settings s;
  private final List<Record> records;
  /** Clerical decisions (pair key → same person?), which override the model for their pairs. */
  private final Map<Long, Boolean> decisions = new LinkedHashMap<>();
  private final boolean link;
  private final boolean dedupe;
  private final int n;
  private final int k;
  /** Each record's input list, beside the records: read for tens of millions of candidate pairs. */
  private final int[] inputOf;
  // per comparison, per record: prepared values
  private final String[][] norm;
  private final String[][] skel;
  /** The skeleton's parts, split once (parts are shared strings: a list holds few distinct ones). */
  private final String[][][] skelParts;
  /**
   * Beside each record's {@link #skelParts}, each part's form in {@link #vowelForms}: two parts
   * with the same skeleton are the same name only if their vowels agree (Hassan and Hussein share
   * a skeleton, not a name).
   */
  private final int[][][] partForm;
  private final VowelForms vowelForms = new VowelForms();
  private final String[][] meta;
  private final String[][] sorted;
  private final int[][] day;
  /** The same dates as yyyymmdd numbers, for the year and swapped levels without date objects per pair. */
  private final int[][] ymd;
  private final double[][] num;
  /**
   * For an {@code age} comparison, each record's age as a range of years: one year when the age is
   * given, the group's span when only the group is (child 0–17, adult 18–125, elderly 60–125, as
   * the ledger's victims define them); null for other comparisons.
   */
  private final int[][] ageLo;
  private final int[][] ageHi;
  /**
   * For tf comparisons, per record: how many records share its value and its skeleton (0: none),
   * and per comparison the u of a random pair agreeing (Σ f² / n²): looked up once per record here
   * rather than in a hash map for each of tens of millions of pairs.
   */
  private final int[][] valueCount;
  private final int[][] skeletonCount;
  private final double[] exactAgreement;
  private final double[] skeletonAgreement;
  /**
   * For tf name comparisons: in how many records each of a record's name parts occurs (beside
   * {@link #skelParts}), and the size-biased mean of those counts (the count of the part a random
   * pair that shares one usually shares).
   */
  private final int[][][] partCount;
  private final double[] partMean;
  /** For each comparison, the comparisons on the columns it follows (it is evidence only when they are missing). */
  private final int[][] follows;
  private final int[] levelCount;
  /** Each comparison's levels, parsed once: a kind (L_…) and its number (jw:0.9 → 0.9). */
  private final int[][] levelKind;
  private final double[][] levelArg;
  private static final long DAY_ZERO = LocalDate.of(0, 1, 1).toEpochDay() - 1;
  private static final int L_EXACT = 0, L_SKELETON = 1, L_METAPHONE = 2, L_TOKENS = 3, L_SWAPPED = 4, L_YEAR = 5,
      L_JW = 6, L_LEV = 7, L_FIRST = 8, L_SHARED = 9, L_DAYS = 10, L_WITHIN = 11, L_SUBSET = 12, L_GROUP = 13, L_VOWELS = 14, L_VSUBSET = 15, L_VSHARED = 16;
  /** Normalised forms of raw values: names repeat, and transliterating each occurrence would dominate a large run. */
  private final Map<String, String> normalised = new HashMap<>();
  /** Per blocking column: each record's normalised value. */
  private final Map<String, String[]> blockColumn = new HashMap<>();

  private String normalise(String raw) {
    return normalised.computeIfAbsent(raw, Names::normalise);
  }

  public Linker(Settings settings, List<Record> records, int inputs) {
    this.s = settings;
    this.records = records;
    String mode = s.mode().equals("auto") ? (inputs > 1 ? "link" : "dedupe") : s.mode();
    this.link = !mode.equals("dedupe");
    this.dedupe = !mode.equals("link");
    if (link && inputs < 2) throw new ValidationException(Problem.of("mode", mode, "linking needs at least two --input files"));
    this.n = records.size();
    this.inputOf = records.stream().mapToInt(Record::input).toArray();
    if (n >= 1 << 24) throw new ValidationException(Problem.of("--input", n, "at most 16,777,215 records in one run"));
    this.k = s.comparisons().size();
    norm = new String[k][n];
    skel = new String[k][n];
    skelParts = new String[k][n][];
    partForm = new int[k][n][];
    meta = new String[k][n];
    sorted = new String[k][n];
    day = new int[k][n];
    ymd = new int[k][n];
    num = new double[k][n];
    ageLo = new int[k][];
    ageHi = new int[k][];
    valueCount = new int[k][];
    skeletonCount = new int[k][];
    exactAgreement = new double[k];
    skeletonAgreement = new double[k];
    partCount = new int[k][][];
    partMean = new double[k];
    levelCount = new int[k];
    levelKind = new int[k][];
    levelArg = new double[k][];
    for (int c = 0; c < k; c++) {
      List<String> lv = s.comparisons().get(c).levels();
      levelKind[c] = new int[lv.size()];
      levelArg[c] = new double[lv.size()];
      for (int l = 0; l < lv.size(); l++) {
        String[] kv = lv.get(l).split(":", 2);
        levelKind[c][l] = switch (kv[0]) {
          case "exact" -> L_EXACT;
          case "skeleton" -> L_SKELETON;
          case "vowels" -> L_VOWELS;
          case "metaphone" -> L_METAPHONE;
          case "tokens" -> L_TOKENS;
          case "swapped" -> L_SWAPPED;
          case "year" -> L_YEAR;
          case "jw" -> L_JW;
          case "lev" -> L_LEV;
          case "first" -> L_FIRST;
          case "shared" -> L_SHARED;
          case "subset" -> L_SUBSET;
          case "vsubset" -> L_VSUBSET;
          case "vshared" -> L_VSHARED;
          case "days" -> L_DAYS;
          case "within" -> L_WITHIN;
          case "group" -> L_GROUP;
          default -> throw new IllegalArgumentException(lv.get(l)); // Settings.parse refuses these
        };
        levelArg[c][l] = kv.length == 2 ? Double.parseDouble(kv[1]) : 0;
      }
    }
    follows = new int[k][];
    for (int c = 0; c < k; c++) {
      List<String> f = s.comparisons().get(c).follows();
      follows[c] = java.util.stream.IntStream.range(0, k)
          .filter(d -> !java.util.Collections.disjoint(f, s.comparisons().get(d).columns()))
          .toArray();
    }
    long t0 = System.nanoTime();
    prepare();
    vowelForms.finish();
    lap("preparing", t0);
  }

  /** Seconds per phase of this linker's work, in order (printed with a run's figures). */
  private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();

  /** Notes a phase that began at {@code since} as ended now; returns now, the next phase's start. */
  private long lap(String phase, long since) {
    long now = System.nanoTime();
    phaseSeconds.put(phase, Math.round((now - since) / 1e7) / 100.0);
    return now;
  }

  private void prepare() {
    DoubleMetaphone dm = new DoubleMetaphone();
    Map<String, String> partPool = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    if (!records.isEmpty()) {
      Record first = records.get(0);
      for (Settings.Comparison c : s.comparisons()) {
        for (String col : c.dependsOn()) if (!first.has(col)) problems.add(Problem.of("comparisons." + c.name(), col, "is not a column of the input (columns: " + String.join(", ", first.columns().keySet()) + ")"));
      }
      for (List<String> rule : s.blocking()) {
        for (String key : rule) {
          String col = key.split(":", 2)[0];
          if (!first.has(col)) problems.add(Problem.of("blocking", key, "'" + col + "' is not a column of the input"));
        }
      }
    }
    if (!problems.isEmpty()) throw new ValidationException(problems);
    for (int c = 0; c < k; c++) {
      Settings.Comparison cmp = s.comparisons().get(c);
      levelCount[c] = cmp.levels().size();
      DateTimeFormatter f = cmp.type().equals("date") ? DateTimeFormatter.ofPattern(cmp.format(), Locale.ROOT) : null;
      Map<String, Integer> counts = new HashMap<>();
      Map<String, Integer> skelCounts = new HashMap<>();
      Map<String, String> valuePool = new HashMap<>();
      // Values repeat (a million records hold ~27,000 birth dates and half as many names as
      // records), so each distinct one is parsed or worked out once and its forms shared.
      Map<String, DateForms> dates = new HashMap<>();
      Map<String, NameForms> names = new HashMap<>();
      Map<String, String> texts = new HashMap<>();
      if (cmp.type().equals("age")) {
        prepareAge(c, cmp, valuePool);
        continue;
      }
      for (int i = 0; i < n; i++) {
        String r;
        if (cmp.columns().size() == 1) r = records.get(i).field(cmp.columns().get(0)).trim();
        else {
          StringBuilder raw = new StringBuilder();
          for (String col : cmp.columns()) {
            String v = records.get(i).field(col);
            if (!v.isBlank()) raw.append(raw.isEmpty() ? "" : " ").append(v);
          }
          r = raw.toString().trim();
        }
        if (r.isEmpty()) continue;
        switch (cmp.type()) {
          case "date" -> {
            DateForms d = dates.computeIfAbsent(r, x -> DateForms.parse(x, f));
            if (d.day() == 0) unreadable(cmp, "a date in the format " + cmp.format(), "compared only as text, for an exact match", i, r);
            day[c][i] = d.day();
            ymd[c][i] = d.ymd();
            norm[c][i] = d.text();
          }
          case "number" -> {
            try {
              num[c][i] = Double.parseDouble(r);
              norm[c][i] = r;
            } catch (NumberFormatException e) {
              norm[c][i] = null;
              unreadable(cmp, "a number", "treated as missing", i, r);
            }
          }
          // per distinct value, like dates: a regular expression per record was 5% of a million-record run's allocation
          case "exact", "string" -> norm[c][i] = texts.computeIfAbsent(r, x -> WHITESPACE.matcher(x.toLowerCase(Locale.ROOT)).replaceAll(" "));
          default -> {
            String nn = normalise(r);
            if (nn.isEmpty()) continue;
            boolean arabic = Names.hasArabic(r);
            NameForms forms = names.computeIfAbsent(arabic ? "\u0000" + nn : nn, x -> NameForms.of(nn, arabic, cmp.type().equals("full_name"), dm, partPool, valuePool, vowelForms));
            norm[c][i] = forms.value();
            skel[c][i] = forms.skeleton();
            skelParts[c][i] = forms.parts(); // shared between records, never written
            partForm[c][i] = forms.forms();
            meta[c][i] = forms.metaphone();
            sorted[c][i] = forms.sorted();
          }
        }
        // one String object per distinct value (and skeleton, and sorted form) in this column, so
        // that the comparison loop tells equal values by identity, without reading their
        // characters: tens of millions of pairs, each record's strings far apart in memory
        // (names' forms are pooled as they are made)
        if (skel[c][i] == null) norm[c][i] = pooled(valuePool, norm[c][i]);
        if (cmp.tf() && norm[c][i] != null) counts.merge(norm[c][i], 1, Integer::sum);
        if (cmp.tf() && skel[c][i] != null && !skel[c][i].isEmpty()) skelCounts.merge(skel[c][i], 1, Integer::sum);
      }
      if (cmp.tf()) {
        valueCount[c] = new int[n];
        skeletonCount[c] = new int[n];
        for (int i = 0; i < n; i++) {
          if (norm[c][i] != null) valueCount[c][i] = counts.getOrDefault(norm[c][i], 0);
          if (skel[c][i] != null && !skel[c][i].isEmpty()) skeletonCount[c][i] = skelCounts.getOrDefault(skel[c][i], 0);
        }
        exactAgreement[c] = sumOfSquares(counts) / ((double) n * n);
        skeletonAgreement[c] = sumOfSquares(skelCounts) / ((double) n * n);
      }
      if (cmp.tf()) {
        Map<String, Integer> pf = new HashMap<>();
        for (int i = 0; i < n; i++) {
          if (skelParts[c][i] == null) continue;
          for (String part : new java.util.HashSet<>(Arrays.asList(skelParts[c][i]))) if (!part.isEmpty()) pf.merge(part, 1, Integer::sum);
        }
        double sum = 0, sq = 0;
        for (int count : pf.values()) {
          sum += count;
          sq += (double) count * count;
        }
        partMean[c] = sum == 0 ? 1 : sq / sum;
        partCount[c] = new int[n][];
        for (int i = 0; i < n; i++) {
          String[] ps = skelParts[c][i];
          if (ps == null) continue;
          int[] pc = new int[ps.length];
          for (int t = 0; t < ps.length; t++) pc[t] = pf.getOrDefault(ps[t], 1);
          partCount[c][i] = pc;
        }
      }
    }
  }

  /**
   * Values of a comparison's column that could not be read as its type (a date not in the
   * settings' format, a number or an age that is not one), counted so that the run says so rather
   * than quietly going on. {@code treatedAs}: what the linker did with them instead; {@code
   * first}: the first such record.
   */
  public record Unreadable(String expected, String treatedAs, long count, int first, String firstValue) {}

  private final Map<String, Unreadable> unreadable = new LinkedHashMap<>();

  private void unreadable(Settings.Comparison cmp, String expected, String treatedAs, int record, String value) {
    unreadable.merge(cmp.name(), new Unreadable(expected, treatedAs, 1, record, value), (a, b) -> new Unreadable(a.expected(), a.treatedAs(), a.count() + 1, a.first(), a.firstValue()));
  }

  /** Per comparison (by name), the values its column held that could not be read; empty if none. */
  public Map<String, Unreadable> unreadable() {
    return java.util.Collections.unmodifiableMap(unreadable);
  }

  /**
   * An age comparison's records: the age in years from the first column, else the span of the age
   * group in the second (child, adult, elderly; anything else, like a blank, is no evidence).
   */
  private void prepareAge(int c, Settings.Comparison cmp, Map<String, String> valuePool) {
    ageLo[c] = new int[n];
    ageHi[c] = new int[n];
    String years = cmp.columns().get(0);
    String group = cmp.columns().size() > 1 ? cmp.columns().get(1) : null;
    for (int i = 0; i < n; i++) {
      Record rec = records.get(i);
      String a = rec.field(years).trim();
      int lo = -1, hi = -1;
      if (!a.isEmpty()) {
        try {
          double v = Double.parseDouble(a);
          if (v >= 0 && v <= 125) lo = hi = (int) Math.floor(v);
        } catch (NumberFormatException e) {
          // not a number: no age, perhaps a group
        }
        if (lo < 0) unreadable(cmp, "an age in years, 0 to 125", group == null ? "treated as missing" : "treated as missing (the age group, where given, still counts)", i, a);
      }
      if (lo < 0 && group != null) {
        switch (rec.field(group).trim().toLowerCase(Locale.ROOT)) {
          case "child", "minor" -> { lo = 0; hi = 17; }
          case "adult" -> { lo = 18; hi = 125; }
          case "elderly" -> { lo = 60; hi = 125; }
          default -> { }
        }
      }
      ageLo[c][i] = lo;
      ageHi[c][i] = hi;
      if (lo < 0) continue;
      num[c][i] = lo;
      // the text tells equal ages by identity; a group's text is its span, never equal to an age's
      norm[c][i] = pooled(valuePool, lo == hi ? Integer.toString(lo) : lo + "-" + hi);
    }
  }

  /** A date's forms: its day number (0: unparseable), yyyymmdd, and the text it is compared by. */
  private record DateForms(int day, int ymd, String text) {
    static DateForms parse(String raw, DateTimeFormatter f) {
      try {
        LocalDate d = LocalDate.parse(raw, f);
        // days since 1 January of year 0, so that every date is positive (0 means missing):
        // epoch days are negative before 1970, which once left those dates out of days:N and year
        return new DateForms((int) (d.toEpochDay() - DAY_ZERO), d.getYear() * 10_000 + d.getMonthValue() * 100 + d.getDayOfMonth(), d.toString());
      } catch (DateTimeParseException e) {
        return new DateForms(0, 0, raw); // unparseable: compared as text only (exact)
      }
    }
  }

  /**
   * A normalised name's forms, worked out once per distinct name and script; strings pooled per
   * column. {@code forms}: each part's {@link VowelForms} number, beside {@code parts}.
   */
  private record NameForms(String value, String skeleton, String[] parts, int[] forms, String metaphone, String sorted) {
    static NameForms of(String nn, boolean arabic, boolean fullName, DoubleMetaphone dm, Map<String, String> partPool, Map<String, String> valuePool, VowelForms vowelForms) {
      String[] sp = Names.skeleton(nn).split(" ");
      String[] vw = Names.vowels(nn);
      if (vw.length != sp.length) vw = new String[sp.length]; // cannot happen (the same walk over the parts); if it did, no judgement
      Integer[] order = new Integer[sp.length];
      for (int q = 0; q < order.length; q++) order[q] = q;
      // a full name is order-free: its parts sorted by skeleton, each with its own vowels
      if (fullName) Arrays.sort(order, (x, y) -> sp[x].compareTo(sp[y]));
      String[] parts = new String[sp.length];
      int[] forms = new int[sp.length];
      for (int q = 0; q < order.length; q++) {
        parts[q] = pooled(partPool, sp[order[q]]);
        forms[q] = vowelForms.id(parts[q], vw[order[q]] == null ? "" : vw[order[q]], arabic);
      }
      String skel = String.join(" ", parts);
      String[] toks = nn.split(" ");
      String meta = dm.doubleMetaphone(toks[0]);
      Arrays.sort(toks);
      return new NameForms(pooled(valuePool, nn), pooled(valuePool, skel), parts, forms, meta, pooled(valuePool, String.join(" ", toks)));
    }
  }

  /** Record i's value for comparison c, or null. */
  String value(int c, int i) {
    return norm[c][i];
  }

  /** The best level at which two records agree on comparison c; {@code levels} means none; −1 when either is missing. */
  int level(int c, int a, int b) {
    String x = norm[c][a];
    String y = norm[c][b];
    if (x == null || y == null) return -1;
    // a comparison that follows another (age follows a birth date) is evidence only where that one is missing
    for (int d : follows[c]) if (norm[d][a] != null && norm[d][b] != null) return -1;
    // the hot loop of a run (tens of millions of pairs): levels are parsed once, in the constructor
    int[] kinds = levelKind[c];
    int shared = -1; // parts in common, counted once for all the levels that ask
    int vshared = -1;
    for (int l = 0; l < kinds.length; l++) {
      double v = levelArg[c][l];
      if ((kinds[l] == L_SHARED || kinds[l] == L_SUBSET) && shared < 0) shared = sharedSkeletons(c, a, b, false);
      if ((kinds[l] == L_VSUBSET || kinds[l] == L_VSHARED) && vshared < 0) vshared = sharedSkeletons(c, a, b, true);
      boolean ok = switch (kinds[l]) {
        // values, skeletons and sorted forms are pooled per column (see the constructor): equal means identical
        case L_EXACT -> x == y && (ageLo[c] == null || ageLo[c][a] == ageHi[c][a]);
        case L_SKELETON -> skel[c][a] != null && !skel[c][a].isEmpty() && skel[c][a] == skel[c][b];
        case L_VOWELS -> skel[c][a] != null && !skel[c][a].isEmpty() && skel[c][a] == skel[c][b] && vowelsAgree(c, a, b);
        case L_METAPHONE -> meta[c][a] != null && !meta[c][a].isEmpty() && meta[c][a].equals(meta[c][b]);
        case L_TOKENS -> sorted[c][a] != null && sorted[c][a] == sorted[c][b];
        case L_SWAPPED -> swapped(c, a, b);
        case L_YEAR -> day[c][a] > 0 && day[c][b] > 0 && ymd[c][a] / 10_000 == ymd[c][b] / 10_000;
        case L_JW -> Similarity.jaroWinkler(x, y) >= v;
        case L_LEV -> Similarity.levenshtein(x, y, (int) v) <= v;
        case L_FIRST -> x.length() >= v && y.length() >= v && x.regionMatches(0, y, 0, (int) v);
        case L_SHARED -> shared >= v;
        case L_SUBSET -> subset(c, a, b, (int) v, shared);
        case L_VSUBSET -> subset(c, a, b, (int) v, vshared);
        case L_VSHARED -> vshared >= v;
        case L_DAYS -> day[c][a] > 0 && day[c][b] > 0 && Math.abs(day[c][a] - day[c][b]) <= v;
        case L_WITHIN -> Math.abs(num[c][a] - num[c][b]) <= v && (ageLo[c] == null || ageLo[c][a] == ageHi[c][a] && ageLo[c][b] == ageHi[c][b]);
        // the two ranges overlap: nothing either list says rules the other out (a child of 7, "child")
        case L_GROUP -> ageLo[c] != null && ageLo[c][a] <= ageHi[c][b] && ageLo[c][b] <= ageHi[c][a];
        default -> false;
      };
      if (ok) return l;
    }
    return kinds.length;
  }

  /**
   * For two names with the same skeleton: whether each part's vowels agree with its counterpart's
   * (the parts are sorted alike, so a part's counterpart is at its place, or among its equals).
   */
  private boolean vowelsAgree(int c, int a, int b) {
    int[] fa = partForm[c][a];
    int[] fb = partForm[c][b];
    if (fa == fb) return true; // the same name, spelled alike: the same forms array
    String[] pa = skelParts[c][a];
    for (int t = 0; t < fa.length; t++) {
      if (fa[t] == fb[t] || vowelForms.agree(fa[t], fb[t])) continue;
      boolean repeated = t > 0 && pa[t - 1] == pa[t] || t + 1 < pa.length && pa[t + 1] == pa[t];
      if (!repeated) return false;
      // a part that occurs twice (Mohammed Mahmoud): match the parts as shared parts are matched
      int parts = 0;
      for (String p : pa) if (!p.isEmpty()) parts++;
      return sharedSkeletons(c, a, b, true) == parts;
    }
    return true;
  }

  /** How many name parts two records share by skeleton (in any order); with {@code vowels}, only parts whose vowels agree. */
  private int sharedSkeletons(int c, int a, int b, boolean vowels) {
    if (skel[c][a] == null || skel[c][b] == null) return 0;
    String[] x = skelParts[c][a];
    String[] y = skelParts[c][b];
    int[] fx = vowels ? partForm[c][a] : null;
    int[] fy = vowels ? partForm[c][b] : null;
    // the parts of y already matched, as bits (an array per pair was 5% of a large run's
    // allocation); a name of more than 64 parts matches its 65th and later parts more than once
    long used = 0;
    int shared = 0;
    for (int i = 0; i < x.length; i++) {
      String t = x[i];
      if (t.isEmpty()) continue;
      for (int j = 0; j < y.length; j++) {
        long bit = j < 64 ? 1L << j : 0;
        // parts are pooled: equal parts are the same string
        if ((used & bit) == 0 && y[j] == t && (fx == null || fx[i] == fy[j] || vowelForms.agree(fx[i], fy[j]))) {
          used |= bit;
          shared++;
          break;
        }
      }
    }
    return shared;
  }

  /**
   * Whether every part of the shorter name (at least {@code min} parts) is a part of the longer:
   * a part left out (the father's name, often) and nothing that contradicts. Brothers share two
   * parts too, but each has a given name the other lacks.
   */
  private boolean subset(int c, int a, int b, int min, int shared) {
    if (shared < min || skel[c][a] == null || skel[c][b] == null) return false;
    int na = 0, nb = 0;
    for (String t : skelParts[c][a]) if (!t.isEmpty()) na++;
    for (String t : skelParts[c][b]) if (!t.isEmpty()) nb++;
    return shared == Math.min(na, nb);
  }

  private boolean swapped(int c, int a, int b) {
    if (day[c][a] == 0 || day[c][b] == 0) return false;
    int x = ymd[c][a];
    int y = ymd[c][b];
    return x / 10_000 == y / 10_000 && x / 100 % 100 == y % 100 && x % 100 == y / 100 % 100;
  }

  /**
   * Record i's blocking keys under a rule, as the run numbers them: none when a part is missing,
   * one for most rules, several when a part has several values ({@code skelpairs}: every pair of
   * the name's parts, so a record whose father's name is dropped still shares its
   * given-and-family pair). Records share a block when they share a key.
   */
  List<Long> blockKeys(List<String> rule, int i) {
    String[][] parts = new String[rule.size()][];
    for (int p = 0; p < parts.length; p++) parts[p] = rule.get(p).split(":", 2);
    List<Long> keys = new ArrayList<>();
    for (long entry : blockEntries(parts, new HashMap<>())) if (entry % n == i) keys.add(entry / n);
    return keys;
  }

  /** Each record's normalised value of a column (null: blank), worked out on first use. */
  private String[] blockColumn(String column) {
    return blockColumn.computeIfAbsent(column, col -> {
      String[] values = new String[n];
      for (int x = 0; x < n; x++) {
        String v = records.get(x).field(col);
        if (v.isBlank()) continue;
        String nn = normalise(v);
        values[x] = nn.isEmpty() ? v.trim().toLowerCase(Locale.ROOT) : nn;
      }
      return values;
    });
  }

  /** One part of a rule ({column} or {column, transform}) applied to a normalised value: its values, none empty. */
  private List<String> partValues(String[] ct, String nv) {
    List<String> values = List.of(nv);
    if (ct.length == 2) {
      String t = ct[1];
      String[] skels = t.startsWith("skel") ? skeletons(nv) : null;
      if (t.equals("skeleton")) nv = Names.skeleton(nv);
      else if (t.equals("skelfirst")) nv = skels[0];
      else if (t.equals("skellast")) nv = skels[skels.length - 1];
      else if (t.equals("skelmin") || t.equals("skelmax")) {
        // order-free: the alphabetically first or last part's skeleton ("al-Shami Khaled" and "Khaled al-Shami" agree)
        String best = null;
        for (String sk : skels) {
          if (sk.isEmpty()) continue;
          if (best == null || (t.equals("skelmin") ? sk.compareTo(best) < 0 : sk.compareTo(best) > 0)) best = sk;
        }
        nv = best == null ? "" : best;
      } else if (t.equals("skelpairs")) {
        java.util.TreeSet<String> parts = new java.util.TreeSet<>();
        for (String sk : skels) if (!sk.isEmpty()) parts.add(sk);
        List<String> ps = new ArrayList<>(parts);
        List<String> pairs = new ArrayList<>();
        for (int x = 0; x < ps.size(); x++) for (int y = x + 1; y < ps.size(); y++) pairs.add(ps.get(x) + " " + ps.get(y));
        if (pairs.isEmpty() && ps.size() == 1) pairs.add(ps.get(0));
        return pairs;
      }
      else if (t.equals("near2")) {
        // Two keys: the number's band of five, and its band of five counted from 2. Numbers at
        // most 2 apart share one of them (a band edge of one lies inside the other's band), so
        // an age given as 52 in one list and 54 in another still meets.
        double v;
        try {
          v = Double.parseDouble(nv);
        } catch (NumberFormatException e) {
          return List.of();
        }
        long x = Math.round(v);
        return List.of("a" + Math.floorDiv(x, 5), "b" + Math.floorDiv(x - 2, 5));
      }
      else if (t.equals("metaphone")) nv = new DoubleMetaphone().doubleMetaphone(nv.split(" ")[0]);
      else if (t.startsWith("first")) nv = nv.substring(0, Math.min(nv.length(), Integer.parseInt(t.substring(5))));
      else if (t.equals("sorted")) {
        String[] toks = nv.split(" ");
        Arrays.sort(toks);
        nv = String.join(" ", toks);
      }
      values = List.of(nv);
    }
    return values.get(0).isEmpty() ? List.of() : values;
  }

  /** Each part's skeleton, once per distinct value (half the records of a large list repeat another's name). */
  private String[] skeletons(String value) {
    return skeletonsByValue.computeIfAbsent(value, v -> {
      String[] toks = v.split(" ");
      String[] out = new String[toks.length];
      for (int t = 0; t < toks.length; t++) out[t] = Names.skeleton(toks[t]);
      return out;
    });
  }

  /**
   * A rule's blocks as one sorted array of {@code key × n + record}, one entry per record and key.
   * A key is a number: each part's values are numbered (once per distinct normalised value, and
   * once per part however many rules share it), and a record's key is its parts' numbers in mixed
   * radix. Sorting primitive longs then puts each block's records together in input order, where
   * building a string per record and key and a map from strings to blocks took most of the time
   * blocking a million records.
   */
  private long[] blockEntries(String[][] rule, Map<String, PartIds> partIds) {
    int m = n;
    int[] rec = new int[m];
    long[] key = new long[m];
    for (int i = 0; i < n; i++) rec[i] = i;
    long top = 1; // every key so far is below it
    for (String[] ct : rule) {
      PartIds part = partIds.computeIfAbsent(String.join(":", ct), x -> partIds(ct));
      if (part.count() == 0) return new long[0];
      if (top > Long.MAX_VALUE / part.count()) top = renumber(key, m); // only for rules of many parts with many values
      int next = 0;
      for (int e = 0; e < m; e++) next += part.ids()[rec[e]].length;
      int[] rec2 = new int[next];
      long[] key2 = new long[next];
      next = 0;
      for (int e = 0; e < m; e++) {
        for (int id : part.ids()[rec[e]]) {
          rec2[next] = rec[e];
          key2[next++] = key[e] * part.count() + id;
        }
      }
      rec = rec2;
      key = key2;
      m = next;
      top *= part.count();
    }
    if (top > Long.MAX_VALUE / n) renumber(key, m);
    long[] entries = new long[m];
    for (int e = 0; e < m; e++) entries[e] = key[e] * n + rec[e];
    Arrays.sort(entries);
    return entries;
  }

  /** A part's number for each of a record's values (none when it has none), and how many numbers there are. */
  private record PartIds(int[][] ids, int count) {}

  private static final int[] NO_IDS = {};

  private PartIds partIds(String[] ct) {
    String[] column = blockColumn(ct[0]);
    if (ct.length == 2 && ct[1].equals("givenfamily")) {
      // from the value as written: which part is the family name shows in its article, which normalising drops
      Map<String, Integer> idOf = new HashMap<>();
      Map<String, int[]> idsOfRaw = new HashMap<>();
      int[][] ids = new int[n][];
      for (int i = 0; i < n; i++) {
        String raw = records.get(i).field(ct[0]);
        ids[i] = column[i] == null ? NO_IDS : idsOfRaw.computeIfAbsent(raw, v -> {
          String key = Names.givenAndFamily(v);
          return key == null ? NO_IDS : new int[] {idOf.computeIfAbsent(key, x -> idOf.size())};
        });
      }
      return new PartIds(ids, idOf.size());
    }
    Map<String, Integer> idOf = new HashMap<>();
    Map<String, int[]> idsOfValue = new HashMap<>();
    int[][] ids = new int[n][];
    for (int i = 0; i < n; i++) {
      String nv = column[i];
      ids[i] = nv == null ? NO_IDS : idsOfValue.computeIfAbsent(nv, v -> {
        List<String> values = partValues(ct, v);
        int[] out = new int[values.size()];
        for (int q = 0; q < out.length; q++) out[q] = idOf.computeIfAbsent(values.get(q), x -> idOf.size());
        return out;
      });
    }
    return new PartIds(ids, idOf.size());
  }

  /** Replaces the first m keys by their rank among the distinct ones; returns how many there are. */
  static int renumber(long[] key, int m) {
    long[] distinct = Arrays.copyOf(key, m);
    Arrays.sort(distinct);
    int d = 0;
    for (int e = 0; e < m; e++) if (d == 0 || distinct[e] != distinct[d - 1]) distinct[d++] = distinct[e];
    for (int e = 0; e < m; e++) key[e] = Arrays.binarySearch(distinct, 0, d, key[e]);
    return d;
  }

  private final Map<String, String[]> skeletonsByValue = new HashMap<>();

  boolean allowed(int a, int b) {
    if (link == dedupe) return link; // both: every pair; (neither cannot be configured)
    boolean same = inputOf[a] == inputOf[b];
    return same ? dedupe : link;
  }

  /**
   * Records a person's decision about records a and b (indices): a match always joins them, a
   * non-match keeps them in different clusters, whatever the model scores. The matches also
   * teach the model what a match looks like (see {@link #trainOnDecisions}).
   */
  public void decide(int a, int b, boolean match) {
    if (a == b || a < 0 || b < 0 || a >= n || b >= n) throw new IllegalArgumentException("no such pair of records: " + a + ", " + b);
    decisions.put(((long) Math.min(a, b) << 32) | Math.max(a, b), match);
  }

  /**
   * Progress that also hears of each phase as it begins (blocking, comparing, estimating, scoring,
   * clustering) and how many steps it counts (0: none); {@code accept} then gives the steps done.
   */
  public interface Listener extends LongConsumer {
    void phase(String name, long steps);
  }

  private static void begin(LongConsumer progress, String phase, long steps) {
    if (progress instanceof Listener l) l.phase(phase, steps);
  }

  public Result run(LongConsumer progress) {
    begin(progress, "blocking", 0);
    Map<String, Object> stats = new LinkedHashMap<>();
    long phaseStart = System.nanoTime();
    // 1. candidate pairs from every blocking rule
    long skippedBlocks = 0;
    long skippedRecords = 0;
    // First each rule's blocks, then the pairs: knowing how many pairs the blocks hold, the pair
    // array is made once at its size, rather than doubled as it fills (at a million records the
    // doubling copied some 64 million longs and left a 512 MB array a quarter empty).
    int rules = s.blocking().size();
    int[][] blockStart = new int[rules][];
    int[][] blockMembers = new int[rules][];
    long bound = 0;
    Map<String, PartIds> partIds = new HashMap<>(); // parts several rules share (name:skelmin) numbered once
    for (int ri = 0; ri < rules; ri++) {
      List<String> rule = s.blocking().get(ri);
      String[][] parsed = new String[rule.size()][];
      for (int p = 0; p < parsed.length; p++) parsed[p] = rule.get(p).split(":", 2);
      // the records laid out block by block in one int array, a block's in input order, and where
      // each block starts: the pair loop below reads each block's members in a row
      long[] entries = blockEntries(parsed, partIds);
      int[] inBlocks = new int[entries.length];
      int[] start = new int[entries.length + 1];
      int blocks = 0;
      for (int e = 0; e < entries.length; e++) {
        inBlocks[e] = (int) (entries[e] % n);
        if (e == 0 || entries[e] / n != entries[e - 1] / n) start[blocks++] = e;
      }
      start[blocks] = entries.length;
      start = Arrays.copyOf(start, blocks + 1);
      for (int b = 0; b < blocks; b++) {
        long size = start[b + 1] - start[b];
        if (size >= 2 && size <= s.maxBlock()) bound += size * (size - 1) / 2;
      }
      blockStart[ri] = start;
      blockMembers[ri] = inBlocks;
    }
    if (bound > Integer.MAX_VALUE - 8) {
      throw new ValidationException(Problem.of("blocking", bound, "the blocking rules make more candidate pairs than one run can hold (2,147,483,639); make the rules stricter or max_block smaller"));
    }
    // Each pair carries which rules brought it together (a bit per rule), packed with the two
    // records: a (24 bits) | b (24 bits) | rules (16 bits); duplicates merge their bits.
    long[] pairs = new long[(int) bound];
    int np = 0;
    for (int ri = 0; ri < rules; ri++) {
      int[] start = blockStart[ri], inBlocks = blockMembers[ri];
      for (int b = 0; b + 1 < start.length; b++) {
        int from = start[b], size = start[b + 1] - from;
        if (size < 2) continue;
        if (size > s.maxBlock()) {
          skippedBlocks++;
          skippedRecords += size;
          continue;
        }
        for (int x = from; x < from + size; x++) {
          for (int y = x + 1; y < from + size; y++) {
            int i = inBlocks[x];
            int j = inBlocks[y];
            if (i == j || !allowed(i, j)) continue;
            pairs[np++] = ((long) Math.min(i, j) << 40) | ((long) Math.max(i, j) << 16) | (1L << ri);
          }
        }
      }
      blockStart[ri] = blockMembers[ri] = null;
    }
    Arrays.sort(pairs, 0, np);
    int unique = 0;
    for (int i = 0; i < np; i++) {
      if (unique > 0 && (pairs[i] >>> 16) == (pairs[unique - 1] >>> 16)) pairs[unique - 1] |= pairs[i] & 0xFFFF;
      else pairs[unique++] = pairs[i];
    }
    short[] ruleMask = new short[unique];
    for (int p = 0; p < unique; p++) {
      long x = pairs[p];
      ruleMask[p] = (short) (x & 0xFFFF);
      pairs[p] = ((x >>> 40) << 32) | ((x >>> 16) & 0xFFFFFF);
    }
    stats.put("records", n);
    if (!unreadable.isEmpty()) {
      Map<String, Object> bad = new LinkedHashMap<>();
      for (var e : unreadable.entrySet()) {
        Unreadable u = e.getValue();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("count", u.count());
        b.put("expected", u.expected());
        b.put("treated_as", u.treatedAs());
        b.put("first_record", records.get(u.first()).id());
        b.put("first_value", u.firstValue());
        bad.put(e.getKey(), b);
      }
      stats.put("unreadable_values", bad);
    }
    stats.put("candidate_pairs", unique);
    stats.put("blocks_skipped_as_too_large", skippedBlocks);
    stats.put("records_in_skipped_blocks", skippedRecords);
    phaseStart = lap("blocking", phaseStart);
    begin(progress, "comparing", unique);
    // 2. comparison vectors, as patterns with counts
    long[] keyOf = new long[unique];
    final long[] candidates = pairs;
    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    // comparing pairs is most of a run's work, and each pair is independent: both cores share it
    java.util.stream.IntStream.range(0, unique).parallel().forEach(p -> {
      int a = (int) (candidates[p] >>> 32);
      int b = (int) candidates[p];
      keyOf[p] = patternOf(a, b);
      long d = done.incrementAndGet();
      if (progress != null && (d & 0xFFFF) == 0) progress.accept(d);
    });
    PatternCounts all = new PatternCounts();
    for (int p = 0; p < unique; p++) all.add(keyOf[p]);
    Map<Long, long[]> patterns = all.toMap();
    if (progress != null) progress.accept(unique);
    phaseStart = lap("comparing", phaseStart);
    begin(progress, "estimating", 0);
    // 3. u from random pairs
    double[][] u = new double[k][];
    for (int c = 0; c < k; c++) {
      u[c] = new double[levelCount[c] + 1];
      Arrays.fill(u[c], 1); // add-one smoothing
    }
    SplittableRandom rnd = new SplittableRandom(20171017);
    int samples = (int) Math.min(200_000L, (long) n * (n - 1) / 2);
    for (int t = 0, tries = 0; t < samples && tries < samples * 20; tries++) {
      int a = rnd.nextInt(n);
      int b = rnd.nextInt(n);
      if (a == b || !allowed(a, b)) continue;
      t++;
      for (int c = 0; c < k; c++) {
        int l = level(c, a, b);
        if (l >= 0) u[c][l]++;
      }
    }
    for (double[] uc : u) normalise(uc);
    // Exact agreement on a value as specific as a birth date is rare (1 in 27,000 random pairs):
    // 200,000 samples hold a handful, and add-one smoothing triples it. For one list, count it
    // instead, from the values' frequencies: Σ f(f−1) / N(N−1) over the records that have one.
    if (dedupe && !link) {
      for (int c = 0; c < k; c++) {
        if (levelKind[c].length == 0 || levelKind[c][0] != L_EXACT) continue;
        Map<String, Integer> f = new HashMap<>();
        long present = 0;
        for (int i = 0; i < n; i++) {
          if (norm[c][i] == null) continue;
          present++;
          f.merge(norm[c][i], 1, Integer::sum);
        }
        if (present < 2) continue;
        double same = 0;
        for (int x : f.values()) same += (double) x * (x - 1);
        double exact = Math.max(same / ((double) present * (present - 1)), 1e-12);
        double rest = 0;
        for (int l = 1; l < u[c].length; l++) rest += u[c][l];
        for (int l = 1; l < u[c].length; l++) u[c][l] *= (1 - exact) / rest;
        u[c][0] = exact;
      }
    }
    // 4. m and the match rate by EM over patterns
    double[][] m = new double[k][];
    for (int c = 0; c < k; c++) m[c] = startM(c);
    boolean[] everything = new boolean[k];
    Arrays.fill(everything, true);
    // the starting m: EM over every candidate pair, u re-estimated among them (candidates agree on
    // some blocking key, so the population's u would call nearly all of them matches)
    Em global = em(patterns, m, u, everything, 0.1, true);
    double lambda = global.lambda();
    int iterations = global.iterations();
    stats.put("em_iterations", iterations);
    stats.put("match_rate_among_candidates", lambda);
    // 4b. The pairs a rule blocks on agree on its fields by construction, so EM over all candidates
    // credits those fields with evidence they did not give. Per rule, re-estimate m only for the
    // comparisons that do not use the rule's columns (Splink's way), and take each comparison's
    // m from the rules that leave it free; the expected number of matches gives the prior.
    double[][] mSum = new double[k][];
    double[] mWeight = new double[k];
    for (int c = 0; c < k; c++) mSum[c] = new double[levelCount[c] + 1];
    double matches = 0;
    List<String> rulesUsed = new ArrayList<>();
    for (int ri = 0; ri < s.blocking().size(); ri++) {
      java.util.Set<String> cols = new java.util.HashSet<>();
      for (String part : s.blocking().get(ri)) cols.add(part.split(":", 2)[0]);
      boolean[] free = new boolean[k];
      int freeCount = 0;
      for (int c = 0; c < k; c++) {
        // not free either when the rule blocks on a column that follows this comparison's (a rule
        // on age makes non-matches share a birth year, so birth dates are not free evidence there)
        List<String> related = new ArrayList<>(s.comparisons().get(c).dependsOn());
        for (int d = 0; d < k; d++) {
          if (!java.util.Collections.disjoint(s.comparisons().get(d).follows(), s.comparisons().get(c).columns())) related.addAll(s.comparisons().get(d).columns());
        }
        free[c] = java.util.Collections.disjoint(cols, related);
        if (free[c]) freeCount++;
      }
      PatternCounts counts = new PatternCounts();
      long inRule = 0;
      for (int p = 0; p < unique; p++) {
        int a = (int) (pairs[p] >>> 32);
        int b = (int) pairs[p];
        if ((ruleMask[p] >> ri & 1) == 0) continue;
        inRule++;
        counts.add(keyOf[p]);
      }
      Map<Long, long[]> pat = counts.toMap();
      // EM can tell matches from non-matches only when the free comparisons' joint levels hold
      // more numbers than it estimates (the match rate and each m); with one two-level comparison
      // and sex, the match rate and m trade off against each other and any answer fits. A
      // comparison that follows another free one adds no cells (it is blank wherever that is not).
      long cells = 1;
      int params = 1;
      boolean informative = false;
      for (int c = 0; c < k; c++) {
        if (!free[c]) continue;
        boolean follower = false;
        for (int d : follows[c]) follower |= free[d];
        if (follower) continue;
        cells *= levelCount[c] + 1;
        params += levelCount[c];
        informative |= u[c][0] < 0.2;
      }
      boolean identifiable = informative && cells - 1 > params;
      if (inRule == 0 || !identifiable) continue;
      rulesUsed.add(String.join("+", s.blocking().get(ri)));
      double[][] mr = new double[k][];
      // from a neutral start, not from the EM over all candidates (which can settle on a class
      // such as "same birth year" and pull every rule's EM with it)
      for (int c = 0; c < k; c++) mr[c] = startM(c);
      // u stays the population's (from random pairs), as Splink does: re-estimated among a rule's
      // pairs, u and m together leave EM free to call any structure of the block a match
      double lr = em(pat, mr, u, free, 0.5, false).lambda();
      matches = Math.max(matches, lr * inRule);
      for (int c = 0; c < k; c++) {
        if (!free[c]) continue;
        double wgt = lr * inRule;
        for (int l = 0; l < mr[c].length; l++) mSum[c][l] += wgt * mr[c][l];
        mWeight[c] += wgt;
      }
    }
    for (int c = 0; c < k; c++) {
      if (mWeight[c] > 0) {
        for (int l = 0; l < mSum[c].length; l++) m[c][l] = mSum[c][l] / mWeight[c];
      }
    }
    // EM's levels falling in weight (it can say otherwise on a small list); then the decided pairs,
    // which are evidence, as they come
    for (int c = 0; c < k; c++) monotone(m[c], u[c], m[c].length);
    stats.put("labelled_matches", trainOnDecisions(m));
    double space = 0;
    int[] perInput = new int[64];
    for (Record r : records) perInput[Math.min(63, r.input())]++;
    if (dedupe) for (int x : perInput) space += (double) x * (x - 1) / 2;
    if (link) for (int x = 0; x < 64; x++) for (int y = x + 1; y < 64; y++) space += (double) perInput[x] * perInput[y];
    double lambdaAll = matches > 0 ? Math.min(0.5, matches / space) : lambda * unique / Math.max(1, space);
    {
      // The prior by a fixed point over all pairs: the expected number of matches is the sum of the
      // match probabilities, which depend on the prior; pairs blocking never brought together are
      // taken as non-matches. m and u (the population's) stay fixed. The rule with the most
      // expected matches (the start) undercounts: each rule sees only the pairs it blocks.
      double mTotal = lambdaAll * space;
      for (int it = 0; it < 100; it++) {
        double l0 = Math.min(0.5, mTotal / space);
        double sum = 0;
        for (var e : patterns.entrySet()) {
          double pm = l0, pu = 1 - l0;
          for (int c = 0; c < k; c++) {
            int l = levelOf(e.getKey(), c) - 1;
            if (l < 0) continue;
            pm *= m[c][l];
            pu *= u[c][l];
          }
          sum += e.getValue()[0] * pm / (pm + pu);
        }
        if (Math.abs(sum - mTotal) < 0.5) {
          mTotal = sum;
          break;
        }
        mTotal = sum;
      }
      // the matches one rule expects are a floor for all of them (small lists, where random pairs
      // include many matches and deflate the weights, can settle below it)
      mTotal = Math.max(mTotal, matches);
      lambdaAll = Math.min(0.5, mTotal / space);
      matches = mTotal;
    }
    stats.put("expected_matching_pairs", Math.round(matches));
    stats.put("rules_estimating_m", rulesUsed);
    phaseStart = lap("estimating", phaseStart);
    begin(progress, "scoring", 0);
    // 5. scores, with term frequencies for exact agreement
    double prior = Math.log(lambdaAll / (1 - lambdaAll)) / Math.log(2);
    this.prior = prior;
    this.m = m;
    this.u = u;
    this.baseWeight = new double[k][];
    for (int c = 0; c < k; c++) {
      baseWeight[c] = new double[m[c].length];
      for (int l = 0; l < m[c].length; l++) baseWeight[c][l] = Math.log(m[c][l] / u[c][l]) / Math.log(2);
      // disagreeing on a field is never evidence of a match: where EM had too little to learn from
      // (a list of a few dozen records) its m for "else" can come out above u
      baseWeight[c][levelCount[c]] = Math.min(0, baseWeight[c][levelCount[c]]);
    }
    // Scoring tens of millions of pairs, each independent: both cores, in slices whose kept pairs
    // are joined in order, so the result is the same as one pass.
    final long[] scoredPairs = pairs;
    final int count = unique;
    int slices = Math.max(1, Math.min(256, unique / 65_536));
    List<Pair> scored = new ArrayList<>();
    java.util.stream.IntStream.range(0, slices).parallel().mapToObj(slice -> {
      List<Pair> kept = new ArrayList<>();
      for (int p = (int) ((long) count * slice / slices), end = (int) ((long) count * (slice + 1) / slices); p < end; p++) {
        int a = (int) (scoredPairs[p] >>> 32);
        int b = (int) scoredPairs[p];
        double w = prior;
        for (int c = 0; c < k; c++) w += weight(c, levelOf(keyOf[p], c) - 1, a, b);
        double prob = 1 / (1 + Math.pow(2, -w));
        // only the pairs worth keeping: a million-record run compares tens of millions
        if (prob >= Math.min(s.reviewFrom(), 0.01)) kept.add(new Pair(a, b, prob, w, keyOf[p]));
      }
      return kept;
    }).toList().forEach(scored::addAll);
    // 5b. decisions made in review replace the model's score for their pairs
    if (!decisions.isEmpty()) {
      scored.removeIf(x -> decisions.containsKey(((long) x.a() << 32) | x.b()));
      for (var e : decisions.entrySet()) {
        int a = (int) (e.getKey() >>> 32);
        int b = (int) (long) e.getKey();
        if (e.getValue()) scored.add(new Pair(a, b, 1.0, Double.POSITIVE_INFINITY, patternOf(a, b)));
      }
    }
    stats.put("decisions_respected", decisions.size());
    phaseStart = lap("scoring", phaseStart);
    begin(progress, "clustering", 0);
    // 6. clusters
    // (primitive arrays, not boxed sets: this loop visits every one of tens of millions of pairs)
    long[] kept = new long[scored.size()];
    for (int q = 0; q < kept.length; q++) kept[q] = ((long) scored.get(q).a() << 32) | scored.get(q).b();
    Arrays.sort(kept);
    // only needed for records that may end in groups of two or more: the pairs among linked records
    boolean[] linked = new boolean[n];
    for (Pair x : scored) if (x.probability() >= s.threshold()) {
      linked[x.a()] = true;
      linked[x.b()] = true;
    }
    // a sorted array, not a set of boxed longs: at a million records it holds millions of pairs
    // (filling a HashSet<Long> with them was 7% of a run's samples)
    long[] below = new long[1024];
    int nb = 0;
    for (int p = 0; p < unique; p++) {
      int a = (int) (pairs[p] >>> 32);
      int b = (int) pairs[p];
      if (linked[a] && linked[b] && Arrays.binarySearch(kept, pairs[p]) < 0) {
        if (nb == below.length) below = Arrays.copyOf(below, nb * 2);
        below[nb++] = pairs[p];
      }
    }
    for (var e : decisions.entrySet()) {
      if (e.getValue()) continue;
      if (nb == below.length) below = Arrays.copyOf(below, nb * 2);
      below[nb++] = e.getKey();
    }
    below = Arrays.copyOf(below, nb);
    Arrays.sort(below);
    comparedBelow = below;
    int[] cluster = cluster(scored);
    int clusters = 0;
    for (int i = 0; i < n; i++) if (cluster[i] == i) clusters++;
    stats.put("clusters", clusters);
    long links = scored.stream().filter(x -> x.probability() >= s.threshold()).count();
    long[] compared = Arrays.copyOf(pairs, unique);
    long review = scored.stream().filter(x -> x.probability() >= s.reviewFrom() && x.probability() < s.threshold()).count();
    stats.put("pairs_above_threshold", links);
    stats.put("pairs_for_review", review);
    Map<String, double[]> mm = new LinkedHashMap<>();
    Map<String, double[]> uu = new LinkedHashMap<>();
    for (int c = 0; c < k; c++) {
      mm.put(s.comparisons().get(c).name(), m[c]);
      uu.put(s.comparisons().get(c).name(), u[c]);
    }
    scored.removeIf(x -> x.probability() < s.reviewFrom());
    lap("clustering", phaseStart);
    stats.put("phase_seconds", new LinkedHashMap<>(phaseSeconds));
    return new Result(records, scored, compared, cluster, stats, mm, uu, lambda);
  }

  private double prior;

  /** How much EM's m weighs against the decided matches: as much as this many of them. */
  public static final double EM_AS_LABELS = 10;

  /** Below this many records EM has little to learn from; runs this small say so. */
  public static final int FEW_RECORDS = 1_000;

  /**
   * m from the pairs people decided are the same person, where there are any: for each
   * comparison, how often those pairs reach each level, with EM's estimate counting as
   * {@link #EM_AS_LABELS} pairs more (a handful of decisions nudges it, hundreds replace it). A
   * small list gives EM little to learn from, and its recorders' decisions are the best evidence
   * there is. u stays the population's. Returns how many decided matches there were.
   */
  private int trainOnDecisions(double[][] m) {
    List<long[]> matches = new ArrayList<>();
    for (var e : decisions.entrySet()) if (e.getValue()) matches.add(new long[] {e.getKey() >>> 32, e.getKey() & 0xFFFFFFFFL});
    if (matches.isEmpty()) return 0;
    for (int c = 0; c < k; c++) {
      double[] counts = new double[m[c].length];
      int seen = 0;
      for (long[] pr : matches) {
        int l = level(c, (int) pr[0], (int) pr[1]);
        if (l < 0) continue; // missing on a side: no evidence either way
        counts[l]++;
        seen++;
      }
      if (seen == 0) continue;
      for (int l = 0; l < m[c].length; l++) m[c][l] = (counts[l] + EM_AS_LABELS * m[c][l]) / (seen + EM_AS_LABELS);
    }
    return matches.size();
  }

  /** EM's starting m: each level half as likely as the one before, "else" rare. */
  private double[] startM(int c) {
    double[] x = new double[levelCount[c] + 1];
    for (int l = 0; l <= levelCount[c]; l++) x[l] = l == levelCount[c] ? 0.05 : Math.pow(0.5, l + 1);
    normalise(x);
    return x;
  }
  private double[][] m;
  private double[][] u;
  /** log2(m / u) per comparison and level: the weight wherever no term frequency adjusts u. */
  private double[][] baseWeight;

  /**
   * Levels are tried from the closest agreement to the loosest, so a level never weighs less than
   * one after it, and no agreement weighs less than disagreeing (the last level, "else"). Where EM
   * says otherwise (it does on small lists, which give it a few pairs per level: on five records in
   * two scripts it found no true pair agreeing exactly on place and weighed agreeing at -17.6), the
   * levels are pooled: both get the ratio of their summed m to their summed u
   * (pool-adjacent-violators over the agreement levels; u, which term frequencies scale, is
   * untouched, and m keeps its sum). On large lists EM's weights already fall level by level.
   * Applied to EM's estimate, before the pairs people decided are counted in.
   */
  static void monotone(double[] m, double[] u, int levels) {
    int n = Math.min(levels, m.length);
    // blocks of pooled levels: start, end (exclusive), summed m and u
    int[] start = new int[n], end = new int[n];
    double[] sm = new double[n], su = new double[n];
    int blocks = 0;
    for (int l = 0; l < n; l++) {
      start[blocks] = l;
      end[blocks] = l + 1;
      sm[blocks] = m[l];
      su[blocks] = u[l];
      blocks++;
      // merge while the later block weighs more than the one before it
      while (blocks > 1 && sm[blocks - 1] * su[blocks - 2] > sm[blocks - 2] * su[blocks - 1]) {
        end[blocks - 2] = end[blocks - 1];
        sm[blocks - 2] += sm[blocks - 1];
        su[blocks - 2] += su[blocks - 1];
        blocks--;
      }
    }
    for (int b = 0; b < blocks; b++) {
      if (end[b] - start[b] < 2 || su[b] <= 0) continue;
      double ratio = sm[b] / su[b];
      for (int l = start[b]; l < end[b]; l++) m[l] = u[l] * ratio;
    }
  }

  /** A comparison's weight at a level for a pair whose first record is a (its value sets the term frequency). */
  private double weight(int c, int l, int a) {
    return weight(c, l, a, -1);
  }

  private double weight(int c, int l, int a, int b) {
    if (l < 0) return 0;
    if (valueCount[c] == null || l >= levelKind[c].length) return baseWeight[c][l];
    double uu = u[c][l];
    {
      // u for this value: the level's average u scaled by how common the value is against the average
      int kind = levelKind[c][l];
      if (kind == L_EXACT) {
        int f = valueCount[c][a];
        if (f > 0) uu = Math.max(1e-9, (double) f / n) * u[c][l] / Math.max(1e-12, exactAgreement[c]);
      } else if (kind == L_SKELETON || kind == L_VOWELS || kind == L_TOKENS) {
        int f = skeletonCount[c][a];
        if (f > 0) uu = Math.max(1e-9, (double) f / n) * u[c][l] / Math.max(1e-12, skeletonAgreement[c]);
      } else if ((kind == L_SHARED || kind == L_SUBSET || kind == L_VSUBSET || kind == L_VSHARED) && b >= 0 && partCount[c] != null && skelParts[c][a] != null && skelParts[c][b] != null) {
        // the rarest part the two share, against the part a random sharing pair usually shares
        // (sharing Mohammed and al-Ahmad says less than sharing two rare names); bounded, since
        // one count is a rough guide to how two parts together occur
        String[] pa = skelParts[c][a];
        String[] pb = skelParts[c][b];
        int rarest = Integer.MAX_VALUE;
        for (int x = 0; x < pa.length; x++) {
          for (String y : pb) if (pa[x] == y) rarest = Math.min(rarest, partCount[c][a][x]); // parts are pooled: same name, same string
        }
        if (rarest != Integer.MAX_VALUE) uu = Math.min(1, u[c][l] * Math.max(0.01, Math.min(10, rarest / partMean[c])));
      }
    }
    return Math.log(m[c][l] / uu) / Math.log(2);
  }

  /** Why a pair scored as it did, comparison by comparison. */
  public Explanation explain(Pair p) {
    int[] levels = new int[k];
    double[] weights = new double[k];
    for (int c = 0; c < k; c++) {
      levels[c] = levelOf(p.key(), c) - 1;
      weights[c] = weight(c, levels[c], p.a(), p.b());
    }
    return new Explanation(levels, weights);
  }

  /**
   * Where EM stops if its parameters still move by more than 1e-7 an iteration. An iteration is one
   * pass over the distinct comparison patterns (hundreds to a few thousand), so even the cap costs
   * well under a second. It was 200, which cut EM short on a million records: there EM creeps
   * towards its fixed point (the blocking rule on birth date and place took 643 iterations, the
   * one on given and family names and sex 2,505), and stopping at 200 left m for "birth dates
   * disagree" at 0.070 where it settles at 0.029 (BENCHMARKS.md, issue 6).
   */
  static final int EM_MAX_ITERATIONS = 5_000;

  /**
   * EM's m is a posterior mode rather than a bare maximum of the likelihood: each M-step counts,
   * beside the pairs' expected matches, this much of a matched pair spread over the levels as EM's
   * starting m has them (a Dirichlet prior). On a list of thousands it changes nothing that shows.
   * On five records in two scripts, where no true pair agreed at "swapped" or "days:3", bare EM
   * gave those levels m near 0 and a weight of -17 (a swapped day and month counted against a
   * match twice as much as a different date); with a tenth of a pair they weigh -2.6 and -3.6,
   * between the same date (+2.3) and a different one (-7.9). A whole pair was tried first: on the
   * ledger's five-victim test list it outweighed what EM had learnt (the start puts half its m on
   * "exact", which two scripts never reach) and the Arabic and Latin records of one man fell
   * below the review band.
   */
  static final double EM_PRIOR_MATCHES = 0.1;

  /** An EM run's match rate and how many iterations it took. */
  private record Em(double lambda, int iterations) {}

  /**
   * EM over comparison patterns: m (for the comparisons marked free, updated in place) and the
   * match rate; u starts from {@code uStart} and is re-estimated only if {@code estimateU}.
   */
  private Em em(Map<Long, long[]> patterns, double[][] m, double[][] uStart, boolean[] free, double lambda, boolean estimateU) {
    // u is re-estimated inside the candidate set too (it is enriched in matches, but not only
    // matches); the population's u, from random pairs, stays the one used to score
    double[][] u = new double[k][];
    for (int c = 0; c < k; c++) u[c] = uStart[c].clone();
    long[] keys = new long[patterns.size()];
    long[] counts = new long[patterns.size()];
    int q = 0;
    for (var e : patterns.entrySet()) {
      keys[q] = e.getKey();
      counts[q++] = e.getValue()[0];
    }
    double[][] prior = new double[k][];
    for (int c = 0; c < k; c++) prior[c] = startM(c);
    int iterations = 0;
    for (int it = 0; it < EM_MAX_ITERATIONS; it++) {
      iterations++;
      double[][] mn = new double[k][];
      for (int c = 0; c < k; c++) mn[c] = new double[levelCount[c] + 1];
      double[][] un = new double[k][];
      for (int c = 0; c < k; c++) un[c] = new double[levelCount[c] + 1];
      double matchSum = 0;
      double total = 0;
      for (int x = 0; x < keys.length; x++) {
        double pm = lambda;
        double pu = 1 - lambda;
        for (int c = 0; c < k; c++) {
          if (!free[c]) continue;
          int l = levelOf(keys[x], c) - 1;
          if (l < 0) continue;
          pm *= m[c][l];
          pu *= u[c][l];
        }
        double post = pm / (pm + pu);
        double w = post * counts[x];
        double wu = (1 - post) * counts[x];
        matchSum += w;
        total += counts[x];
        for (int c = 0; c < k; c++) {
          if (!free[c]) continue;
          int l = levelOf(keys[x], c) - 1;
          if (l >= 0) {
            mn[c][l] += w;
            un[c][l] += wu;
          }
        }
      }
      for (int c = 0; c < k && estimateU; c++) {
        if (!free[c]) continue;
        for (int l = 0; l < un[c].length; l++) un[c][l] += 1e-6;
        normalise(un[c]);
        u[c] = un[c];
      }
      double next = Math.max(1e-9, Math.min(1 - 1e-9, matchSum / Math.max(1, total)));
      double change = Math.abs(next - lambda);
      lambda = next;
      for (int c = 0; c < k; c++) {
        if (!free[c]) continue;
        for (int l = 0; l < mn[c].length; l++) mn[c][l] += 1e-6 + EM_PRIOR_MATCHES * prior[c][l];
        normalise(mn[c]);
        for (int l = 0; l < mn[c].length; l++) change = Math.max(change, Math.abs(mn[c][l] - m[c][l]));
        m[c] = mn[c];
      }
      if (change < 1e-7) break;
    }
    return new Em(lambda, iterations);
  }

  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  private static String pooled(Map<String, String> pool, String v) {
    return v == null ? null : pool.computeIfAbsent(v, x -> x);
  }

  /** Σ f² over a column's value counts: divided by n², the chance two random records agree on a value. */
  private static double sumOfSquares(Map<String, Integer> counts) {
    double sum = 0;
    for (int f : counts.values()) sum += (double) f * f;
    return sum;
  }

  /** Records a and b's comparison pattern: each comparison's level plus one (0: missing), four bits each. */
  private long patternOf(int a, int b) {
    long key = 0;
    for (int c = 0; c < k; c++) key = (key << 4) | (level(c, a, b) + 1);
    return key;
  }

  /**
   * Records a and b scored by the model of the last {@link #run}, whether or not blocking brought
   * them together or the run kept them (it keeps pairs of probability 0.01 and up): for explaining
   * any pair a person asks about.
   */
  public Pair score(int a, int b) {
    if (m == null) throw new IllegalStateException("score is for after a run");
    long key = patternOf(a, b);
    double w = prior;
    for (int c = 0; c < k; c++) w += weight(c, levelOf(key, c) - 1, a, b);
    return new Pair(a, b, 1 / (1 + Math.pow(2, -w)), w, key);
  }

  private int levelOf(long key, int c) {
    return (int) ((key >>> (4 * (k - 1 - c))) & 0xF);
  }

  private static void normalise(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    for (int i = 0; i < v.length; i++) v[i] /= s;
  }

  /**
   * Joins records along pairs above the threshold, strongest first. Two records alone, or a record
   * and a group, join on one strong pair; two groups join only if the pairs scored between them
   * average at least the group threshold (the threshold unless set higher; a compared pair scored
   * below the review band counts as 0), so one strong link cannot chain two different people together. Ids: each cluster's first record in input order.
   */
  /** Compared pairs that scored below the review band: evidence against joining their records' groups. */
  private long[] comparedBelow = new long[0];

  int[] cluster(List<Pair> scored) {
    int[] parent = new int[n];
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      size[i] = 1;
    }
    List<Pair> strong = new ArrayList<>();
    Map<Long, Double> prob = new HashMap<>();
    for (Pair p : scored) {
      if (p.probability() >= s.reviewFrom()) prob.put(((long) p.a() << 32) | p.b(), p.probability());
      if (p.probability() >= s.threshold()) strong.add(p);
    }
    strong.sort((x, y) -> Double.compare(y.probability(), x.probability()));
    Map<Integer, List<Integer>> members = new HashMap<>();
    for (Pair p : strong) {
      int ra = find(parent, p.a());
      int rb = find(parent, p.b());
      if (ra == rb) continue;
      if (separated(parent, ra, rb)) continue;
      if (size[ra] > 1 && size[rb] > 1) {
        List<Integer> ma = members.getOrDefault(ra, List.of(ra));
        List<Integer> mb = members.getOrDefault(rb, List.of(rb));
        // average over the cross pairs that were compared; a pair blocking never brought together says nothing
        double sum = 0;
        int seen = 0;
        for (int x : ma) {
          for (int y : mb) {
            Double v = prob.get(((long) Math.min(x, y) << 32) | Math.max(x, y));
            if (v == null) v = Arrays.binarySearch(comparedBelow, ((long) Math.min(x, y) << 32) | Math.max(x, y)) >= 0 ? 0.0 : null;
            if (v == null) continue;
            sum += v;
            seen++;
          }
        }
        if (seen > 0 && sum / seen < s.groupThreshold()) continue;
      }
      int root = Math.min(ra, rb); // the earlier record names the cluster
      int other = root == ra ? rb : ra;
      parent[other] = root;
      size[root] += size[other];
      List<Integer> joined = new ArrayList<>(members.getOrDefault(root, List.of(root)));
      joined.addAll(members.getOrDefault(other, List.of(other)));
      members.put(root, joined);
      members.remove(other);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = find(parent, i);
    return out;
  }

  /** Whether a non-match decision keeps the groups rooted at ra and rb apart. */
  private boolean separated(int[] parent, int ra, int rb) {
    for (var e : decisions.entrySet()) {
      if (e.getValue()) continue;
      int x = find(parent, (int) (e.getKey() >>> 32));
      int y = find(parent, (int) (long) e.getKey());
      if ((x == ra && y == rb) || (x == rb && y == ra)) return true;
    }
    return false;
  }

  /**
   * Counts of comparison patterns (few distinct, tens of millions of pairs): open addressing over
   * primitive longs, since a HashMap<Long, …> boxed every pair's key (a tenth of a million-record run).
   */
  private static final class PatternCounts {
    private long[] keys = new long[1024];
    private long[] counts = new long[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    void add(long key) {
      int mask = keys.length - 1;
      int i = (int) (mix(key) & mask);
      while (used[i] && keys[i] != key) i = (i + 1) & mask;
      if (!used[i]) {
        used[i] = true;
        keys[i] = key;
        if (++size * 2 > keys.length) {
          grow();
          add(key); // re-find the slot in the larger table (the key is there, counted 0) and count it
          return;
        }
      }
      counts[i]++;
    }

    private void grow() {
      long[] k0 = keys;
      long[] c0 = counts;
      boolean[] u0 = used;
      keys = new long[k0.length * 2];
      counts = new long[k0.length * 2];
      used = new boolean[k0.length * 2];
      int mask = keys.length - 1;
      for (int j = 0; j < k0.length; j++) {
        if (!u0[j]) continue;
        int i = (int) (mix(k0[j]) & mask);
        while (used[i]) i = (i + 1) & mask;
        used[i] = true;
        keys[i] = k0[j];
        counts[i] = c0[j];
      }
    }

    private static long mix(long x) {
      x ^= x >>> 33;
      x *= 0xff51afd7ed558ccdL;
      return x ^ (x >>> 33);
    }

    Map<Long, long[]> toMap() {
      Map<Long, long[]> m = new HashMap<>();
      for (int i = 0; i < keys.length; i++) if (used[i]) m.put(keys[i], new long[] {counts[i]});
      return m;
    }
  }

  /** The root of x's set in a union-find forest, halving the path on the way (shared with {@link Evaluation}). */
  static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
}
