package org.harmledger.extract;

import java.util.Arrays;
import org.harmledger.text.Arabic;

/**
 * A text cut into tokens, sentences and paragraphs, every piece with its character offsets in the
 * original string (so evidence can point back at the exact words). Immutable once built.
 *
 * <p>Written by hand rather than with {@link java.text.BreakIterator}: the rules that matter here
 * are few and domain-specific (a Danish ordinal "5. juni" does not end a sentence, "10-12" is two
 * numbers, Arabic-Indic digits are digits) and a single pass over the characters keeps extraction
 * well above a megabyte a second.
 */
final class Text {
  enum Kind {
    WORD,
    NUMBER,
    PUNCT
  }

  final String source;
  final int size;
  final int[] start;
  final int[] end;
  final Kind[] kind;
  /** Lower-cased, Arabic letter variants and vowel marks folded, digits made ASCII. */
  final String[] norm;
  /** Sentence number of each token. */
  final int[] sentence;
  /** First token of each sentence, plus one past the last token at the end. */
  final int[] sentenceStart;
  /** Paragraph number of each sentence. */
  final int[] paragraph;
  /** Clause number of each token: a clause ends at ; : or a spaced dash, as well as at a sentence end. */
  final int[] clause;

  private Text(String source, int size, int[] start, int[] end, Kind[] kind, String[] norm, int[] sentence, int[] sentenceStart, int[] paragraph, int[] clause) {
    this.source = source;
    this.size = size;
    this.start = start;
    this.end = end;
    this.kind = kind;
    this.norm = norm;
    this.sentence = sentence;
    this.sentenceStart = sentenceStart;
    this.paragraph = paragraph;
    this.clause = clause;
  }

  String raw(int token) {
    return source.substring(start[token], end[token]);
  }

  boolean isPunct(int token, char c) {
    return kind[token] == Kind.PUNCT && end[token] - start[token] == 1 && source.charAt(start[token]) == c;
  }

  boolean capitalised(int token) {
    return kind[token] == Kind.WORD && Character.isUpperCase(source.charAt(start[token]));
  }

  int sentences() {
    return sentenceStart.length - 1;
  }

  /** Character span of a sentence, without surrounding spaces and list dashes. */
  int[] sentenceSpan(int s) {
    int a = sentenceStart[s];
    int b = sentenceStart[s + 1] - 1;
    while (a < b && kind[a] == Kind.PUNCT && (isPunct(a, '-') || isPunct(a, '–'))) a++;
    return new int[] {start[a], end[b]};
  }

