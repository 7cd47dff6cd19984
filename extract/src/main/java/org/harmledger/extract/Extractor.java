package org.harmledger.extract;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.harmledger.extract.Lexicon.Entity;
import org.harmledger.extract.Lexicon.Phrase;
import org.harmledger.extract.Lexicon.Place;
import org.harmledger.extract.Lexicon.Tag;

/**
 * Proposes casualty claims and case actions from a news text. Rule-based on purpose: every
 * proposal can say which words it rests on, a reviewer can see why a number was or was not taken,
 * and a new language is a lexicon file (see {@link Lexicon}), not new code.
 *
 * <p>The pass, per text: tokens → lexicon matches → dates and periods (their numbers are never
 * counts) → quantities (digits, number words, vague words such as "hundreds", ranges, modifiers
 * such as "more than") → each quantity classed as a figure, an incident or case count, or set aside
 * (duration, age, money, percent) → figures tied to a casualty word, who was counted, the place,
 * the period, the perpetrator and the attribution (according to X, X said, said X, the sentence
 * after, the organisation mentioned).
 *
 * <p>Thread-safe: an instance holds only its immutable lexicon.
 */
public final class Extractor {
  private final Lexicon lex;

  public Extractor(Lexicon lexicon) {
    this.lex = lexicon;
  }

  /** Extracts from {@code text} in the given language (da, en or ar). */
  public static Extraction extract(String text, String language) {
    return new Extractor(Lexicon.forLanguage(language)).extract(text);
  }

  public Extraction extract(String text) {
    return new Run(text).go();
  }

  // ---------------------------------------------------------------------------------------------

  private record Match(int start, int end, Tag tag, Object value) {}

  /** A person or organisation named (or pointed back to) in the text. */
  private record Mention(int start, int end, String name, String role, String kind, Optional<String> organisation) {}

  private record DateMention(int start, int end, int year, int month, int day) {
    LocalDate from() {
      return LocalDate.of(year, month == 0 ? 1 : month, day == 0 ? 1 : day);
    }

    LocalDate to() {
      if (day != 0) return LocalDate.of(year, month, day);
      if (month != 0) return YearMonth.of(year, month).atEndOfMonth();
      return LocalDate.of(year, 12, 31);
    }
  }

  private record Period(int start, int end, LocalDate from, LocalDate to) {}

  private static final class Quantity {
    int start;
    int end;
    long value;
    long min;
    long max = -1;
    String qualifier;
    boolean approximate;
    boolean article;
    boolean vague;
    String use = "";
    // for figures
    String kind;
    String counted = "people";
    int countedStart = -1;
    int countedEnd = -1;
    Match cue;
    boolean adjacent;
    int npEnd;
    int caseNoun = -1;

    Quantity(int start, int end, long value, long min, long max) {
      this.start = start;
      this.end = end;
      this.value = value;
      this.min = min;
      this.max = max;
    }
  }

  private final class Run {
    final String src;
    final Text t;
    final List<Match>[] at;
    final long[] cover;
    final boolean[] used;
    final List<Mention> mentions = new ArrayList<>();
    final List<DateMention> dates = new ArrayList<>();
    final List<Period> periods = new ArrayList<>();
    final List<Quantity> quantities = new ArrayList<>();
    final List<SetAside> setAside = new ArrayList<>();
    final List<ClaimProposal> claims = new ArrayList<>();
    final List<CaseAction> actions = new ArrayList<>();
    Mention lastPerpetrator;

    @SuppressWarnings("unchecked")
    Run(String text) {
      this.src = text;
      this.t = Text.of(text, lex.abbreviations);
      this.at = new List[t.size];
      this.cover = new long[t.size];
      this.used = new boolean[t.size];
    }

    Extraction go() {
      annotate();
      findMentions();
      findDates();
      findQuantities();
      classify();
      buildClaims();
      buildCaseActions();
      setAside.sort((a, b) -> Integer.compare(a.span()[0], b.span()[0]));
      return new Extraction(lex.language, src.length(), List.copyOf(claims), List.copyOf(actions), List.copyOf(setAside));
    }

    // ------------------------------------------------------------------------- lexicon matches

    String[] forms(int i) {
      String n = t.norm[i];
      if (t.kind[i] != Text.Kind.WORD || lex.cliticPrefixes.isEmpty()) return new String[] {n};
      List<String> f = new ArrayList<>(3);
      f.add(n);
      for (String p : lex.cliticPrefixes) {
        if (n.startsWith(p) && n.length() - p.length() >= 2) f.add(n.substring(p.length()));
      }
      return f.toArray(String[]::new);
    }

    boolean sameWord(int i, String folded) {
      if (t.norm[i].equals(folded)) return true;
      if (lex.cliticPrefixes.isEmpty() || t.kind[i] != Text.Kind.WORD) return false;
      for (String f : forms(i)) if (f.equals(folded)) return true;
      return false;
    }

    void annotate() {
      for (int i = 0; i < t.size; i++) {
        boolean any = matchAt(i, forms(i));
        if (!any && !lex.stripSuffixes.isEmpty() && t.kind[i] == Text.Kind.WORD) {
          String n = t.norm[i];
          for (String s : lex.stripSuffixes) {
            if (n.endsWith(s) && n.length() - s.length() >= 3) matchAt(i, new String[] {n.substring(0, n.length() - s.length())});
          }
        }
      }
    }

    boolean matchAt(int i, String[] forms) {
      boolean any = false;
      for (String form : forms) {
        for (Phrase p : lex.startingWith(form)) {
          int k = p.tokens().length;
          if (i + k > t.size) continue;
          boolean ok = true;
          for (int j = 1; j < k && ok; j++) ok = sameWord(i + j, p.tokens()[j]);
          if (ok && p.exactCase() != null) {
            for (int j = 0; j < k && ok; j++) ok = t.raw(i + j).equals(p.exactCase()[j]);
          }
          if (!ok) continue;
          add(new Match(i, i + k, p.tag(), p.value()));
          any = true;
        }
      }
      return any;
    }

    void add(Match m) {
      List<Match> l = at[m.start()];
      if (l == null) at[m.start()] = l = new ArrayList<>(2);
      for (int x = 0; x < l.size(); x++) {
        Match o = l.get(x);
        if (o.tag() == m.tag()) {
          if (o.end() >= m.end()) return;
          l.set(x, m);
          markCover(m);
          return;
        }
      }
      l.add(m);
      markCover(m);
    }

    void markCover(Match m) {
      long bit = 1L << m.tag().ordinal();
      for (int j = m.start(); j < m.end(); j++) cover[j] |= bit;
    }

    Match get(int i, Tag tag) {
      if (i < 0 || i >= t.size || at[i] == null) return null;
      for (Match m : at[i]) if (m.tag() == tag) return m;
      return null;
    }

    boolean covered(int i, Tag tag) {
      return i >= 0 && i < t.size && (cover[i] & (1L << tag.ordinal())) != 0;
    }

    boolean sameClause(int a, int b) {
      return a >= 0 && b >= 0 && a < t.size && b < t.size && t.clause[a] == t.clause[b];
    }

