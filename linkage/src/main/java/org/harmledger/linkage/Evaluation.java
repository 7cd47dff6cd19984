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
