package org.harmledger.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the extractor knows about one language, read from {@code lang/<code>.json} plus the
 * shared {@code entities.json} and {@code places.json}. Adding a language means adding one JSON
 * file; the rules in {@link Extractor} name only the tags below, never a word.
 *
 * <p>Immutable and thread-safe; {@link #forLanguage} caches one instance per language.
 */
public final class Lexicon {
  /** What a phrase is to the extractor. */
  enum Tag {
    NUMBER,
    ARTICLE_NUMBER,
    NUMBER_JOINER,
    SCALE,
    VAGUE,
    VAGUE_OF,
    MODIFIER,
    MODIFIER_AFTER,
    RANGE_START,
    RANGE_JOIN,
    CASUALTY,
    FRAME_VERB,
    COUNTED,
    INCLUSION,
    SHARE,
    ATTRIBUTION,
    SPEECH,
    COMPLEMENTIZER,
    ANAPHOR,
    TIME_UNIT,
    MONEY,
    PERCENT,
    MONTH,
    PERIOD_FROM,
    PERIOD_TO,
    YEAR_CUE,
    INCIDENT_NOUN,
    CASE_NOUN,
    CASE_VERB,
    NEW,
    MEANS,
    PERPETRATOR_BY,
    PLACE_PREP,
    PLACE_NEAR,
    STOPWORD,
    ENTITY,
    PLACE
  }

  /** One lexicon phrase: its folded tokens, and the value the tag gives it. */
  record Phrase(String[] tokens, String[] exactCase, Tag tag, Object value) {}

  /** A known organisation or armed force. */
  public record Entity(String name, String role, String kind) {}

  /** A known place and how precisely its name locates an event. */
  public record Place(String name, String precision) {}

  private static final Map<String, Lexicon> CACHE = new ConcurrentHashMap<>();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** The languages shipped; a new lang/xx.json must be added here too. */
  public static final List<String> LANGUAGES = List.of("da", "en", "ar");

  final String language;
  final String name;
  final List<String> cliticPrefixes;
  final List<String> stripSuffixes;
  final List<String> wordJoiners;
  final Set<String> nameConnectors;
  final String joinerPrefix;
  final boolean agentAfterVerb;
  final Set<String> abbreviations;
  /** Phrases by their first folded token, longest first. */
  private final Map<String, List<Phrase>> byFirst = new HashMap<>();

  private Lexicon(String language, JsonNode lang, JsonNode entities, JsonNode places) {
    this.language = language;
    this.name = text(lang, "name", language);
    this.cliticPrefixes = folded(lang.path("clitic_prefixes"));
    this.stripSuffixes = folded(lang.path("strip_suffixes"));
    this.wordJoiners = folded(lang.path("word_joiners"));
    this.nameConnectors = Set.copyOf(folded(lang.path("name_connectors")));
    this.joinerPrefix = lang.path("joiner_prefix").isTextual() ? Text.fold(lang.path("joiner_prefix").asText()) : "";
    this.agentAfterVerb = lang.path("agent_after_verb").asBoolean(false);
    this.abbreviations = Set.copyOf(folded(lang.path("abbreviations")));
    numbers(lang, "numbers", Tag.NUMBER);
    list(lang, "article_numbers", Tag.ARTICLE_NUMBER);
    list(lang, "number_joiners", Tag.NUMBER_JOINER);
    numbers(lang, "scales", Tag.SCALE);
    numbers(lang, "vague", Tag.VAGUE);
    list(lang, "vague_of", Tag.VAGUE_OF);
    strings(lang, "modifiers", Tag.MODIFIER);
    strings(lang, "modifiers_after", Tag.MODIFIER_AFTER);
    list(lang, "range_start", Tag.RANGE_START);
    list(lang, "range_join", Tag.RANGE_JOIN);
    strings(lang, "casualty", Tag.CASUALTY);
    for (Iterator<Map.Entry<String, JsonNode>> it = lang.path("frames").fields(); it.hasNext(); ) {
      var e = it.next();
      for (JsonNode verb : e.getValue()) add(verb.asText(), Tag.FRAME_VERB, Text.fold(e.getKey()));
    }
    strings(lang, "counted", Tag.COUNTED);
    list(lang, "inclusion", Tag.INCLUSION);
    strings(lang, "shares", Tag.SHARE);
    list(lang, "attribution_before", Tag.ATTRIBUTION);
    list(lang, "speech_verbs", Tag.SPEECH);
    list(lang, "complementizers", Tag.COMPLEMENTIZER);
    strings(lang, "anaphora", Tag.ANAPHOR);
    list(lang, "time_units", Tag.TIME_UNIT);
    list(lang, "money", Tag.MONEY);
    list(lang, "percent", Tag.PERCENT);
    numbers(lang, "months", Tag.MONTH);
    list(lang, "period_from", Tag.PERIOD_FROM);
    list(lang, "period_to", Tag.PERIOD_TO);
    list(lang, "year_cues", Tag.YEAR_CUE);
    list(lang, "incident_nouns", Tag.INCIDENT_NOUN);
    list(lang, "case_nouns", Tag.CASE_NOUN);
    strings(lang, "case_verbs", Tag.CASE_VERB);
    list(lang, "new_words", Tag.NEW);
    strings(lang, "means", Tag.MEANS);
    list(lang, "perpetrator_by", Tag.PERPETRATOR_BY);
    list(lang, "place_preps", Tag.PLACE_PREP);
    list(lang, "place_near", Tag.PLACE_NEAR);
    list(lang, "stopwords", Tag.STOPWORD);
    for (JsonNode e : entities.path("entities")) {
      Entity entity = new Entity(e.path("name").asText(), e.path("role").asText("other"), e.path("kind").asText("unknown"));
      add(entity.name(), Tag.ENTITY, entity);
      for (JsonNode a : e.path("aliases")) add(a.asText(), Tag.ENTITY, entity);
    }
    for (JsonNode p : places.path("places")) {
      Place place = new Place(p.path("name").asText(), p.path("precision").asText("unknown"));
      add(place.name(), Tag.PLACE, place);
      for (JsonNode a : p.path("aliases")) add(a.asText(), Tag.PLACE, place);
    }
    for (List<Phrase> l : byFirst.values()) l.sort((x, y) -> y.tokens().length - x.tokens().length);
  }

  /** The lexicon for a language code (da, en, ar), loaded once. */
  public static Lexicon forLanguage(String code) {
    String c = code == null ? "" : code.trim().toLowerCase(java.util.Locale.ROOT);
    if (!LANGUAGES.contains(c)) {
      throw new IllegalArgumentException("language '" + code + "' is not supported; use one of " + String.join(", ", LANGUAGES));
    }
    return CACHE.computeIfAbsent(c, k -> new Lexicon(k, read("lang/" + k + ".json"), read("entities.json"), read("places.json")));
  }

  public String language() {
    return language;
  }

  public String name() {
    return name;
  }

  List<Phrase> startingWith(String foldedToken) {
    List<Phrase> l = byFirst.get(foldedToken);
    return l == null ? Collections.emptyList() : l;
  }

  private static JsonNode read(String resource) {
    try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("lexicon resource missing: " + resource);
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("lexicon resource " + resource + " is not valid JSON", e);
    }
  }

  private static String text(JsonNode n, String field, String otherwise) {
    return n.path(field).isTextual() ? n.path(field).asText() : otherwise;
  }

  private static List<String> folded(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode x : array) out.add(Text.fold(x.asText()));
    return List.copyOf(out);
  }

  private void list(JsonNode lang, String field, Tag tag) {
    for (JsonNode x : lang.path(field)) add(x.asText(), tag, Boolean.TRUE);
  }

  private void numbers(JsonNode lang, String field, Tag tag) {
    for (Iterator<Map.Entry<String, JsonNode>> it = lang.path(field).fields(); it.hasNext(); ) {
      var e = it.next();
      add(e.getKey(), tag, e.getValue().asLong());
    }
  }

  private void strings(JsonNode lang, String field, Tag tag) {
    for (Iterator<Map.Entry<String, JsonNode>> it = lang.path(field).fields(); it.hasNext(); ) {
      var e = it.next();
      add(e.getKey(), tag, e.getValue().asText());
    }
  }

  private final Set<String> seen = new HashSet<>();

  private void add(String phrase, Tag tag, Object value) {
    Text t = Text.of(phrase, Set.of());
    if (t.size == 0) return;
    String[] tokens = new String[t.size];
    String[] exact = new String[t.size];
    boolean acronym = true;
    for (int i = 0; i < t.size; i++) {
      tokens[i] = t.norm[i];
      exact[i] = t.raw(i);
      String letters = exact[i].replaceAll("[^\\p{L}]", "");
      if (letters.isEmpty() || !letters.equals(letters.toUpperCase(java.util.Locale.ROOT)) || letters.length() > 5 || !letters.matches("[A-Z]+")) acronym = false;
    }
    // Short all-capital Latin names (IS, UN, AP, SDF) must match their case: "is" is a verb.
    String key = tag + "|" + String.join(" ", tokens) + "|" + value + "|" + acronym;
    if (!seen.add(key)) return;
    byFirst.computeIfAbsent(tokens[0], k -> new ArrayList<>()).add(new Phrase(tokens, acronym ? exact : null, tag, value));
  }
}