    boolean quote(int i) {
      if (t.kind[i] != Text.Kind.PUNCT) return false;
      char c = src.charAt(t.start[i]);
      return c == '"' || c == '“' || c == '”' || c == '«' || c == '»' || c == '\'';
    }

    String text(int from, int to) {
      return src.substring(t.start[from], t.end[to - 1]);
    }

    int[] span(int from, int to) {
      return new int[] {t.start[from], t.end[to - 1]};
    }

    // ------------------------------------------------------------------------- people and organisations

    void findMentions() {
      for (int i = 0; i < t.size; i++) {
        Match e = get(i, Tag.ENTITY);
        Match a = get(i, Tag.ANAPHOR);
        if (e != null && (a == null || e.end() >= a.end())) {
          Entity en = (Entity) e.value();
          mentions.add(new Mention(e.start(), e.end(), en.name(), en.role(), en.kind(), Optional.empty()));
          i = e.end() - 1;
        } else if (a != null) {
          String kind = (String) a.value();
          Mention target = null;
          for (int k = mentions.size() - 1; k >= 0 && k >= mentions.size() - 200 && target == null; k--) {
            Mention m = mentions.get(k);
            if (m.kind().equals(kind) || kind.equals("monitor") && m.kind().equals("organisation")) target = m;
          }
          if (target != null) mentions.add(new Mention(a.start(), a.end(), target.name(), target.role(), target.kind(), target.organisation()));
          i = a.end() - 1;
        } else if (t.capitalised(i) && !covered(i, Tag.PLACE) && !covered(i, Tag.MONTH) && !covered(i, Tag.STOPWORD)) {
          // Names the lexicon does not know: capitalised words, with "of the" between ("International
          // Committee of the Red Cross", "Save the Children") an organisation, else a person ("Claus Juul").
          int j = i;
          int words = 0;
          boolean connected = false;
          while (j < t.size && t.sentence[j] == t.sentence[i] && !covered(j, Tag.ENTITY) && !covered(j, Tag.MONTH)) {
            if (t.capitalised(j) && !covered(j, Tag.PLACE)) {
              words++;
              j++;
            } else if (t.kind[j] == Text.Kind.WORD && lex.nameConnectors.contains(t.norm[j]) && j + 1 < t.size && t.capitalised(j + 1) && !covered(j + 1, Tag.ENTITY)) {
              connected = true;
              j++;
            } else break;
          }
          if (words >= 2 && j - i <= 7) {
            boolean organisation = connected || words >= 4;
            mentions.add(organisation
                ? new Mention(i, j, text(i, j), "other", "organisation", Optional.empty())
                : new Mention(i, j, text(i, j), "witness", "person", Optional.empty()));
            i = j - 1;
          }
        }
      }
    }

    // ------------------------------------------------------------------------- dates

    int smallNumber(int i) {
      if (i < 0 || i >= t.size || t.kind[i] != Text.Kind.NUMBER) return -1;
      String n = t.norm[i];
      if (n.length() > 2) return -1;
      return Integer.parseInt(n);
    }

    int year(int i) {
      if (i < 0 || i >= t.size || t.kind[i] != Text.Kind.NUMBER) return -1;
      String n = t.norm[i];
      if (n.length() != 4) return -1;
      int y = Integer.parseInt(n);
      return y >= 1900 && y <= 2100 ? y : -1;
    }

    void findDates() {
      for (int i = 0; i < t.size; i++) {
        if (used[i]) continue;
        Match m = get(i, Tag.MONTH);
        if (m != null) {
          int month = ((Long) m.value()).intValue();
          int start = i;
          int end = m.end();
          // حزيران/يونيو: the Levantine and the international name of one month
          if (end + 1 < t.size && t.isPunct(end, '/') && get(end + 1, Tag.MONTH) != null) end = get(end + 1, Tag.MONTH).end();
          int day = 0;
          int d = smallNumber(i - 1);
          if (d >= 1 && d <= 31 && !used[i - 1]) {
            day = d;
            start = i - 1;
          } else if (i >= 2 && t.isPunct(i - 1, '.') && (d = smallNumber(i - 2)) >= 1 && d <= 31) {
            day = d;
            start = i - 2;
          } else if ((d = smallNumber(end)) >= 1 && d <= 31) {
            day = d;
            end++;
            if (end < t.size && t.isPunct(end, ',') && year(end + 1) > 0) end++;
          }
          int y = year(end);
          if (y < 0 && end < t.size && t.isPunct(end, ',')) {
            y = year(end + 1);
            if (y > 0) end++;
          }
          if (y > 0) end++;
          // A month name alone ("may", "mar") is too often another word; it needs a day or a year or a period word.
          boolean alone = day == 0 && y < 0;
          if (alone && !(covered(start - 1, Tag.PERIOD_FROM) || covered(end, Tag.PERIOD_TO) || covered(start - 1, Tag.PERIOD_TO) || covered(start - 1, Tag.YEAR_CUE))) continue;
          if (alone && lex.language.equals("en") && !t.capitalised(i)) continue;
          addDate(new DateMention(start, end, Math.max(y, 0), month, day));
          i = end - 1;
          continue;
        }
        // 2017-06-05, 05/06/2017, 10:30
        if (t.kind[i] == Text.Kind.NUMBER && i + 4 < t.size && year(i) > 0 && t.isPunct(i + 1, '-') && smallNumber(i + 2) >= 1 && t.isPunct(i + 3, '-') && smallNumber(i + 4) >= 1) {
          int mo = smallNumber(i + 2);
          int dd = smallNumber(i + 4);
          if (mo <= 12 && dd <= 31) {
            addDate(new DateMention(i, i + 5, year(i), mo, Math.min(dd, YearMonth.of(year(i), mo).lengthOfMonth())));
            i += 4;
            continue;
          }
        }
        if (t.kind[i] == Text.Kind.NUMBER && i + 4 < t.size && smallNumber(i) >= 1 && t.isPunct(i + 1, '/') && smallNumber(i + 2) >= 1 && t.isPunct(i + 3, '/') && year(i + 4) > 0) {
          int a = smallNumber(i);
          int b = smallNumber(i + 2);
          int dd = lex.language.equals("en") && a <= 12 ? b : a;
          int mo = lex.language.equals("en") && a <= 12 ? a : b;
          if (mo >= 1 && mo <= 12 && dd <= 31) {
            addDate(new DateMention(i, i + 5, year(i + 4), mo, Math.min(dd, YearMonth.of(year(i + 4), mo).lengthOfMonth())));
            i += 4;
            continue;
          }
        }
        if (t.kind[i] == Text.Kind.NUMBER && i + 2 < t.size && smallNumber(i) >= 0 && t.isPunct(i + 1, ':') && t.kind[i + 2] == Text.Kind.NUMBER && t.norm[i + 2].length() == 2) {
          mark(i, i + 3);
          setAside.add(new SetAside("time", span(i, i + 3), text(i, i + 3)));
          i += 2;
          continue;
        }
        int y = year(i);
        if (y > 0 && !(covered(i + 1, Tag.COUNTED) || covered(i + 1, Tag.CASUALTY)) || y > 0 && (covered(i - 1, Tag.YEAR_CUE) || covered(i - 1, Tag.MONTH))) {
          addDate(new DateMention(i, i + 1, y, 0, 0));
        }
      }
      // Periods: [from] DATE to DATE, the first taking the second's year when it has none.
      for (int k = 0; k < dates.size(); k++) {
        DateMention a = dates.get(k);
        DateMention b = k + 1 < dates.size() ? dates.get(k + 1) : null;
        boolean joined = b != null && (b.start() == a.end() + 1 && covered(a.end(), Tag.PERIOD_TO) || b.start() == a.end() && !lex.joinerPrefix.isEmpty() && t.norm[b.start()].startsWith(lex.joinerPrefix));
        if (joined && t.sentence[a.start()] == t.sentence[b.start()]) {
          if (b.year() == 0) continue;
          DateMention a2 = a.year() == 0 ? new DateMention(a.start(), a.end(), b.year(), a.month(), a.day()) : a;
          int start = covered(a.start() - 1, Tag.PERIOD_FROM) ? a.start() - 1 : a.start();
          if (!a2.from().isAfter(b.to())) {
            periods.add(new Period(start, b.end(), a2.from(), b.to()));
            setAside.add(new SetAside("period", span(start, b.end()), text(start, b.end())));
          }
          k++;
        } else if (a.year() != 0) {
          int start = covered(a.start() - 1, Tag.PERIOD_FROM) ? a.start() - 1 : a.start();
          periods.add(new Period(start, a.end(), a.from(), a.to()));
          setAside.add(new SetAside(a.month() == 0 ? "year" : "date", span(a.start(), a.end()), text(a.start(), a.end())));
        } else {
          setAside.add(new SetAside("date", span(a.start(), a.end()), text(a.start(), a.end())));
        }
      }
    }

