package org.harmledger.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct name parts of a run, each with its vowels and script ({@link Names#vowels}), and
 * which of those with the same skeleton can be one name ({@link Names#vowelsAgree}): worked out
 * once per two forms after the records are prepared, so that the comparison loop, which asks for
 * tens of millions of pairs, reads a table. Register with {@link #id}, then {@link #finish}; after
 * that {@link #agree} is safe from any thread.
 */
final class VowelForms {
  /** A skeleton with more spellings than this is judged pair by pair as asked, not tabled. */
  private static final int MAX_TABLED = 512;

  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> parts = new ArrayList<>();
  private final List<String> vowels = new ArrayList<>();
  private final List<Boolean> arabic = new ArrayList<>();
  private int[] group;
  private int[] position;
  private int[] groupSize;
  private boolean[][] table;

  /** The form's number: the same part, vowels and script, the same number. */
  int id(String part, String vowelsOfPart, boolean arabicScript) {
    if (group != null) throw new IllegalStateException("finished");
    return ids.computeIfAbsent((arabicScript ? "a" : "l") + part + '\u0000' + vowelsOfPart, key -> {
      parts.add(part);
      vowels.add(vowelsOfPart);
      arabic.add(arabicScript);
      return parts.size() - 1;
    });
  }

  void finish() {
    int n = parts.size();
    group = new int[n];
    position = new int[n];
    Map<String, List<Integer>> bySkeleton = new HashMap<>();
    for (int i = 0; i < n; i++) bySkeleton.computeIfAbsent(parts.get(i), p -> new ArrayList<>()).add(i);
    groupSize = new int[bySkeleton.size()];
    table = new boolean[bySkeleton.size()][];
    int g = 0;
    for (List<Integer> members : bySkeleton.values()) {
      int size = members.size();
      groupSize[g] = size;
      for (int p = 0; p < size; p++) {
        group[members.get(p)] = g;
        position[members.get(p)] = p;
      }
      if (size <= MAX_TABLED) {
        boolean[] t = new boolean[size * size];
        for (int x = 0; x < size; x++) {
          for (int y = x; y < size; y++) {
            int a = members.get(x), b = members.get(y);
            boolean ok = x == y || Names.vowelsAgree(vowels.get(a), arabic.get(a), vowels.get(b), arabic.get(b));
            t[x * size + y] = ok;
            t[y * size + x] = ok;
          }
        }
        table[g] = t;
      }
      g++;
    }
  }

  /** Whether two forms of the same skeleton can be one name. */
  boolean agree(int a, int b) {
    if (a == b) return true;
    int g = group[a];
    boolean[] t = table[g];
    if (t == null || group[b] != g) return Names.vowelsAgree(vowels.get(a), arabic.get(a), vowels.get(b), arabic.get(b));
    return t[position[a] * groupSize[g] + position[b]];
  }
}
