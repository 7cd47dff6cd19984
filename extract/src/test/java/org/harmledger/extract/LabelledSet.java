package org.harmledger.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The labelled texts (test resources, plus the seed story when ../shared is present) and their scoring. */
final class LabelledSet {
  static final String[] NAMES = {"en-mosul", "en-idlib", "en-silos", "ar-raqqa", "ar-hajin", "ar-mosul", "da-idlib", "da-raqqa"};
  static final String[] HELD_OUT = {"en-yemen", "da-aleppo", "ar-gaza"};
  static final String[] HELD_OUT_2 = {"en-kabul", "da-idlib2", "ar-idlib"};
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One gold or proposed figure: kind, range, who was counted, attributed to whom. */
  record Unit(String kind, long min, Long max, String counted, String attributedTo) {
    @Override
    public String toString() {
      return kind + " " + min + "–" + (max == null ? "" : max) + " " + counted + " ← " + attributedTo;
    }
  }

  record Action(String action, long count, String attributedTo) {}

  record Doc(String name, String language, String text, List<Unit> figures, List<Action> actions, List<String> notFigures) {}

  static List<Doc> load() throws IOException {
    return load("labelled", NAMES);
  }

  static List<Doc> load(String folder, String[] names) throws IOException {
    List<Doc> out = new ArrayList<>();
    for (String name : names) {
      out.add(doc(name, resource(folder + "/" + name + ".txt"), MAPPER.readTree(resource(folder + "/" + name + ".gold.json"))));
    }
    return out;
  }

  /** The seed story with what issue 3 says it must yield; absent outside this workplace. */
  static Doc seed(Path seedFile) throws IOException {
    String text = Files.readString(seedFile);
    String coalition = "US-led coalition (CJTF-OIR)";
    String amnesty = "Amnesty International";
    return new Doc(
        "seed-ritzau-da",
        "da",
        text,
        List.of(
            new Unit("killed", 23, 23L, "civilians", coalition),
            new Unit("killed", 200, null, "civilians", amnesty),
            new Unit("injured", 2000, null, "civilians", amnesty),
            new Unit("killed", 70, 70L, "civilians", amnesty)),
        List.of(new Action("reopened", 4, coalition), new Action("opened", 1, coalition)),
        List.of("5. juni", "fire måneder", "2017"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LabelledSet.class.getResourceAsStream(name)) {
      if (in == null) throw new IOException("missing labelled resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Doc doc(String name, String text, JsonNode gold) {
    List<Unit> figures = new ArrayList<>();
    for (JsonNode f : gold.path("figures")) {
      figures.add(new Unit(f.path("kind").asText(), f.path("min").asLong(), f.path("max").isNull() ? null : f.path("max").asLong(), f.path("counted").asText(), f.path("attributed_to").asText()));
    }
    List<Action> actions = new ArrayList<>();
    for (JsonNode a : gold.path("case_actions")) actions.add(new Action(a.path("action").asText(), a.path("count").asLong(), a.path("attributed_to").asText()));
    List<String> not = new ArrayList<>();
    for (JsonNode n : gold.path("not_figures")) not.add(n.asText());
    return new Doc(name, name.substring(0, 2), text, figures, actions, not);
  }

  /** Every figure a proposal carries, as scoring units. */
  static List<Unit> units(Extraction e) {
    List<Unit> out = new ArrayList<>();
    for (ClaimProposal c : e.claims()) {
      String who = c.attributedTo().orElse("");
      c.killed().ifPresent(f -> out.add(unit("killed", f, c.counted(), who)));
      c.injured().ifPresent(f -> out.add(unit("injured", f, c.counted(), who)));
      c.missing().ifPresent(f -> out.add(unit("missing", f, c.counted(), who)));
    }
    return out;
  }

  private static Unit unit(String kind, Figure f, String counted, String who) {
    return new Unit(kind, f.min(), f.max().isPresent() ? f.max().getAsLong() : null, counted, who);
  }

  /** Counts for precision and recall: right, proposed, gold. Also lists what was wrong or missed. */
  record Score(int right, int proposed, int gold, List<String> wrong, List<String> missed) {
    Score plus(Score o) {
      List<String> w = new ArrayList<>(wrong);
      w.addAll(o.wrong);
      List<String> m = new ArrayList<>(missed);
      m.addAll(o.missed);
      return new Score(right + o.right, proposed + o.proposed, gold + o.gold, w, m);
    }

    double precision() {
      return proposed == 0 ? 1 : (double) right / proposed;
    }

    double recall() {
      return gold == 0 ? 1 : (double) right / gold;
    }
  }

  static Score score(Doc d, Extraction e) {
    List<Unit> gold = new ArrayList<>(d.figures());
    List<String> wrong = new ArrayList<>();
    int right = 0;
    List<Unit> proposed = units(e);
    for (Unit u : proposed) {
      int hit = -1;
      for (int i = 0; i < gold.size() && hit < 0; i++) if (Objects.equals(gold.get(i), u)) hit = i;
      if (hit >= 0) {
        gold.remove(hit);
        right++;
      } else wrong.add(d.name() + ": " + u);
    }
    List<String> missed = new ArrayList<>();
    for (Unit g : gold) missed.add(d.name() + ": " + g);
    return new Score(right, proposed.size(), d.figures().size(), wrong, missed);
  }
}