    void addDate(DateMention d) {
      dates.add(d);
      mark(d.start(), d.end());
    }

    void mark(int from, int to) {
      for (int j = from; j < to; j++) used[j] = true;
    }

    // ------------------------------------------------------------------------- quantities

    /** Value of a number made of words starting at i (end in out[0]), or -1. */
    long wordNumber(int i, int[] out) {
      long total = 0;
      long current = 0;
      int j = i;
      boolean any = false;
      while (j < t.size && !used[j]) {
        Match num = get(j, Tag.NUMBER);
        Match scale = get(j, Tag.SCALE);
        long v;
        int next;
        if (num != null) {
          v = (Long) num.value();
          next = num.end();
          current += v;
        } else if (scale != null && (any || get(j, Tag.VAGUE) == null)) {
          long s = (Long) scale.value();
          if (s >= 1000) {
            total += (current == 0 ? 1 : current) * s;
            current = 0;
          } else current = (current == 0 ? 1 : current) * s;
          next = scale.end();
        } else if ((v = compound(j)) >= 0) {
          current += v;
          next = j + 1;
        } else break;
        any = true;
        j = next;
        // "to hundrede og tyve", "one hundred and twenty": a joiner only between two number words.
        if (j + 1 < t.size && covered(j, Tag.NUMBER_JOINER) && !covered(j, Tag.NUMBER) && (covered(j + 1, Tag.NUMBER) || compound(j + 1) >= 0)) j++;
      }
      if (!any) return -1;
      out[0] = j;
      return total + current;
    }

    /** "femoghalvfjerds" (five-and-seventy), "seventy-five", "وسبعين" written as one word. */
    long compound(int i) {
      if (t.kind[i] != Text.Kind.WORD) return -1;
      String n = t.norm[i];
      if (!lex.joinerPrefix.isEmpty() && n.startsWith(lex.joinerPrefix)) {
        Long v = singleNumber(n.substring(lex.joinerPrefix.length()));
        if (v != null) return v;
      }
      if (n.indexOf('-') > 0) return sumOfParts(n.split("-"));
      for (String joiner : lex.wordJoiners) {
        int k = n.indexOf(joiner);
        if (k > 0 && k + joiner.length() < n.length()) {
          long v = sumOfParts(new String[] {n.substring(0, k), n.substring(k + joiner.length())});
          if (v >= 0) return v;
        }
      }
      return -1;
    }

    long sumOfParts(String[] parts) {
      long sum = 0;
      for (String p : parts) {
        Long v = singleNumber(p);
        if (v == null) return -1;
        sum += v;
      }
      return sum;
    }

    Long singleNumber(String folded) {
      for (Phrase p : lex.startingWith(folded)) {
        if (p.tag() == Tag.NUMBER && p.tokens().length == 1) return (Long) p.value();
      }
      return null;
    }

    /** A digit number at i, with a following scale word ("2.5 million"); -1 if none. Decimals without a scale are not counts. */
    long digits(int i, int[] out) {
      if (i >= t.size || used[i] || t.kind[i] != Text.Kind.NUMBER) return -1;
      String n = t.norm[i];
      double v;
      if (n.matches("\\d{1,3}([., ]\\d{3})+")) v = Double.parseDouble(n.replaceAll("[., ]", ""));
      else if (n.matches("\\d+")) v = Double.parseDouble(n);
      else if (n.matches("\\d+[.,]\\d{1,2}")) v = Double.parseDouble(n.replace(',', '.'));
      else return -1;
      int end = i + 1;
      Match scale = get(end, Tag.SCALE);
      if (scale != null && (Long) scale.value() >= 1000) {
        v *= (Long) scale.value();
        end = scale.end();
      } else if (v != Math.rint(v)) return -1;
      out[0] = end;
      return (long) v;
    }

    /** Any number at i: digits, words, or a single article-number ("en ny sag"). */
    long number(int i, int[] out, boolean[] article) {
      article[0] = false;
      if (i >= t.size || used[i]) return -1;
      long v = digits(i, out);
      if (v >= 0) return v;
      Match art = get(i, Tag.ARTICLE_NUMBER);
      v = wordNumber(i, out);
      if (v >= 0) {
        if (art != null && out[0] == art.end()) article[0] = true;
        return v;
      }
      return -1;
    }

