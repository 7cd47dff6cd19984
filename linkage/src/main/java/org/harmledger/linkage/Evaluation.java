package org.harmledger.linkage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;

/**
 * Precision, recall and F1 against the truth: of pairs (two records put in one cluster) and of
 * clusters (a predicted cluster counts when it holds exactly the records of one true person).
 */
public final class Evaluation {
  private Evaluation() {}

  public record Scores(long truePairs, long predictedPairs, long rightPairs, double precision, double recall, double f1, long trueClusters, long predictedClusters, long exactClusters, double clusterPrecision, double clusterRecall) {}

  /** Each record's true person key, from the settings' truth column or id pattern. */
  public static String[] truth(List<Linker.Record> records, Settings.Truth t) {
    if (t == null) throw new ValidationException(Problem.of("truth", "", "evaluation needs a truth in the settings: {\"column\": …} or {\"id_pattern\": …}"));
    String[] key = new String[records.size()];
    for (int i = 0; i < key.length; i++) {
      Linker.Record r = records.get(i);
      if (t.column() != null) {
        if (!r.has(t.column())) throw new ValidationException(Problem.of("truth.column", t.column(), "is not a column of the input"));
        key[i] = r.field(t.column());
      } else {
        Matcher m = t.idPattern().matcher(r.id());
        if (!m.find() || m.groupCount() < 1) throw new ValidationException(Problem.of("truth.id_pattern", t.idPattern().pattern(), "does not find a person key (group 1) in id " + r.id()));
        key[i] = m.group(1);
      }
    }
    return key;
  }

  /**
   * Each record's true person key from a file of true pairs (columns {@code record_a, record_b},
   * ids as {@code --clusters} writes them): the records a chain of pairs joins are one person, so
   * a file may list every pair of a group or only enough to connect it. A record in no pair is a
   * person alone. Every bad row is reported (see {@link #resolvePairs}).
   *
   * @param ids each record's id as the output names it, in record order
   */
  public static String[] truthFromPairs(List<String> ids, List<String[]> rows, String file) {
    List<Problem> problems = new java.util.ArrayList<>();
    int[][] pairs = resolvePairs(ids, rows, file, problems);
    if (!problems.isEmpty()) throw new ValidationException(problems);
    int[] parent = new int[ids.size()];
    for (int i = 0; i < parent.length; i++) parent[i] = i;
    for (int[] p : pairs) {
      int ra = Linker.find(parent, p[0]);
      int rb = Linker.find(parent, p[1]);
      if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
    String[] key = new String[ids.size()];
    for (int i = 0; i < key.length; i++) key[i] = Integer.toString(Linker.find(parent, i));
    return key;
  }

  /**
   * A file's rows of two record ids (record_a, record_b first) as record indices, in row order;
   * null for a row with a problem, each added to {@code problems} naming the file, row and column:
   * a row short of two ids, or an id no input holds (with a hint when the ids want their file's name).
   *
   * @param ids each record's id as the output names it, in record order
   */
  public static int[][] resolvePairs(List<String> ids, List<String[]> rows, String file, List<Problem> problems) {
    Map<String, Integer> index = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) index.put(ids.get(i), i);
    boolean prefixed = !ids.isEmpty() && ids.get(0).contains(":");
    int[][] out = new int[rows.size()][];
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      String where = file + " row " + (r + 2); // the header is row 1
      if (row.length < 2 || row[0].isBlank() || row[1].isBlank()) {
        problems.add(Problem.of(where, String.join(",", row), "needs two record ids: record_a,record_b"));
        continue;
      }
      int[] pair = new int[2];
      boolean known = true;
      for (int c = 0; c < 2; c++) {
        String id = row[c].trim();
        Integer i = index.get(id);
        if (i == null) {
          known = false;
          problems.add(Problem.of(where + ": record_" + (char) ('a' + c), id, "is not the id of an input record"
              + (prefixed && !id.contains(":") ? " (with several inputs, ids are written file:id, as in --clusters)" : "")));
        } else pair[c] = i;
      }
      if (known) out[r] = pair;
    }
    return out;
  }

  public static Scores score(int[] clusters, String[] truth) {
    Map<Integer, Long> pred = new HashMap<>();
    Map<String, Long> tru = new HashMap<>();
    Map<String, Long> both = new HashMap<>();
    for (int i = 0; i < clusters.length; i++) {
      pred.merge(clusters[i], 1L, Long::sum);
      tru.merge(truth[i], 1L, Long::sum);
      both.merge(clusters[i] + "\u0001" + truth[i], 1L, Long::sum);
    }
    long tp = both.values().stream().mapToLong(x -> x * (x - 1) / 2).sum();
    long pp = pred.values().stream().mapToLong(x -> x * (x - 1) / 2).sum();
    long tt = tru.values().stream().mapToLong(x -> x * (x - 1) / 2).sum();
    double precision = pp == 0 ? 1 : (double) tp / pp;
    double recall = tt == 0 ? 1 : (double) tp / tt;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    // a predicted cluster is exact when all its records share a truth key held by no one else
    long exact = 0;
    for (var e : both.entrySet()) {
      String[] parts = e.getKey().split("\u0001", 2);
      if (pred.get(Integer.parseInt(parts[0])).equals(e.getValue()) && tru.get(parts[1]).equals(e.getValue())) exact++;
    }
    return new Scores(tt, pp, tp, precision, recall, f1, tru.size(), pred.size(), exact, (double) exact / pred.size(), (double) exact / tru.size());
  }
}
