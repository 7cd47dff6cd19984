package org.harmledger.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.special.Gamma;

/**
 * Bayesian model averaging over decomposable graphical models (Madigan & York 1997), as in the R
 * package dga: for each decomposable graph on the lists and each possible number missing, the
 * hyper-Dirichlet marginal likelihood of the completed table (cliques over separators, δ per cell
 * of the full table), times the prior on N and the multinomial coefficient; graphs equally likely
 * a priori. Returns each graph's posterior probability and the posterior of N, per graph and
 * averaged. Thread-safe (no state).
 */
public final class GraphAveraging {
  private GraphAveraging() {}

  /** A decomposable graph: its edges (as "A–B"), cliques and separators (list bit masks). */
  public record Graph(List<String> edges, int[] cliques, int[] separators) {}

  /** One graph's share of the posterior, and the posterior of N under it. */
  public record GraphResult(List<String> edges, double probability, double estimate, long mode, long median, long lower, long upper) {}

  /**
   * The averaged posterior of N: {@code estimate} under relative squared-error loss (E[1/N]/E[1/N²],
   * as dga reports), mode, median, mean and the 95% interval; and the graphs by probability.
   */
  public record Result(double estimate, long mode, long median, double mean, long lower, long upper, double delta, long missingFrom, long missingTo, List<GraphResult> graphs, long[] n, double[] posterior) {}

  /** Every decomposable graph on k vertices (chordal graphs), with cliques and separators. */
  public static List<Graph> decomposable(int k, List<String> names) {
    int pairs = k * (k - 1) / 2;
    int[][] pair = new int[pairs][];
    int e = 0;
    for (int i = 0; i < k; i++) for (int j = i + 1; j < k; j++) pair[e++] = new int[] {i, j};
    List<Graph> out = new ArrayList<>();
    for (int g = 0; g < (1 << pairs); g++) {
      int[] adj = new int[k];
      List<String> edges = new ArrayList<>();
      for (int p = 0; p < pairs; p++) {
        if ((g & (1 << p)) == 0) continue;
        adj[pair[p][0]] |= 1 << pair[p][1];
        adj[pair[p][1]] |= 1 << pair[p][0];
        edges.add(names.get(pair[p][0]) + "–" + names.get(pair[p][1]));
      }
      int[] order = perfectElimination(adj, k);
      if (order == null) continue;
      // Cliques: each vertex with its later neighbours in the elimination order, kept when maximal.
      List<Integer> cand = new ArrayList<>();
      int[] pos = new int[k];
      for (int i = 0; i < k; i++) pos[order[i]] = i;
      for (int v : order) {
        int c = 1 << v;
        for (int w = 0; w < k; w++) if ((adj[v] & (1 << w)) != 0 && pos[w] > pos[v]) c |= 1 << w;
        cand.add(c);
      }
      List<Integer> cliques = new ArrayList<>();
      for (int c : cand) {
        boolean maximal = true;
        for (int d : cand) if (d != c && (c & d) == c) maximal = false;
        if (maximal && !cliques.contains(c)) cliques.add(c);
      }
      // Separators from a junction tree: a maximum-weight spanning tree on clique intersections (Prim).
      List<Integer> seps = new ArrayList<>();
      int m = cliques.size();
      boolean[] in = new boolean[m];
      in[0] = true;
      for (int step = 1; step < m; step++) {
        int bestW = -1;
        int bestJ = -1;
        int bestSep = 0;
        for (int a = 0; a < m; a++) {
          if (!in[a]) continue;
          for (int b = 0; b < m; b++) {
            if (in[b]) continue;
            int s = cliques.get(a) & cliques.get(b);
            if (Integer.bitCount(s) > bestW) {
              bestW = Integer.bitCount(s);
              bestJ = b;
              bestSep = s;
            }
          }
        }
        in[bestJ] = true;
        seps.add(bestSep);
      }
      out.add(new Graph(edges, cliques.stream().mapToInt(Integer::intValue).toArray(), seps.stream().mapToInt(Integer::intValue).toArray()));
    }
    return out;
  }

  /** A perfect elimination order by maximum cardinality search (Tarjan & Yannakakis), or null when the graph is not chordal. */
  static int[] perfectElimination(int[] adj, int k) {
    int[] order = new int[k];
    int[] weight = new int[k];
    boolean[] done = new boolean[k];
    for (int i = k - 1; i >= 0; i--) {
      int v = -1;
      for (int u = 0; u < k; u++) if (!done[u] && (v < 0 || weight[u] > weight[v])) v = u;
      done[v] = true;
      order[i] = v;
      for (int u = 0; u < k; u++) if (!done[u] && (adj[v] & (1 << u)) != 0) weight[u]++;
    }
    // check: each vertex's later neighbours form a clique
    int[] pos = new int[k];
    for (int i = 0; i < k; i++) pos[order[i]] = i;
    for (int v = 0; v < k; v++) {
      int later = 0;
      for (int w = 0; w < k; w++) if ((adj[v] & (1 << w)) != 0 && pos[w] > pos[v]) later |= 1 << w;
      for (int w = 0; w < k; w++) {
        if ((later & (1 << w)) == 0) continue;
        if (((adj[w] | (1 << w)) & later) != later) return null;
      }
    }
    return order;
  }