    void findQuantities() {
      int[] out = new int[1];
      boolean[] article = new boolean[1];
      for (int i = 0; i < t.size; i++) {
        if (used[i]) continue;
        Quantity q = null;
        int start = i;
        String qualifier = null;
        String effect = null;
        int core = i;
        Match mod = get(i, Tag.MODIFIER);
        if (mod != null && mod.end() < t.size && (number(mod.end(), out, article) >= 0 || get(mod.end(), Tag.VAGUE) != null)) {
          effect = (String) mod.value();
          qualifier = text(mod.start(), mod.end());
          core = mod.end();
        }
        Match rs = get(core, Tag.RANGE_START);
        if (rs != null) {
          long a = number(rs.end(), out, article);
          int aEnd = out[0];
          if (a >= 0 && covered(aEnd, Tag.RANGE_JOIN)) {
            long b = number(aEnd + 1, out, article);
            if (b > a) {
              q = new Quantity(start, out[0], a, a, b);
              q.qualifier = text(rs.start(), rs.end());
            }
          }
        }
        if (q == null) {
          long v = number(core, out, article);
          if (v >= 0) {
            q = new Quantity(start, out[0], v, v, v);
            q.article = article[0];
            // 10-12, 20 til 30, 20 to 30
            if (q.end + 1 < t.size && covered(q.end, Tag.RANGE_JOIN) && !covered(q.end, Tag.NUMBER_JOINER) && !sameWordAs(q.end, "og", "and", "و")) {
              long b = number(q.end + 1, out, article);
              if (b > v) {
                q.max = b;
                q.end = out[0];
              }
            }
          } else {
            Match vague = get(core, Tag.VAGUE);
            if (vague != null) {
              q = new Quantity(start, vague.end(), 0, 0, -1);
              long min = (Long) vague.value();
              // "tens of thousands", "عشرات الآلاف"
              int k = vague.end();
              if (covered(k, Tag.VAGUE_OF) && get(k + 1, Tag.SCALE) != null) k++;
              Match scale = get(k, Tag.SCALE);
              if (scale != null && (Long) scale.value() >= 1000) {
                min *= (Long) scale.value();
                q.end = scale.end();
              }
              q.value = min;
              q.min = min;
              q.max = -1;
              q.vague = true;
              if (qualifier == null) qualifier = text(vague.start(), q.end);
            }
          }
        }
        if (q == null) continue;
        if (q.article && !articleCounts(q.end)) continue; // "en rapport", "a letter": an article, not a number
        Match after = get(q.end, Tag.MODIFIER_AFTER);
        if (after != null && effect == null) {
          effect = (String) after.value();
          qualifier = text(after.start(), after.end());
          q.end = after.end();
        }
        if (effect != null && q.max == q.min) {
          switch (effect) {
            case "gt" -> {
              q.min = q.value + 1;
              q.max = -1;
            }
            case "ge" -> q.max = -1;
            case "le" -> q.min = 0;
            case "lt" -> {
              q.min = 0;
              q.max = Math.max(0, q.value - 1);
            }
            case "approx" -> q.approximate = true;
            default -> {}
          }
        } else if (effect != null && q.max < 0 && effect.equals("gt")) {
          q.min = q.value;
        }
        if (q.qualifier == null) q.qualifier = qualifier;
        quantities.add(q);
        mark(q.start, q.end);
        i = q.end - 1;
      }
    }

    boolean articleCounts(int from) {
      for (int k = from; k < t.size && k <= from + 2; k++) {
        k = skipAge(k);
        if (k >= t.size) return false;
        if (covered(k, Tag.COUNTED) || covered(k, Tag.CASE_NOUN) || covered(k, Tag.CASUALTY)) return true;
        if (!covered(k, Tag.NEW)) return false;
      }
      return false;
    }

    boolean sameWordAs(int i, String... words) {
      for (String w : words) if (t.norm[i].equals(w)) return true;
      return false;
    }

    // ------------------------------------------------------------------------- what each number counts

    void classify() {
      for (Quantity q : quantities) {
        int n = q.end;
        if (covered(n, Tag.TIME_UNIT) || n + 1 < t.size && t.isPunct(n, '-') && covered(n + 1, Tag.TIME_UNIT)) {
          q.use = "duration";
          continue;
        }
        if (covered(n, Tag.MONEY) || covered(q.start - 1, Tag.MONEY)) {
          q.use = "money";
          continue;
        }
        if (covered(n, Tag.PERCENT)) {
          q.use = "percent";
          continue;
        }
        if (covered(n, Tag.COUNTED)) {
          figure(q);
          continue;
        }
        int noun = nounAhead(q, Tag.INCIDENT_NOUN, 2);
        if (noun >= 0) {
          q.use = "incidents";
          continue;
        }
        noun = nounAhead(q, Tag.CASE_NOUN, 3);
        if (noun >= 0) {
          q.use = "cases";
          q.caseNoun = noun;
          continue;
        }
        figure(q);
      }
      for (Quantity q : quantities) {
        if (!q.use.equals("figure") && !q.use.isEmpty()) {
          int end = q.end;
          Tag decides = switch (q.use) {
            case "duration" -> Tag.TIME_UNIT;
            case "money" -> Tag.MONEY;
            case "percent" -> Tag.PERCENT;
            case "incidents" -> Tag.INCIDENT_NOUN;
            case "cases" -> Tag.CASE_NOUN;
            default -> null;
          };
          if (decides != null) {
            for (int k = q.end; k < t.size && k <= q.end + 3; k++) {
              Match m = get(k, decides);
              if (m != null) {
                end = m.end();
                break;
              }
            }
          }
          setAside.add(new SetAside(q.use, span(q.start, end), text(q.start, end)));
        }
      }
    }

    /** The position of a noun with the tag within a few words after q (adjectives between), or -1. */
    int nounAhead(Quantity q, Tag tag, int skip) {
      for (int k = q.end; k <= q.end + skip && k < t.size; k++) {
        if (covered(k, tag)) return k;
        if (t.kind[k] != Text.Kind.WORD || covered(k, Tag.COUNTED) || covered(k, Tag.CASUALTY)) return -1;
      }
      return -1;
    }

    /** Past an age written as "12-årig" or "12-year-old" in front of a noun. */
    int skipAge(int k) {
      if (k + 2 < t.size && t.kind[k] == Text.Kind.NUMBER && t.isPunct(k + 1, '-') && covered(k + 2, Tag.TIME_UNIT)) return k + 3;
      return k;
    }

