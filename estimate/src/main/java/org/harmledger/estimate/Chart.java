package org.harmledger.estimate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer as a picture (SVG, no library needed to view it): the posterior of N as a histogram
 * for the Bayesian methods, the models' estimates with intervals for the log-linear search; the
 * recommended interval is shaded and the number observed marked, since N cannot be below it.
 */
public final class Chart {
  private Chart() {}

  public static String svg(Estimation.Report r) {
    int w = 720;
    int h = 360;
    int left = 60;
    int right = 20;
    int top = 40;
    int bottom = 50;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h, w, h));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s: about %,.0f in all (95%%: %,.0f–%,.0f); %,d recorded</text>%n",
        left, esc(r.method()), r.estimate(), r.lower(), r.upper(), r.observed()));
    double lo;
    double hi;
    @SuppressWarnings("unchecked")
    List<long[]> hist = (List<long[]>) r.details().get("histogram");
    if (hist != null && !hist.isEmpty()) {
      lo = Math.min(r.observed(), hist.get(0)[0]);
      hi = hist.get(hist.size() - 1)[1];
    } else {
      lo = r.observed();
      hi = r.upper();
      for (Map<String, Object> m : r.models().subList(0, Math.min(10, r.models().size()))) {
        Object u = m.getOrDefault("upper", m.get("estimate"));
        if (u instanceof Double d && !d.isNaN()) hi = Math.max(hi, d);
      }
    }
    if (hi <= lo) hi = lo + 1;
    double span = hi - lo;
    lo -= span * 0.05;
    hi += span * 0.05;
    final double a = lo;
    final double scale = (w - left - right) / (hi - lo);
    java.util.function.DoubleUnaryOperator x = v -> left + (v - a) * scale;
    int base = h - bottom;
    // the recommended interval, shaded
    s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#dbe8f6\"/>%n", x.applyAsDouble(r.lower()), top, Math.max(1, x.applyAsDouble(r.upper()) - x.applyAsDouble(r.lower())), base - top));
    if (hist != null && !hist.isEmpty()) {
      long peak = 1;
      for (long[] b : hist) peak = Math.max(peak, b[2]);
      for (long[] b : hist) {
        double bh = (double) b[2] / peak * (base - top - 10);
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#0b5cad\"/>%n", x.applyAsDouble(b[0]), base - bh, Math.max(1, x.applyAsDouble(b[1]) - x.applyAsDouble(b[0]) - 1), bh));
      }
    } else {
      List<Map<String, Object>> models = r.models().subList(0, Math.min(10, r.models().size()));
      double row = (base - top - 10.0) / Math.max(1, models.size());
      for (int i = 0; i < models.size(); i++) {
        Map<String, Object> m = models.get(i);
        double est = ((Number) m.get("estimate")).doubleValue();
        double se = m.get("stderr") instanceof Number n ? n.doubleValue() : 0;
        double l = m.get("lower") instanceof Number n ? n.doubleValue() : est - 1.96 * se;
        double u = m.get("upper") instanceof Number n ? n.doubleValue() : est + 1.96 * se;
        double y = top + 10 + row * (i + 0.5);
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#14213d\" stroke-width=\"2\"/>%n", x.applyAsDouble(l), x.applyAsDouble(u), y, y));
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n", x.applyAsDouble(est), y, i == 0 ? "#b3261e" : "#14213d"));
        @SuppressWarnings("unchecked")
        List<String> terms = (List<String>) m.get("model");
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%s</text>%n", x.applyAsDouble(u) + 6, y + 3, esc(terms == null || terms.isEmpty() ? "independence" : String.join(",", terms))));
      }
    }
    // the number observed: N cannot be below it
    double ox = x.applyAsDouble(r.observed());
    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#b3261e\" stroke-dasharray=\"4 3\"/>%n", ox, ox, top, base));
    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#b3261e\">recorded</text>%n", ox + 3, top + 12));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, w - right, base, base));
    for (int i = 0; i <= 5; i++) {
      double v = a + (hi - a) * i / 5;
      double tx = x.applyAsDouble(v);
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,.0f</text>%n", tx, tx, base, base + 5, tx, base + 20, v));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">N, everyone killed (recorded or not)</text>%n", (left + w - right) / 2, h - 10));
    s.append("</svg>\n");
    return s.toString();
  }

  private static String esc(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