  static Text of(String s, java.util.Set<String> abbreviations) {
    int n = s.length();
    int cap = Math.max(16, n / 4);
    int[] st = new int[cap];
    int[] en = new int[cap];
    Kind[] kd = new Kind[cap];
    String[] nm = new String[cap];
    int[] sent = new int[cap];
    int[] cl = new int[cap];
    int[] sentStart = new int[Math.max(8, n / 40)];
    int[] para = new int[sentStart.length];
    int t = 0;
    int sentences = 0;
    int paragraphs = 0;
    int clauses = 0;
    boolean newSentence = true;
    boolean newParagraph = false;
    int i = 0;
    StringBuilder b = new StringBuilder(32);
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        int lines = 0;
        while (i < n && Character.isWhitespace(s.charAt(i))) {
          if (s.charAt(i) == '\n') lines++;
          i++;
        }
        if (lines >= 1) {
          newSentence = true;
          if (lines >= 2) newParagraph = true;
        }
        continue;
      }
      if (t == st.length) {
        int m = st.length * 2;
        st = Arrays.copyOf(st, m);
        en = Arrays.copyOf(en, m);
        kd = Arrays.copyOf(kd, m);
        nm = Arrays.copyOf(nm, m);
        sent = Arrays.copyOf(sent, m);
        cl = Arrays.copyOf(cl, m);
      }
      if (newSentence && t > 0) {
        if (sentences == sentStart.length - 1) {
          sentStart = Arrays.copyOf(sentStart, sentStart.length * 2);
          para = Arrays.copyOf(para, sentStart.length);
        }
        sentences++;
        clauses++;
        if (newParagraph) paragraphs++;
      }
      if (newSentence) {
        sentStart[sentences] = t;
        para[sentences] = paragraphs;
      }
      newSentence = false;
      newParagraph = false;
      int from = i;
      b.setLength(0);
      Kind k;
      if (digit(c) >= 0) {
        // 1,200 / 1.200 / 1 200 (thousands) and 2.5 / 2,5 (decimals) stay one token; 10-12 does not.
        k = Kind.NUMBER;
        while (i < n) {
          char d = s.charAt(i);
          int v = digit(d);
          if (v >= 0) {
            b.append((char) ('0' + v));
            i++;
          } else if ((d == ',' || d == '.' || d == '\u066C' || d == '\u066B' || d == '\u00A0') && i + 1 < n && digit(s.charAt(i + 1)) >= 0) {
            b.append(d == '\u066C' ? ',' : d == '\u066B' ? '.' : d == '\u00A0' ? ' ' : d);
            i++;
          } else break;
        }
      } else if (Character.isLetter(c)) {
        k = Kind.WORD;
        while (i < n) {
          char d = s.charAt(i);
          if (Character.isLetter(d) || Character.getType(d) == Character.NON_SPACING_MARK || d == '\u0640') {
            appendFolded(b, d);
            i++;
          } else if ((d == '-' || d == '.' || d == '\'' || d == '’') && i + 1 < n && Character.isLetter(s.charAt(i + 1))) {
            // U.S.-led, al-Raqqa, USA-ledede; an apostrophe-s is split off below.
            if ((d == '\'' || d == '’') && i + 2 <= n && Character.toLowerCase(s.charAt(i + 1)) == 's' && (i + 2 == n || !Character.isLetter(s.charAt(i + 2)))) break;
            b.append(d == '’' ? '\'' : d);
            i++;
          } else break;
        }
      } else {
        k = Kind.PUNCT;
        if ((c == '\'' || c == '’') && i + 1 < n && Character.toLowerCase(s.charAt(i + 1)) == 's') {
          b.append("'s");
          i += 2;
        } else {
          b.append(c);
          i++;
        }
      }
      st[t] = from;
      en[t] = i;
      kd[t] = k;
      nm[t] = b.toString();
      sent[t] = sentences;
      cl[t] = clauses;
      t++;
      if (k == Kind.PUNCT) {
        if (c == ';' || c == ':' || ((c == '-' || c == '–' || c == '—') && from > 0 && Character.isWhitespace(s.charAt(from - 1)))) clauses++;
        if ((c == '.' || c == '!' || c == '?' || c == '؟') && endsSentence(s, i, t, nm, kd, abbreviations)) newSentence = true;
      }
    }
    if (t > 0 || sentences > 0) sentences++;
    if (sentences >= sentStart.length) {
      sentStart = Arrays.copyOf(sentStart, sentences + 1);
      para = Arrays.copyOf(para, sentences + 1);
    }
    sentStart[sentences] = t;
    return new Text(s, t, st, en, kd, nm, sent, Arrays.copyOf(sentStart, sentences + 1), Arrays.copyOf(para, sentences + 1), cl);
  }

  /** A full stop ends a sentence unless a lower-case word, a digit or a comma follows, or it closes an abbreviation. */
  private static boolean endsSentence(String s, int i, int t, String[] nm, Kind[] kd, java.util.Set<String> abbreviations) {
    int j = i;
    while (j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '”' || s.charAt(j) == '»' || s.charAt(j) == ')')) j++;
    while (j < s.length() && s.charAt(j) == ' ') j++;
    if (j >= s.length()) return true;
    char next = s.charAt(j);
    if (Character.isLowerCase(next) || next == ',' || digit(next) >= 0) return false;
    if (s.charAt(i - 1) == '.' && t >= 2 && kd[t - 2] == Kind.WORD && abbreviations.contains(nm[t - 2])) return false;
    // "5. juni" was caught above (lower case); "Juni 5. 2017" is rare enough to ignore.
    return true;
  }

  static int digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= '\u0660' && c <= '\u0669') return c - '\u0660';
    if (c >= '\u06F0' && c <= '\u06F9') return c - '\u06F0';
    return -1;
  }

  /** Case folding plus the Arabic letter variants writers use interchangeably ({@link Arabic}). */
  static void appendFolded(StringBuilder b, char d) {
    char f = Arabic.fold(d);
    if (f != 0) b.append(Character.toLowerCase(f));
  }

  /** The same folding for lexicon phrases. */
  static String fold(String word) {
    StringBuilder b = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char d = word.charAt(i);
      int v = digit(d);
      if (v >= 0) b.append((char) ('0' + v));
      else if (d == '’') b.append('\'');
      else appendFolded(b, d);
    }
    return b.toString();
  }
}