    void figure(Quantity q) {
      q.use = "other";
      // "3 of the wounded", "Femogtyve af de dræbte": part of a figure given elsewhere.
      if (!q.vague && covered(q.end, Tag.VAGUE_OF) && (covered(q.end + 1, Tag.STOPWORD) && !covered(q.end + 1, Tag.COUNTED) || lex.joinerPrefix.length() > 0 && covered(q.end + 1, Tag.CASUALTY))) {
        q.use = "part";
        return;
      }
      // Who was counted: the noun the number quantifies, with at most two adjectives or names between.
      int unknown = 0;
      boolean counted = false;
      int k = q.end;
      for (; k < t.size && k <= q.end + 4 && sameClause(k, q.start); k++) {
        k = skipAge(k);
        if (k >= t.size) break;
        Match c = get(k, Tag.COUNTED);
        if (c != null) {
          q.counted = (String) c.value();
          q.countedStart = k;
          q.countedEnd = c.end();
          counted = true;
          break;
        }
        if (covered(k, Tag.CASUALTY)) {
          // "150 injured people": the casualty word as an adjective before the noun
          Match cue = get(k, Tag.CASUALTY);
          Match after = cue == null ? null : get(cue.end(), Tag.COUNTED);
          if (after != null && !after.value().equals("others")) {
            q.counted = (String) after.value();
            q.countedStart = after.start();
            q.countedEnd = after.end();
            counted = true;
          }
          break;
        }
        if (t.kind[k] != Text.Kind.WORD) break;
        if (covered(k, Tag.VAGUE_OF)) continue;
        if (covered(k, Tag.ENTITY) || covered(k, Tag.PLACE)) continue;
        if (covered(k, Tag.STOPWORD) || covered(k, Tag.MODIFIER_AFTER)) break;
        if (++unknown > 2) break;
      }
      if (!counted && unknown > 0) return; // "tusindvis af skudaffyringer": it counts something else
      Match after = counted ? get(q.countedEnd, Tag.MODIFIER_AFTER) : null;
      if (after != null && q.min == q.max) {
        // "40 مدنيا على الأقل": the modifier follows the noun
        String effect = (String) after.value();
        if (effect.equals("ge")) q.max = -1;
        q.qualifier = text(after.start(), after.end());
      }
      if (q.article && !counted) return;
      q.npEnd = counted && q.countedEnd > q.end && q.countedStart < q.end + 5 && !covered(q.countedStart - 1, Tag.CASUALTY) ? q.countedEnd : q.end;
      // The casualty word: right before the number, or right after its noun; else anywhere in the clause if the noun says who.
      Match best = null;
      int bestGap = Integer.MAX_VALUE;
      boolean bestAdjacent = false;
      int from = q.start;
      while (from > 0 && sameClause(from - 1, q.start)) from--;
      for (int i = from; i < t.size && sameClause(i, q.start); i++) {
        Match c = get(i, Tag.CASUALTY);
        if (c == null) continue;
        if (c.value().equals("killed_frame") && !frameOpened(c)) continue;
        int gap;
        boolean adjacent;
        if (c.end() <= q.start) {
          gap = q.start - c.end();
          adjacent = gap <= 2 && onlyLinks(c.end(), q.start);
          if (c.value().equals("killed_frame")) {
            continue;
          }
        } else if (c.start() >= q.npEnd) {
          gap = c.start() - q.npEnd;
          adjacent = gap <= 3 && onlyLinks(q.npEnd, c.start());
        } else continue;
        if (!adjacent && (gap > 10 || figureBetween(q, c) || complementizerBetween(q, c))) continue;
        if (best == null || (adjacent && !bestAdjacent) || (adjacent == bestAdjacent && gap < bestGap)) {
          best = c;
          bestGap = gap;
          bestAdjacent = adjacent;
        }
        if (c.value().equals("killed_frame")) {
          // the frame's verb may stand right before the number: "mistede 23 civile livet"
          Match verb = frameVerb(c);
          if (verb != null && verb.end() <= q.start && q.start - verb.end() <= 2 && (!bestAdjacent || best == c)) {
            best = c;
            bestAdjacent = true;
            bestGap = 0;
          }
        }
      }
      if (best == null || (!bestAdjacent && !counted)) return;
      q.cue = best;
      q.adjacent = bestAdjacent;
      q.kind = best.value().equals("killed_frame") ? "killed" : (String) best.value();
      q.use = "figure";
    }

    boolean frameOpened(Match frameEnd) {
      return frameVerb(frameEnd) != null;
    }

    Match frameVerb(Match frameEnd) {
      for (int i = frameEnd.start() - 1; i >= 0 && sameClause(i, frameEnd.start()); i--) {
        Match v = get(i, Tag.FRAME_VERB);
        if (v != null && v.value().equals(t.norm[frameEnd.start()])) return v;
      }
      return null;
    }

    /** Only linking words between: "were", "blev", quotes, a modifier. */
    boolean onlyLinks(int from, int to) {
      for (int i = from; i < to; i++) {
        if (quote(i) || covered(i, Tag.STOPWORD) || covered(i, Tag.MODIFIER)) {
          if (covered(i, Tag.NUMBER_JOINER) || sameWordAs(i, "og", "and", "و")) return false;
          continue;
        }
        return false;
      }
      return true;
    }

    boolean figureBetween(Quantity q, Match c) {
      int a = Math.min(q.start, c.start());
      int b = Math.max(q.end, c.end());
      for (Quantity o : within(quantities, x -> x.start, a, b)) {
        if (o == q || o.start < a || o.end > b || o.use.equals("duration") || o.use.equals("money")) continue;
        if (covered(o.start - 1, Tag.INCLUSION) || covered(o.start - 2, Tag.INCLUSION)) continue; // "including 20 children"
        if (o.use.equals("other") || o.use.equals("part")) continue;
        if (o.use.isEmpty() && !(covered(o.end, Tag.COUNTED) || covered(o.end, Tag.CASUALTY) || covered(o.end, Tag.VAGUE_OF))) continue; // "under five": not yet known to count anyone
        return true;
      }
      return false;
    }

    boolean complementizerBetween(Quantity q, Match c) {
      int a = Math.min(q.end, c.end());
      int b = Math.max(q.start, c.start());
      for (int i = a; i < b; i++) if (covered(i, Tag.COMPLEMENTIZER)) return true;
      return false;
    }

    // ------------------------------------------------------------------------- claims

    void buildClaims() {
      List<Quantity> figures = new ArrayList<>();
      for (Quantity q : quantities) if (q.use.equals("figure")) figures.add(q);
      // Coordinated figures share their noun: "killed hundreds and wounded thousands of civilians".
      for (int x = 0; x < figures.size(); x++) {
        Quantity q = figures.get(x);
        if (q.countedStart >= 0) continue;
        for (int y = x + 1; y < figures.size(); y++) {
          Quantity o = figures.get(y);
          if (!sameClause(o.start, q.start) || o.start - q.end > 4) break;
          if (o.countedStart >= 0) {
            q.counted = o.counted;
            q.countedStart = o.countedStart;
            q.countedEnd = o.countedEnd;
            break;
          }
        }
      }
      for (int x = 1; x < figures.size(); x++) {
        Quantity q = figures.get(x);
        Quantity p = figures.get(x - 1);
        if (q.countedStart < 0 && p.countedStart >= 0 && sameClause(p.start, q.start) && q.start - p.npEnd <= 5) {
          q.counted = p.counted;
        }
      }
      // "Another 2,000 were injured", "Yderligere 40": the same people as the figure before, in this paragraph
      for (int x = 1; x < figures.size(); x++) {
        Quantity q = figures.get(x);
        if (q.countedStart >= 0 || !covered(q.start - 1, Tag.NEW)) continue;
        for (int y = x - 1; y >= 0; y--) {
          Quantity p = figures.get(y);
          if (t.paragraph[t.sentence[p.start]] != t.paragraph[t.sentence[q.start]]) break;
          if (p.countedStart >= 0 && !isBreakdown(p, figures, y)) {
            q.counted = p.counted;
            break;
          }
        }
      }
      // "30 others", "آلافاً آخرين": the same people as the figure before
      for (int x = 0; x < figures.size(); x++) {
        Quantity q = figures.get(x);
        if (!q.counted.equals("others")) continue;
        q.counted = "people";
        for (int y = x - 1; y >= 0; y--) {
          if (t.sentence[figures.get(y).start] == t.sentence[q.start] && !figures.get(y).counted.equals("others") && !isBreakdown(figures.get(y), figures, y)) {
            q.counted = figures.get(y).counted;
            break;
          }
        }
      }
      boolean[] merged = new boolean[figures.size()];
      for (int x = 0; x < figures.size(); x++) {
        if (merged[x]) continue;
        Quantity q = figures.get(x);
        if (isBreakdown(q, figures, x)) continue;
        List<Quantity> parts = new ArrayList<>(List.of(q));
        for (int y = x + 1; y < figures.size(); y++) {
          Quantity o = figures.get(y);
          if (!sameClause(o.start, q.start) || o.start - parts.get(parts.size() - 1).npEnd > 5) break;
          boolean kindTaken = false;
          for (Quantity p : parts) kindTaken |= p.kind.equals(o.kind);
          if (kindTaken || !o.counted.equals(q.counted) || isBreakdown(o, figures, y)) break;
          parts.add(o);
          merged[y] = true;
        }
        claims.add(claim(parts, figures));
      }
    }

