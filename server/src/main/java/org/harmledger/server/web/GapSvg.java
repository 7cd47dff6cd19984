package org.harmledger.server.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.harmledger.tally.TallyReport;
import org.harmledger.tally.TallyReport.Figure;

/**
 * The gap as a chart a journalist can publish: one self-contained SVG (no script, no fonts to
 * fetch) with its title, date, the three killed figures as ranges, who gives each, and the
 * ledger entry it was drawn from, so that a reader can ask for that state of the ledger and check.
 * Written by hand because the page's charts are drawn in the browser (ECharts), and an image has
 * to exist without one. As on the page, an open figure ("at least 200") is drawn on to the end of
 * the axis, which ends on a round tick.
 */
public final class GapSvg {
  private GapSvg() {}

  private static final int WIDTH = 760;
  private static final int LEFT = 190;
  private static final int RIGHT = 110;
  private static final String[] COLOURS = {"#b3261e", "#0b5cad", "#1d6b3a"};

  /** {@code entry} and {@code hash}: the ledger's head when the tally was taken. */
  public static String render(TallyReport t, long entry, String hash) {
    Figure[] figures = {t.killed().official(), t.killed().independent(), t.killed().documented()};
    String[] names = {"Official", "Independent", "Documented"};
    String[] whose = {"the accused belligerent", "monitors, media, families", "in incidents, each counted once"};
    double top = 0;
    for (Figure f : figures) if (f.known()) top = Math.max(top, f.max() == null ? f.min() * 1.5 : f.max());
    // ticks on round numbers (1, 2 or 5 times a power of ten), four or five of them
    double step = niceStep(Math.max(top * 1.05, 1) / 4);
    int ticks = (int) Math.max(1, Math.ceil(Math.max(top * 1.05, 1) / step - 1e-9));
    double axisMax = step * ticks;
    int plot = WIDTH - LEFT - RIGHT;

    List<String> notes = new ArrayList<>();
    notes.add("Official: " + claimants(t, figures[0]));
    notes.add("Independent: " + claimants(t, figures[1]));
    notes.add(figures[2].known() && figures[2].incidents() != null
        ? "Documented: the sum over " + figures[2].incidents() + " incidents not discounted, each counted once from its own claims"
        : "Documented: no incident has a figure yet");
    TallyReport.Ratio r = t.killed().ratio();
    if (r.min() != null) notes.add("Independent ÷ official: " + (r.max() == null ? "at least " + r.min() : r.min() + "–" + r.max()) + "×");
    notes.add("Open figures (\"hundreds\", \"more than\") are drawn to the end of the axis. Harm Ledger, ledger entry #" + entry + ", SHA-256 " + hash.substring(0, Math.min(16, hash.length())) + "…");

    int rowsTop = 86, rowHeight = 46;
    int axisY = rowsTop + rowHeight * 3 + 6;
    int height = axisY + 36 + notes.size() * 18 + 10;
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">\n");
    String title = "Civilians killed: " + t.campaignName();
    b.append("<title>").append(esc(title + ", as known on " + t.asOf())).append("</title>\n");
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    text(b, 20, 32, 20, "bold", "#111", title);
    text(b, 20, 56, 14, "normal", "#444", "Who says how many, as known on " + t.asOf() + (t.period().isPresent() ? ", period " + t.period().get() : "")
        + (t.bbox().isPresent() ? ", area south,west,north,east " + t.bbox().get() : ""));
    for (int k = 0; k < 3; k++) {
      int y = rowsTop + k * rowHeight;
      text(b, 20, y + 18, 15, "bold", "#111", names[k]);
      text(b, 20, y + 35, 11, "normal", "#555", whose[k]);
      Figure f = figures[k];
      String label;
      if (!f.known()) {
        label = "not known";
        text(b, LEFT + 4, y + 24, 14, "normal", "#555", label);
        continue;
      }
      double x0 = LEFT + plot * f.min() / axisMax;
      double x1 = f.max() == null ? LEFT + plot : LEFT + plot * f.max() / axisMax;
      double w = Math.max(x1 - x0, 3);
      b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"22\" fill=\"%s\" fill-opacity=\"%s\"/>%n",
          x0, y + 6, w, COLOURS[k], f.max() == null ? "0.45" : "1"));
      label = f.max() == null ? "at least " + Fmt.num(f.min()) : f.max().equals(f.min()) ? Fmt.num(f.min()) : Fmt.num(f.min()) + "–" + Fmt.num(f.max());
      text(b, (int) Math.round(x0 + w + 6), y + 22, 14, "bold", COLOURS[k], label);
    }
    // the axis, with five ticks
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n", LEFT, axisY, LEFT + plot, axisY));
    for (int i = 0; i <= ticks; i++) {
      double v = step * i;
      int x = LEFT + (int) Math.round(plot * (double) i / ticks);
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>%n", x, axisY, x, axisY + 4));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\">%s</text>%n", x, axisY + 16, esc(Fmt.num(Math.round(v)))));
    }
    text(b, LEFT + plot + 26, axisY + 16, 11, "normal", "#555", "killed");
    int y = axisY + 40;
    for (String n : notes) {
      text(b, 20, y, 11, "normal", "#333", n);
      y += 18;
    }
    b.append("</svg>\n");
    return b.toString();
  }

  /** Who gives a figure: the claimants of its claims, as the tally names them (a confidential source unnamed), with their dates. */
  private static String claimants(TallyReport t, Figure f) {
    if (!f.known()) return "no claim yet";
    Set<String> who = new LinkedHashSet<>();
    for (String id : f.claims()) {
      TallyReport.ClaimSummary c = t.claims().get(id);
      if (c != null) who.add(c.claimant() + " (" + c.date() + ")");
    }
    if (f.cases() != null && !f.cases().isEmpty()) who.add("conceded in " + f.cases().size() + (f.cases().size() == 1 ? " case" : " cases"));
    String s = String.join("; ", who);
    return s.length() > 110 ? s.substring(0, 108) + "…" : s;
  }

  private static void text(StringBuilder b, int x, int y, int size, String weight, String colour, String s) {
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\">%s</text>%n", x, y, size, weight, colour, esc(s)));
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> {
          // a control character (other than tab) cannot stand in XML 1.0
          if (c >= 0x20 || c == '\t') b.append(c);
        }
      }
    }
    return b.toString();
  }

  /** The smallest of 1, 2 or 5 times a power of ten at or above x (whole numbers: at least 1): 79 → 100, 12 → 20, 0.3 → 1. */
  static double niceStep(double x) {
    double p = Math.pow(10, Math.floor(Math.log10(x)));
    for (double m : new double[] {1, 2, 5, 10}) if (m * p >= x - 1e-9) return Math.max(1, m * p);
    return Math.max(1, 10 * p);
  }
}
