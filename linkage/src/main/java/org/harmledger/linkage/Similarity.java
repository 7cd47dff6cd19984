package org.harmledger.linkage;

/**
 * String similarities for the comparison levels. Hand-written (commons-text has both) because
 * they run hundreds of millions of times in a large link and these versions allocate nothing
 * beyond two small arrays and stop early where a level's bound is already missed.
 */
final class Similarity {
  private Similarity() {}

  /** Jaro–Winkler similarity (prefix scale 0.1, up to 4 characters). */
  static double jaroWinkler(String a, String b) {
    if (a.equals(b)) return 1;
    int la = a.length();
    int lb = b.length();
    if (la == 0 || lb == 0) return 0;
    int range = Math.max(0, Math.max(la, lb) / 2 - 1);
    boolean[] ma = new boolean[la];
    boolean[] mb = new boolean[lb];
    int matches = 0;
    for (int i = 0; i < la; i++) {
      int from = Math.max(0, i - range);
      int to = Math.min(lb, i + range + 1);
      char c = a.charAt(i);
      for (int j = from; j < to; j++) {
        if (!mb[j] && b.charAt(j) == c) {
          ma[i] = true;
          mb[j] = true;
          matches++;
          break;
        }
      }
    }
    if (matches == 0) return 0;
    int t = 0;
    int k = 0;
    for (int i = 0; i < la; i++) {
      if (!ma[i]) continue;
      while (!mb[k]) k++;
      if (a.charAt(i) != b.charAt(k)) t++;
      k++;
    }
    double m = matches;
    double jaro = (m / la + m / lb + (m - t / 2.0) / m) / 3;
    int prefix = 0;
    for (int i = 0; i < Math.min(4, Math.min(la, lb)) && a.charAt(i) == b.charAt(i); i++) prefix++;
    return jaro + prefix * 0.1 * (1 - jaro);
  }

  /** Levenshtein distance, or {@code max + 1} as soon as it must exceed {@code max}. */
  static int levenshtein(String a, String b, int max) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > max) return max + 1;
    int[] prev = new int[lb + 1];
    int[] cur = new int[lb + 1];
    for (int j = 0; j <= lb; j++) prev[j] = j;
    for (int i = 1; i <= la; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      char c = a.charAt(i - 1);
      for (int j = 1; j <= lb; j++) {
        int cost = c == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > max) return max + 1;
      int[] tmp = prev;
      prev = cur;
      cur = tmp;
    }
    return prev[lb];
  }
}