    /** "including 20 children", "heraf 20 børn", "بينهم 20 طفلا": part of the figure before it. */
    boolean isBreakdown(Quantity q, List<Quantity> figures, int index) {
      boolean inclusion = covered(q.start - 1, Tag.INCLUSION) || covered(q.start - 2, Tag.INCLUSION) && quote(q.start - 1) == false && t.kind[q.start - 1] == Text.Kind.WORD && covered(q.start - 1, Tag.STOPWORD);
      if (!inclusion) return false;
      // figures are in text order: only the one before can share the sentence
      return index > 0 && t.sentence[figures.get(index - 1).start] == t.sentence[q.start];
    }

    ClaimProposal claim(List<Quantity> parts, List<Quantity> figures) {
      Quantity head = parts.get(0);
      int sentence = t.sentence[head.start];
      int sStart = t.sentenceStart[sentence];
      int sEnd = t.sentenceStart[sentence + 1];
      List<Evidence> evidence = new ArrayList<>();
      Figure killed = null, injured = null, missing = null;
      for (Quantity q : parts) {
        Figure f = new Figure(q.min, q.max < 0 ? OptionalLong.empty() : OptionalLong.of(q.max), Optional.ofNullable(q.qualifier), q.approximate, span(q.start, q.end), text(q.start, q.end));
        switch (q.kind) {
          case "killed" -> killed = f;
          case "injured" -> injured = f;
          default -> missing = f;
        }
        evidence.add(new Evidence("figure", f.span(), f.text()));
        evidence.add(new Evidence("casualty", span(q.cue.start(), q.cue.end()), text(q.cue.start(), q.cue.end())));
      }
      if (head.countedStart >= 0) evidence.add(new Evidence("counted", span(head.countedStart, head.countedEnd), text(head.countedStart, head.countedEnd)));
      // Breakdowns with numbers
      Map<String, Figure> killedBy = new LinkedHashMap<>();
      Map<String, Figure> injuredBy = new LinkedHashMap<>();
      int headIndex = lowerBound(figures, x -> x.start, parts.get(parts.size() - 1).start);
      for (int y = headIndex + 1; y < figures.size(); y++) {
        Quantity o = figures.get(y);
        if (t.sentence[o.start] != sentence) break;
        if (!isBreakdown(o, figures, y)) break;
        if (!Set.of("children", "women", "men").contains(o.counted)) continue;
        Figure f = new Figure(o.min, o.max < 0 ? OptionalLong.empty() : OptionalLong.of(o.max), Optional.ofNullable(o.qualifier), o.approximate, span(o.start, o.countedEnd > 0 ? o.countedEnd : o.end), text(o.start, o.countedEnd > 0 ? o.countedEnd : o.end));
        (o.kind.equals("injured") && injured != null ? injuredBy : killedBy).put(o.counted, f);
        evidence.add(new Evidence("breakdown", f.span(), f.text()));
      }
      // Breakdowns in words: "de fleste var kvinder og børn"
      List<Share> shares = new ArrayList<>();
      for (int i = head.start; i < sEnd; i++) {
        Match s = get(i, Tag.SHARE);
        if (s == null) continue;
        List<String> who = new ArrayList<>();
        int last = -1;
        for (int k = s.end(); k < sEnd && k <= s.end() + 6; k++) {
          Match c = get(k, Tag.COUNTED);
          if (c != null) {
            if (!who.contains(c.value())) who.add((String) c.value());
            last = c.end();
            k = c.end() - 1;
          } else if (t.kind[k] != Text.Kind.WORD || covered(k, Tag.CASUALTY)) break;
        }
        if (!who.isEmpty()) {
          shares.add(new Share((String) s.value(), who, span(s.start(), last), text(s.start(), last)));
          evidence.add(new Evidence("breakdown", span(s.start(), last), text(s.start(), last)));
          i = last - 1;
        }
      }
      // How many incidents the figure covers: "i fire hændelser … 70"
      OptionalInt incidents = OptionalInt.empty();
      for (Quantity o : within(quantities, x -> x.start, sStart, sEnd)) {
        if (o.use.equals("incidents")) {
          incidents = OptionalInt.of((int) o.min);
          int noun = nounAhead(o, Tag.INCIDENT_NOUN, 2);
          int end = noun >= 0 ? get(noun, Tag.INCIDENT_NOUN) != null ? get(noun, Tag.INCIDENT_NOUN).end() : noun + 1 : o.end;
          evidence.add(new Evidence("incidents", span(o.start, end), text(o.start, end)));
          break;
        }
      }
      // Means and perpetrator
      Match means = null;
      for (int i = sStart; i < sEnd; i++) {
        Match m = get(i, Tag.MEANS);
        if (m != null && (means == null || Math.abs(m.start() - head.start) < Math.abs(means.start() - head.start))) means = m;
      }
      if (means != null) evidence.add(new Evidence("means", span(means.start(), means.end()), text(means.start(), means.end())));
      Attribution attr = attribution(head.start, sentence, figures);
      Mention perp = namedPerpetrator(parts, sStart, sEnd, means);
      boolean implied = false;
      if (perp != null) {
        lastPerpetrator = perp;
        evidence.add(new Evidence("perpetrator", span(perp.start(), perp.end()), text(perp.start(), perp.end())));
      } else if (means != null) {
        if (attr != null && attr.mention.kind().equals("belligerent")) perp = attr.mention;
        else if (lastPerpetrator != null) perp = lastPerpetrator;
        else {
          List<Mention> before = within(mentions, Mention::start, 0, head.start);
          for (int k = before.size() - 1; k >= 0 && perp == null; k--) {
            Mention m = before.get(k);
            if (m.kind().equals("belligerent") && m.role().equals("accused_belligerent")) perp = m;
          }
        }
        implied = perp != null;
      }
      if (attr != null) evidence.add(new Evidence("attribution", span(attr.cueStart, attr.mention.end()), text(attr.cueStart, attr.mention.end())));
      // Place and period within the sentence
      Match place = null;
      for (int i = sStart; i < sEnd; i++) {
        Match p = get(i, Tag.PLACE);
        if (p == null) continue;
        // the most precise place named (Mosul over Iraq), then the nearest
        int byPrecision = place == null ? -1 : Integer.compare(precisionRank(((Place) place.value()).precision()), precisionRank(((Place) p.value()).precision()));
        if (place == null || byPrecision > 0 || byPrecision == 0 && Math.abs(p.start() - head.start) < Math.abs(place.start() - head.start)) place = p;
      }
      String precision = null;
      if (place != null) {
        precision = ((Place) place.value()).precision();
        evidence.add(new Evidence("place", span(place.start(), place.end()), text(place.start(), place.end())));
        for (int back = 1; back <= 2; back++) if (covered(place.start() - back, Tag.PLACE_NEAR)) precision = "near";
      }
      Period period = null;
      for (Period p : within(periods, Period::start, sStart, sEnd)) {
        if ((period == null || Math.abs(p.start() - head.start) < Math.abs(period.start() - head.start))) period = p;
      }
      if (period != null) evidence.add(new Evidence("period", span(period.start(), period.end()), text(period.start(), period.end())));
      double confidence = 0.5 + (head.adjacent ? 0.2 : 0.05) + (head.countedStart >= 0 ? 0.1 : 0) + (attr == null ? 0 : attr.weight);
      int[] sp = t.sentenceSpan(sentence);
      evidence.sort((a, b) -> Integer.compare(a.span()[0], b.span()[0]));
      return new ClaimProposal(
          "p" + (claims.size() + 1),
          Optional.ofNullable(killed),
          Optional.ofNullable(injured),
          Optional.ofNullable(missing),
          head.counted,
          head.countedStart >= 0 ? Optional.of(text(head.countedStart, head.countedEnd)) : Optional.empty(),
          killedBy,
          injuredBy,
          shares,
          attr == null ? Optional.empty() : Optional.of(attr.mention.name()),
          attr == null ? Optional.empty() : Optional.of(attr.mention.role()),
          attr == null ? Optional.empty() : attr.mention.organisation(),
          attr == null ? Optional.empty() : Optional.of(text(attr.mention.start(), attr.mention.end())),
          attr == null ? Optional.empty() : Optional.of(attr.how),
          perp == null ? Optional.empty() : Optional.of(perp.name()),
          implied,
          means == null ? Optional.empty() : Optional.of((String) means.value()),
          incidents,
          place == null ? Optional.empty() : Optional.of(((Place) place.value()).name()),
          Optional.ofNullable(precision),
          place == null ? Optional.empty() : Optional.of(text(place.start(), place.end())),
          period == null ? Optional.empty() : Optional.of(period.from() + "/" + period.to()),
          period == null ? Optional.empty() : Optional.of(text(period.start(), period.end())),
          sp,
          src.substring(sp[0], sp[1]),
          evidence,
          Math.round(Math.min(0.99, confidence) * 100) / 100.0);
    }

