package org.harmledger.linkage;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.harmledger.text.Arabic;

/**
 * Names in any script made comparable: Arabic letter variants folded (alef and hamza forms, taa
 * marbuta, alef maqsura, tatweel, vowel marks), then transliterated to Latin with ICU
 * ({@code Any-Latin; Latin-ASCII}, non-ASCII dropped), lower-cased, honorifics removed, the
 * particles al-/el- dropped and abd/abu split from the name they are written joined to. The
 * {@link #skeleton} (consonants only, doubled letters once) is what an Arabic-script and a
 * Latin-script spelling of the same name share most often: محمد, Mohammed, Muhammad and Mohamad
 * all give "mhmd". Thread-safe (a transliterator per thread).
 */
public final class Names {
  private Names() {}

  private static final ThreadLocal<Transliterator> LATIN = ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII; [:^ASCII:] Remove"));
  private static final Set<String> HONORIFICS = Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "hajj", "haj", "haji", "hajji", "sheikh", "shaikh", "sayyid", "sayed", "mister", "madam", "eng");
  private static final Set<String> ARTICLES = Set.of("al", "el", "ul", "ad", "ar", "as", "at", "az", "an", "ash");
  private static final Set<String> JOIN_NEXT = Set.of("abd", "abu", "bin", "ibn", "umm", "bint");

  /** Folds Arabic letter variants and removes tatweel and vowel marks ({@link Arabic}); other text is unchanged. */
  static String foldArabic(String s) {
    return Arabic.fold(s);
  }

  /**
   * Whether the text has a letter in Arabic script (the Arabic blocks and their presentation
   * forms): what {@link #vowelsAgree} needs to know of a spelling. José or Zoë is Latin.
   */
  public static boolean hasArabic(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\u0600' && c <= '\u06FF' || c >= '\u0750' && c <= '\u077F' || c >= '\u08A0' && c <= '\u08FF'
          || c >= '\uFB50' && c <= '\uFDFF' || c >= '\uFE70' && c <= '\uFEFF') return true;
    }
    return false;
  }

  static boolean hasNonAscii(String s) {
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 127) return true;
    return false;
  }

  /**
   * Word by word, each word transliterated once: a list's names are made of few words (a million
   * synthetic records hold 125,441 distinct non-ASCII names but 220 distinct words), and ICU was
   * half the time of preparing them. ICU's Arabic-to-Latin rules look within a word: those 125,441
   * names, transliterated whole and word by word, came out the same.
   */
  static String toLatin(String s) {
    if (WORDS.size() > 100_000) WORDS.clear(); // a bound for a long-running server fed odd text
    StringBuilder b = new StringBuilder(s.length());
    int from = 0;
    while (from <= s.length()) {
      int space = s.indexOf(' ', from);
      if (space < 0) space = s.length();
      String word = s.substring(from, space);
      if (from > 0) b.append(' ');
      b.append(hasNonAscii(word) ? WORDS.computeIfAbsent(word, w -> LATIN.get().transliterate(w)) : word);
      from = space + 1;
    }
    return b.toString();
  }

  private static final java.util.Map<String, String> WORDS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The name's tokens, normalised as described above. */
  public static List<String> tokens(String raw) {
    return tokens(raw, null);
  }

  /**
   * The tokens, and for each whether it was written with an article (al-Najjar, Al Najjar,
   * AlNajjar, النجار): in an Arabic name, the mark of the family name.
   */
  private static List<String> tokens(String raw, List<Boolean> withArticle) {
    if (raw == null || raw.isBlank()) return List.of();
    String s = raw;
    boolean transliterated = hasNonAscii(s);
    // the article written joined in Latin shows by its capital: AlZubi, ElSayed (Alice and Albert keep theirs)
    if (!transliterated) s = JOINED_ARTICLE.matcher(s).replaceAll("$1 ");
    if (transliterated) s = toLatin(foldArabic(s));
    s = s.toLowerCase(Locale.ROOT);
    // "al-Najjar", "abd-al-Rahman", "O'Neil": hyphens and apostrophes split or join as a space would
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ? c : ' ');
    }
    List<String> raw2 = new ArrayList<>(Arrays.asList(b.toString().trim().split("\\s+")));
    raw2.removeIf(String::isEmpty);
    // Latin honorifics only (a transliterated Arabic name can spell one: "عمر" → "mr" once its ʿ is
    // gone), and only before a name: after an article or last, it is the name ("El Sayed", "al-Hajj")
    for (int i = raw2.size() - 2; i >= 0; i--) {
      String t = raw2.get(i);
      boolean afterArticle = i > 0 && ARTICLES.contains(raw2.get(i - 1));
      if (!transliterated && HONORIFICS.contains(t) && !afterArticle || transliterated && (t.equals("alhaj") || t.equals("alhajj"))) raw2.remove(i);
    }
    List<String> out = new ArrayList<>();
    boolean afterArticle = false;
    for (int i = 0; i < raw2.size(); i++) {
      String t = raw2.get(i);
      if (ARTICLES.contains(t) && i + 1 < raw2.size()) {
        // "al najjar" → "najjar"; in "abd al-rahman" the article belongs to the given name
        afterArticle = i == 0 || !JOIN_NEXT.contains(raw2.get(i - 1)) && !raw2.get(i - 1).equals("abdul");
        continue;
      }
      boolean articled = afterArticle;
      afterArticle = false;
      // abd/abu written joined or apart ("Abdulrahman", "Abd al-Rahman", "عبد الرحمن") all become two tokens
      String split = null;
      for (String pre : new String[] {"abdul", "abdel", "abdal", "abdol", "abd", "abul", "abu"}) {
        if (t.startsWith(pre) && t.length() - pre.length() >= 3) {
          split = t.substring(pre.length());
          t = pre.startsWith("abd") ? "abd" : "abu";
          break;
        }
      }
      if (t.equals("abdul") || t.equals("abdel") || t.equals("abdal")) t = "abd";
      if (split != null) {
        out.add(t);
        if (withArticle != null) withArticle.add(false);
        t = split;
      }
      // the article written joined: only in transliterated Arabic (النجار → alnjar → njar); Alice and Albert keep theirs
      if (transliterated && t.startsWith("al") && t.length() >= 5) {
        t = t.substring(2);
        articled = true;
      }
      out.add(t);
      if (withArticle != null) withArticle.add(articled);
    }
    return out;
  }

  private static final java.util.regex.Pattern JOINED_ARTICLE = java.util.regex.Pattern.compile("\\b(Al|El)(?=[A-Z][a-z])");

  /**
   * The skeletons of the given name and the family name, as one key ("mhmd hgz"), or null when
   * the name has not both. In an Arabic name the family name is the part written with an article
   * (the last such part), or else the last part; the given name is the first other part, with
   * the next when it is a compound's first half (Abd al-Rahman). A father's or grandfather's
   * name in between, which lists often drop, is left out, and so is the order: "al-Ali Ahmad
   * Hassan" and "Ahmad al-Ali" give the same key.
   */
  public static String givenAndFamily(String raw) {
    List<Boolean> articled = new ArrayList<>();
    List<String> toks = tokens(raw, articled);
    if (toks.size() < 2) return null;
    int family = articled.lastIndexOf(true);
    if (family < 0) family = toks.size() - 1;
    int given = family == 0 ? 1 : 0;
    String g = toks.get(given);
    if (JOIN_NEXT.contains(g) && given + 1 < toks.size() && given + 1 != family) g = g + " " + toks.get(given + 1);
    String gs = skeleton(g).replace(" ", "");
    String fs = skeleton(toks.get(family)).replace(" ", "");
    return gs.isEmpty() || fs.isEmpty() ? null : gs + " " + fs;
  }

  public static String normalise(String raw) {
    return String.join(" ", tokens(raw));
  }

  /**
   * Consonants only, each run of one letter once, per token: the key both scripts share. A part
   * that only makes sense with the next (abd, abu, bin, umm: "abd rahman") is joined to it, so
   * that a compound name is one part: Abdullah and Ali do not share a part for their "l".
   */
  public static String skeleton(String normalised) {
    StringBuilder b = new StringBuilder(normalised.length());
    String[] toks = normalised.split(" ");
    for (int t = 0; t < toks.length; t++) {
      String tok = toks[t];
      String sk = tokenSkeleton(tok);
      if (sk.isEmpty()) continue;
      if (JOIN_NEXT.contains(tok) || sk.equals("bd") && tok.length() <= 3) {
        // joined to the next part, if there is one
        if (t + 1 < toks.length) {
          String next = tokenSkeleton(toks[t + 1]);
          if (!next.isEmpty()) {
            sk = sk + next;
            t++;
          }
        }
      }
      if (!b.isEmpty()) b.append(' ');
      b.append(sk);
    }
    return b.toString();
  }

  private static String tokenSkeleton(String tok) {
    return tokenSkeleton(tok, null);
  }

  /**
   * The token's skeleton; with {@code gaps} given, also what stands between its consonants: one
   * entry before the first, one after each (the vowels, w and y that the skeleton leaves out).
   */
  private static String tokenSkeleton(String tok, List<String> gaps) {
    StringBuilder b = new StringBuilder(tok.length());
    StringBuilder gap = gaps == null ? null : new StringBuilder();
    char last = 0;
    for (int i = 0; i < tok.length(); i++) {
      char c = tok.charAt(i);
      // vowels, and the letters that stand for long vowels in transliterated Arabic (w, y, h at the end)
      if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w') {
        if (gap != null) gap.append(c);
        continue;
      }
      if (c == 'h' && i + 1 == tok.length() && i > 0) continue;
      // One Arabic letter, several Latin spellings: each set below becomes one consonant, in both
      // scripts (ICU writes ق as q, ذ as dh, ث as th, غ as gh, ج as j). Tariq/Tarek/طارق,
      // Munther/Monzer/منذر, Jamal/Gamal, Chadi/Shadi (French ch), Kadi/Qadi.
      char next = i + 1 < tok.length() ? tok.charAt(i + 1) : 0;
      if (next == 'h' && (c == 'd' || c == 't' || c == 'g' || c == 'c')) {
        c = c == 'c' ? 's' : c == 'g' ? 'g' : 'z'; // dh, th → z; gh → g; ch → sh (as "s" + the h below)
        if (c != 's') i++; // the h of dh, th, gh is part of the letter
      } else if (c == 'q' || c == 'c') {
        c = 'k';
      } else if (c == 'j') {
        c = 'g';
      } else if (c == 'p') {
        c = 'b';
      } else if (c == 'v') {
        c = 'f';
      }
      if (c == last) continue;
      b.append(c);
      last = c;
      if (gap != null) {
        gaps.add(gap.toString());
        gap.setLength(0);
      }
    }
    if (gap != null) gaps.add(gap.toString());
    return b.toString();
  }

  // ---------------------------------------------------------------- vowels

  /**
   * For each part of {@link #skeleton(String) skeleton(normalised)}, in the same order, its vowels:
   * what stands before, between and after its consonants, as text with a '.' between gaps
   * ("mohammed" → ".o.a.e."). The skeleton leaves vowels out, so that Mohammed and محمد meet; but
   * it then also joins names that differ only by a long vowel, which Arabic writes as a letter:
   * Hassan حسن and Hussein حسين, Muhammad محمد and Mahmoud محمود, Ali علي and Wael وائل, al-Hassan
   * and al-Hassoun. {@link #vowelsAgree} tells those apart where the spellings allow.
   */
  public static String[] vowels(String normalised) {
    String[] toks = normalised.split(" ");
    List<String> out = new ArrayList<>(toks.length);
    for (int t = 0; t < toks.length; t++) {
      String tok = toks[t];
      List<String> gaps = new ArrayList<>();
      String sk = tokenSkeleton(tok, gaps);
      if (sk.isEmpty()) continue;
      if (JOIN_NEXT.contains(tok) || sk.equals("bd") && tok.length() <= 3) {
        // joined to the next part as the skeleton joins it: the gap at the seam is both sides' gaps
        if (t + 1 < toks.length) {
          List<String> next = new ArrayList<>();
          if (!tokenSkeleton(toks[t + 1], next).isEmpty()) {
            gaps.set(gaps.size() - 1, gaps.get(gaps.size() - 1) + next.get(0));
            gaps.addAll(next.subList(1, next.size()));
            t++;
          }
        }
      }
      out.add(String.join(".", gaps));
    }
    return out.toArray(String[]::new);
  }

  /**
   * Whether two parts with the same skeleton can be the same name, by their {@link #vowels}; each
   * side says whether it was written in Arabic script. Arabic writes a name's long vowels (ا, و,
   * ي, which the transliteration keeps as a, w, y) and none of its short ones; Latin spellings
   * write every vowel, a long one often doubled or as a pair (Hussein, Sameer, Mahmoud, Hassoun).
   * So:
   * <ul>
   *   <li>Arabic and Arabic: the same long vowels in the same places;
   *   <li>Arabic and Latin: each long vowel of the Arabic has a Latin vowel that can write it in
   *       its gap (ا: a or e; ي: i, e or y; و: u, o or w), and each pair the Latin writes for a
   *       long vowel (ee, ei, ey, ai, ay, ii; oo, ou, uu) has its letter in the Arabic; a name the
   *       Arabic starts with alef (Ahmad أحمد) the Latin starts with a vowel (not Hamad); a w or
   *       y the Latin starts with as a consonant (Wael, Yasser) the Arabic has there too;
   *   <li>Latin and Latin: a pair for a long vowel on one side has a vowel of its kind on the
   *       other (Hussein and Hassan differ; Hussein and Husain agree), and both start with a
   *       vowel, or both with a consonant, and with the same w or y.
   * </ul>
   * Single Latin vowels say nothing about length, so some pairs stay joined (Mahmud and
   * Mohammed, Hamid and Hamad): this only ever parts names, where the spellings leave no doubt.
   * Parts whose gaps do not line up are not judged (true).
   */
  public static boolean vowelsAgree(String x, boolean xArabic, String y, boolean yArabic) {
    if (xArabic == yArabic && x.equals(y)) return true;
    String[] gx = x.split("\\.", -1);
    String[] gy = y.split("\\.", -1);
    if (gx.length != gy.length || gx.length < 2) return true;
    int last = gx.length - 1;
    for (int k = 0; k <= last; k++) {
      String p = gx[k];
      String q = gy[k];
      boolean ok;
      if (xArabic && yArabic) ok = p.equals(q);
      else if (xArabic) ok = arabicAndLatin(p, q, k, last);
      else if (yArabic) ok = arabicAndLatin(q, p, k, last);
      else ok = latinAndLatin(p, q, k);
      if (!ok) return false;
    }
    return true;
  }

  private static boolean arabicAndLatin(String ar, String la, int k, int last) {
    if (k == 0) {
      // ع leaves no letter, so an Arabic w or y can stand first where the Latin has a vowel before it (Awad عواد, Issa عيسى)
      if (ar.startsWith("w")) return la.indexOf('w') >= 0 || has(la, "uo");
      if (ar.startsWith("y")) return la.indexOf('y') >= 0 || has(la, "ie");
      if (consonantal(la)) return false;
      return ar.isEmpty() || !la.isEmpty(); // alef first: a vowel first (ع first: either)
    }
    if (k == last) return ar.isEmpty() || has(la, "aeiouy"); // a final ى is ā, a final ي ī: any vowel
    if (ar.indexOf('a') >= 0 && !has(la, "ae")) return false;
    if (has(ar, "yie") && !has(la, "iey")) return false;
    if (has(ar, "wuo") && !has(la, "uow")) return false;
    if (longI(la) && !has(ar, "yie")) return false;
    if (longU(la) && !has(ar, "wuo")) return false;
    return true;
  }

  private static boolean latinAndLatin(String p, String q, int k) {
    if (k == 0) {
      if (p.isEmpty() != q.isEmpty()) return false;
      if (consonantal(p) != consonantal(q)) return false;
      if (consonantal(p) && p.charAt(0) != q.charAt(0)) return false;
    }
    if (longI(p) && !has(q, "iey") || longI(q) && !has(p, "iey")) return false;
    if (longU(p) && !has(q, "uow") || longU(q) && !has(p, "uow")) return false;
    return true;
  }

  /** A gap that starts with w or y: a consonant (Wael, Yasser), not a vowel. */
  private static boolean consonantal(String gap) {
    return !gap.isEmpty() && (gap.charAt(0) == 'w' || gap.charAt(0) == 'y');
  }

  private static boolean longI(String gap) {
    return gap.contains("ee") || gap.contains("ei") || gap.contains("ey") || gap.contains("ai") || gap.contains("ay") || gap.contains("ii");
  }

  private static boolean longU(String gap) {
    return gap.contains("oo") || gap.contains("ou") || gap.contains("uu");
  }

  private static boolean has(String gap, String letters) {
    for (int i = 0; i < gap.length(); i++) if (letters.indexOf(gap.charAt(i)) >= 0) return true;
    return false;
  }
}
