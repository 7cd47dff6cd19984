package org.harmledger.storage;

/**
 * Reads the one-line JSON array SQLite's {@code json_array(…)} makes of a row's columns: strings,
 * integers, reals and nulls, nothing nested. A general JSON parser (Jackson) builds a tree per
 * row; this reads the few hundred thousand rows of a large tally straight into values.
 */
final class JsonRow {
  private JsonRow() {}

  /**
   * The array's values, in order: String, Long, Double or null; exactly {@code n} of them.
   *
   * @throws StoreException if the text is not such an array of {@code n} values
   */
  static Object[] parse(String text, int n) {
    Object[] out = new Object[n];
    int i = skipSpace(text, 0);
    if (i >= text.length() || text.charAt(i) != '[') throw bad(text, "no '[' at the start");
    i = skipSpace(text, i + 1);
    int k = 0;
    if (i < text.length() && text.charAt(i) == ']') return expect(out, k, n, text);
    while (true) {
      if (k == n) throw bad(text, "more than " + n + " values");
      if (i >= text.length()) throw bad(text, "it ends inside the array");
      char c = text.charAt(i);
      if (c == '"') {
        StringBuilder b = null;
        int from = ++i;
        while (true) {
          if (i >= text.length()) throw bad(text, "a string is not closed");
          char d = text.charAt(i);
          if (d == '"') break;
          if (d == '\\') {
            if (b == null) b = new StringBuilder();
            b.append(text, from, i);
            if (i + 1 >= text.length()) throw bad(text, "an escape at the end");
            char e = text.charAt(i + 1);
            switch (e) {
              case '"', '\\', '/' -> b.append(e);
              case 'b' -> b.append('\b');
              case 'f' -> b.append('\f');
              case 'n' -> b.append('\n');
              case 'r' -> b.append('\r');
              case 't' -> b.append('\t');
              case 'u' -> {
                if (i + 6 > text.length()) throw bad(text, "a \\u escape is cut short");
                b.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 4;
              }
              default -> throw bad(text, "an unknown escape \\" + e);
            }
            i += 2;
            from = i;
          } else {
            i++;
          }
        }
        out[k++] = b == null ? text.substring(from, i) : b.append(text, from, i).toString();
        i++;
      } else if (text.startsWith("null", i)) {
        out[k++] = null;
        i += 4;
      } else {
        int from = i;
        boolean real = false;
        while (i < text.length() && ",] \t\n\r".indexOf(text.charAt(i)) < 0) {
          char d = text.charAt(i);
          if (d == '.' || d == 'e' || d == 'E') real = true;
          i++;
        }
        String num = text.substring(from, i);
        try {
          out[k++] = real ? (Object) Double.parseDouble(num) : (Object) Long.parseLong(num);
        } catch (NumberFormatException e) {
          throw bad(text, "'" + num + "' is not a value");
        }
      }
      i = skipSpace(text, i);
      if (i >= text.length()) throw bad(text, "it ends inside the array");
      if (text.charAt(i) == ']') return expect(out, k, n, text);
      if (text.charAt(i) != ',') throw bad(text, "'" + text.charAt(i) + "' where ',' or ']' belongs");
      i = skipSpace(text, i + 1);
    }
  }

  /** A value as SQLite would give it to getLong: a number's whole part, a text's leading integer (else 0). */
  static long asLong(Object v) {
    if (v instanceof Number num) return num.longValue();
    String s = v.toString().trim();
    int end = 0;
    if (end < s.length() && (s.charAt(end) == '-' || s.charAt(end) == '+')) end++;
    while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
    try {
      return Long.parseLong(s.substring(0, end));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A value as SQLite would give it to getString: a number as its text. */
  static String asText(Object v) {
    return v == null ? null : v.toString();
  }

  private static Object[] expect(Object[] out, int k, int n, String text) {
    if (k != n) throw bad(text, k + " values where " + n + " belong");
    return out;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    return i;
  }

  private static StoreException bad(String text, String why) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return new StoreException("cannot read a packed row (" + why + "): " + shown, null);
  }
}