    int precisionRank(String precision) {
      return switch (precision) {
        case "exact" -> 0;
        case "near" -> 1;
        case "district" -> 2;
        case "province" -> 3;
        case "country" -> 5;
        default -> 4;
      };
    }

    Mention namedPerpetrator(List<Quantity> parts, int sStart, int sEnd, Match means) {
      for (Mention m : within(mentions, Mention::start, sStart, sEnd)) {
        if (m.start() < sStart || m.start() >= sEnd || !m.kind().equals("belligerent")) continue;
        for (Quantity q : parts) {
          Match cue = q.cue;
          // X "dræbte" / X killed (X before the casualty verb, only links between)
          if (m.end() <= cue.start() && cue.start() - m.end() <= 2 && onlyLinks(m.end(), cue.start()) && cue.start() < q.start) return m;
          // قتلت قوات التحالف: verb, then its agent
          if (lex.agentAfterVerb && m.start() >= cue.end() && m.start() - cue.end() <= 1) return m;
          // killed by the coalition
          for (int b = cue.end(); b < m.start() && b < sEnd; b++) {
            Match by = get(b, Tag.PERPETRATOR_BY);
            if (by != null && m.start() - by.end() <= 1 && sameClause(b, cue.start())) return m;
          }
        }
        // coalition air strikes, koalitionens luftangreb, غارات التحالف, air strikes by the coalition
        if (means != null) {
          if (m.end() <= means.start() && means.start() - m.end() <= 1) return m;
          if (m.start() >= means.end() && m.start() - means.end() <= 1) return m;
          Match by = get(means.end(), Tag.PERPETRATOR_BY);
          if (by != null && m.start() - by.end() <= 1 && m.start() >= by.end()) return m;
        }
      }
      return null;
    }

    // ------------------------------------------------------------------------- attribution

    final class Attribution {
      final Mention mention;
      final int cueStart;
      final String how;
      final double weight;

      Attribution(Mention mention, int cueStart, String how, double weight) {
        this.mention = mention;
        this.cueStart = cueStart;
        this.how = how;
        this.weight = weight;
      }
    }

    Attribution attribution(int p, int sentence, List<Quantity> figures) {
      Attribution in = cued(p, sentence);
      if (in != null) return in;
      int sStart = t.sentenceStart[sentence];
      int sEnd = t.sentenceStart[sentence + 1];
      // An organisation the sentence names, not as the one who did the harm.
      Mention near = null;
      for (Mention m : within(mentions, Mention::start, sStart, sEnd)) {
        if (m.start() < sStart || m.start() >= sEnd || m.kind().equals("belligerent") && isAgent(m, sEnd)) continue;
        if (m.kind().equals("belligerent") || m.kind().equals("person")) continue;
        if (near == null || Math.abs(m.start() - p) < Math.abs(near.start() - p)) near = m;
      }
      if (near != null) return new Attribution(near, near.start(), "mentioned", 0.1);
      // "… mistede 23 civile livet. I hvert fald hvis man skal tro den USA-ledede koalition"
      if (sentence + 1 < t.sentences() && !hasFigure(sentence + 1, figures)) {
        int a = t.sentenceStart[sentence + 1];
        for (int i = a; i < a + 5 && i < t.sentenceStart[sentence + 2]; i++) {
          Match cue = get(i, Tag.ATTRIBUTION);
          if (cue == null) continue;
          Mention m = mentionAfter(cue.end(), 3, t.sentenceStart[sentence + 2]);
          if (m != null) return new Attribution(m, cue.start(), "next_sentence", 0.1);
        }
      }
      // A quotation whose speaker is named at the end of its paragraph: "- … siger Claus Juul."
      for (int s = sentence + 1; quotation(sentence) && s < t.sentences() && t.paragraph[s] == t.paragraph[sentence]; s++) {
        Attribution a = cued(t.sentenceStart[s + 1] - 1, s);
        if (a != null && a.how.equals("speech_verb")) return new Attribution(a.mention, a.cueStart, "quoted", 0.1);
      }
      // The sentence before, when it says whose findings these are.
      if (sentence > 0 && t.paragraph[sentence - 1] == t.paragraph[sentence]) {
        Attribution a = cued(t.sentenceStart[sentence] - 1, sentence - 1);
        if (a != null) return new Attribution(a.mention, a.cueStart, "earlier_sentence", 0.05);
      }
      return null;
    }

    /** A paragraph that opens with a dash or a quotation mark is somebody's words. */
    boolean quotation(int sentence) {
      int s0 = sentence;
      while (s0 > 0 && t.paragraph[s0 - 1] == t.paragraph[sentence]) s0--;
      int first = t.sentenceStart[s0];
      return t.kind[first] == Text.Kind.PUNCT && (t.isPunct(first, '-') || t.isPunct(first, '–') || t.isPunct(first, '—') || quote(first));
    }

    boolean isAgent(Mention m, int sEnd) {
      for (int k = m.end(); k < sEnd && k <= m.end() + 2; k++) if (covered(k, Tag.CASUALTY) || covered(k, Tag.MEANS)) return true;
      return false;
    }

    boolean hasFigure(int sentence, List<Quantity> figures) {
      return !within(figures, q -> q.start, t.sentenceStart[sentence], t.sentenceStart[sentence + 1]).isEmpty();
    }