  /**
   * Log marginal likelihood of the completed table's margin over the lists in {@code set}: a
   * Dirichlet-multinomial with δ·2^(k−|set|) on each margin cell.
   */
  static double marginal(double[] full, int k, int set, double delta) {
    int size = Integer.bitCount(set);
    double[] margin = new double[1 << size];
    for (int c = 0; c < full.length; c++) {
      int idx = 0;
      int bit = 0;
      for (int j = 0; j < k; j++) {
        if ((set & (1 << j)) == 0) continue;
        if ((c & (1 << j)) != 0) idx |= 1 << bit;
        bit++;
      }
      margin[idx] += full[c];
    }
    double alpha = delta * (1 << (k - size));
    double total = 0;
    double s = 0;
    for (double v : margin) {
      total += v;
      s += Gamma.logGamma(alpha + v) - Gamma.logGamma(alpha);
    }
    double all = alpha * margin.length;
    return s + Gamma.logGamma(all) - Gamma.logGamma(all + total);
  }

  /**
   * Averages over every decomposable graph for numbers missing from {@code from} to {@code to}.
   * {@code logPrior} takes N (the total) and returns its log prior.
   */
  public static Result average(ListTable t, double delta, long from, long to, DoubleUnaryOperator logPrior) {
    int k = t.lists();
    List<Graph> graphs = decomposable(k, t.names());
    double n = t.observed();
    int span = (int) (to - from + 1);
    double[][] lp = new double[graphs.size()][span];
    double[] full = new double[t.cells()];
    for (int c = 1; c < t.cells(); c++) full[c] = t.count(c);
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < span; i++) {
      long missing = from + i;
      full[0] = missing;
      double bigN = n + missing;
      double common = logPrior.applyAsDouble(bigN) + Gamma.logGamma(bigN + 1) - Gamma.logGamma(missing + 1);
      for (int g = 0; g < graphs.size(); g++) {
        double ml = 0;
        for (int c : graphs.get(g).cliques()) ml += marginal(full, k, c, delta);
        for (int s : graphs.get(g).separators()) ml -= s == 0 ? marginal(full, k, 0, delta) : marginal(full, k, s, delta);
        lp[g][i] = ml + common;
        max = Math.max(max, lp[g][i]);
      }
    }
    double[] averaged = new double[span];
    double[] graphMass = new double[graphs.size()];
    double total = 0;
    for (int g = 0; g < graphs.size(); g++) {
      for (int i = 0; i < span; i++) {
        double w = Math.exp(lp[g][i] - max);
        averaged[i] += w;
        graphMass[g] += w;
        total += w;
      }
    }
    long[] ns = new long[span];
    for (int i = 0; i < span; i++) {
      ns[i] = (long) n + from + i;
      averaged[i] /= total;
    }
    List<GraphResult> byGraph = new ArrayList<>();
    for (int g = 0; g < graphs.size(); g++) {
      double[] post = new double[span];
      for (int i = 0; i < span; i++) post[i] = Math.exp(lp[g][i] - max) / graphMass[g];
      Summary s = summary(ns, post);
      byGraph.add(new GraphResult(graphs.get(g).edges(), graphMass[g] / total, s.estimate, s.mode, s.median, s.lower, s.upper));
    }
    byGraph.sort((a, b) -> Double.compare(b.probability(), a.probability()));
    Summary s = summary(ns, averaged);
    return new Result(s.estimate, s.mode, s.median, s.mean, s.lower, s.upper, delta, from, to, byGraph, ns, averaged);
  }

  private record Summary(double estimate, long mode, long median, double mean, long lower, long upper) {}

  private static Summary summary(long[] ns, double[] p) {
    double inv = 0;
    double inv2 = 0;
    double mean = 0;
    int mode = 0;
    for (int i = 0; i < ns.length; i++) {
      inv += p[i] / ns[i];
      inv2 += p[i] / ((double) ns[i] * ns[i]);
      mean += p[i] * ns[i];
      if (p[i] > p[mode]) mode = i;
    }
    return new Summary(inv / inv2, ns[mode], quantile(ns, p, 0.5), mean, quantile(ns, p, 0.025), quantile(ns, p, 0.975));
  }

  static long quantile(long[] ns, double[] p, double q) {
    double c = 0;
    for (int i = 0; i < ns.length; i++) {
      c += p[i];
      if (c >= q) return ns[i];
    }
    return ns[ns.length - 1];
  }
}