    /** "according to X" or "X said" / "said X" in the sentence, nearest to token p. */
    Attribution cued(int p, int sentence) {
      int sStart = t.sentenceStart[sentence];
      int sEnd = t.sentenceStart[sentence + 1];
      Attribution best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (int i = sStart; i < sEnd; i++) {
        Match cue = get(i, Tag.ATTRIBUTION);
        if (cue != null) {
          Mention m = mentionAfter(cue.end(), 3, sEnd);
          if (m != null && Math.abs(i - p) < bestDistance) {
            best = new Attribution(m, cue.start(), "according_to", 0.15);
            bestDistance = Math.abs(i - p);
          }
          continue;
        }
        Match speech = get(i, Tag.SPEECH);
        if (speech == null) continue;
        Mention m = speakerAfter(speech.end(), sEnd);
        int cueStart = speech.start();
        if (m == null) {
          m = mentionBefore(speech.start(), sStart);
          if (m != null) cueStart = m.start();
        }
        if (m != null && Math.abs(i - p) < bestDistance) {
          best = new Attribution(m, Math.min(cueStart, speech.start()), "speech_verb", 0.15);
          bestDistance = Math.abs(i - p);
        }
      }
      return best;
    }

    Mention mentionAfter(int from, int within, int sEnd) {
      for (Mention m : within(mentions, Mention::start, from, Math.min(from + within + 1, sEnd))) {
        if (m.start() >= from && m.start() <= from + within && m.start() < sEnd) {
          // only articles and linking words between the cue and the name
          boolean clean = true;
          for (int k = from; k < m.start(); k++) clean &= t.kind[k] == Text.Kind.WORD && !covered(k, Tag.COMPLEMENTIZER);
          if (clean) return m;
        }
      }
      return null;
    }

    /** "siger juridisk konsulent i Amnesty International Claus Juul": the person, with the organisation. */
    Mention speakerAfter(int from, int sEnd) {
      Mention org = null;
      for (int k = from; k < sEnd && k <= from + 8; k++) {
        if (t.kind[k] != Text.Kind.WORD || covered(k, Tag.COMPLEMENTIZER)) break;
        Mention m = mentionAt(k);
        if (m == null) continue;
        if (m.kind().equals("person")) {
          return org == null ? m : new Mention(m.start(), m.end(), m.name(), org.role(), "person", Optional.of(org.name()));
        }
        if (org == null) org = m;
        k = m.end() - 1;
      }
      return org;
    }

    Mention mentionBefore(int before, int sStart) {
      Mention best = null;
      for (Mention m : within(mentions, Mention::start, sStart, before)) {
        if (m.end() <= before && m.start() >= sStart && sameClause(m.start(), before) && !afterAttributionCue(m)) best = m;
      }
      return best;
    }

    boolean afterAttributionCue(Mention m) {
      for (int k = m.start() - 1; k >= 0 && k >= m.start() - 3; k--) {
        if (covered(k, Tag.ATTRIBUTION)) return true;
        if (t.kind[k] != Text.Kind.WORD) return false;
      }
      return false;
    }

    Mention mentionAt(int k) {
      List<Mention> at = within(mentions, Mention::start, k, k + 1);
      return at.isEmpty() ? null : at.get(0);
    }

    // ------------------------------------------------------------------------- case actions

    void buildCaseActions() {
      boolean[] taken = new boolean[t.size];
      for (int i = 0; i < t.size; i++) {
        Match verb = get(i, Tag.CASE_VERB);
        if (verb == null || taken[i]) continue;
        Quantity count = null;
        for (Quantity q : within(quantities, x -> x.start, verb.end(), verb.end() + 5)) {
          if (q.use.equals("cases") && q.start >= verb.end() && q.start <= verb.end() + 4 && sameClause(q.start, i)) {
            count = q;
            break;
          }
        }
        int noun;
        long n;
        if (count != null) {
          noun = count.caseNoun;
          n = count.min;
        } else {
          // "undersøge en ny sag" is handled above; "يحقق في قضية جديدة واحدة", "investigate a new case": one new case.
          noun = -1;
          for (int k = verb.end(); k < t.size && k <= verb.end() + 3 && sameClause(k, i) && t.kind[k] == Text.Kind.WORD; k++) {
            if (covered(k, Tag.CASE_NOUN)) {
              noun = k;
              break;
            }
          }
          if (noun < 0 || !(covered(noun - 1, Tag.NEW) || covered(noun + 1, Tag.NEW))) continue;
          n = 1;
        }
        Match nounMatch = get(noun, Tag.CASE_NOUN);
        int end = nounMatch == null ? noun + 1 : nounMatch.end();
        String action = (String) verb.value();
        boolean newAfter = covered(end, Tag.NEW);
        boolean isNew = newAfter;
        String before = null;
        for (int k = verb.end(); k < noun; k++) {
          if (covered(k, Tag.NEW)) isNew = true;
          Match adj = get(k, Tag.CASE_VERB);
          if ((count == null || k >= count.end) && adj != null && adj.value().equals("closed")) before = "closed";
        }
        if (newAfter) end++;
        Match after = get(end, Tag.CASE_VERB);
        if (after != null && after.value().equals("closed")) {
          before = "closed";
          end = after.end();
        }
        if (count == null && end < t.size && get(end, Tag.ARTICLE_NUMBER) != null) end++; // قضية جديدة واحدة
        if (isNew && (action.equals("investigated") || action.equals("opened"))) action = "opened";
        for (int k = i; k < end; k++) taken[k] = true;
        Attribution attr = attribution(i, t.sentence[i], List.of());
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence("action", span(verb.start(), verb.end()), text(verb.start(), verb.end())));
        if (count != null) ev.add(new Evidence("count", span(count.start, count.end), text(count.start, count.end)));
        ev.add(new Evidence("cases", span(noun, end), text(noun, end)));
        if (attr != null) ev.add(new Evidence("attribution", span(attr.cueStart, attr.mention.end()), text(attr.cueStart, attr.mention.end())));
        ev.sort((a, b) -> Integer.compare(a.span()[0], b.span()[0]));
        double confidence = (count == null ? 0.6 : 0.7) + (attr == null ? 0 : attr.weight);
        actions.add(new CaseAction(
            "a" + (actions.size() + 1),
            action,
            n,
            attr == null ? Optional.empty() : Optional.of(attr.mention.name()),
            attr == null ? Optional.empty() : Optional.of(text(attr.mention.start(), attr.mention.end())),
            Optional.ofNullable(before),
            span(verb.start(), end),
            text(verb.start(), end),
            ev,
            Math.round(Math.min(0.99, confidence) * 100) / 100.0));
      }
    }
  }

  /** The elements of a list sorted by start whose start is in [from, to): a view, found by binary search. */
  static <T> List<T> within(List<T> sorted, ToIntFunction<T> start, int from, int to) {
    int lo = lowerBound(sorted, start, from);
    int hi = lowerBound(sorted, start, to);
    return lo >= hi ? List.of() : sorted.subList(lo, hi);
  }

  private static <T> int lowerBound(List<T> sorted, ToIntFunction<T> start, int key) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (start.applyAsInt(sorted.get(mid)) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

}
