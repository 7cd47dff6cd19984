package org.harmledger.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Control characters in text: refused where a person types (a U+001F or a NUL pasted into a
 * publisher prints as nothing on a page, splits a CSV cell in some tools and makes two different
 * names look equal), and spelled out where text is shown in a message.
 *
 * <p>Tabs and line breaks are text (a quote copied from a report keeps its lines); every other
 * character below U+0020, and U+007F, is not.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  static final String RULE = "must not contain control characters (tabs and line breaks are allowed)";
  static final String RULE_ONE_LINE = "must not contain control characters or line breaks";

  /** Whether {@code ch} is refused in text; tab, line feed and carriage return pass when {@code lineBreaks}. */
  public static boolean refused(char ch, boolean lineBreaks) {
    if (ch == 0x7F) return true;
    if (ch >= 0x20) return false;
    return !(lineBreaks && (ch == '\t' || ch == '\n' || ch == '\r'));
  }

  /** Adds a problem naming {@code field} when {@code text} holds a refused character. */
  public static void check(String text, String field, boolean lineBreaks, Problems p) {
    if (text == null) return;
    for (int i = 0; i < text.length(); i++) {
      if (refused(text.charAt(i), lineBreaks)) {
        p.add(field, visible(text), lineBreaks ? RULE : RULE_ONE_LINE);
        return;
      }
    }
  }

  /**
   * Whether the JSON text of a record may hold a refused character in one of its strings. Jackson
   * writes every character below U+0020 as an escape (short ones for tab, line feed and carriage
   * return, {@code \b} and {@code \f}, {@code \}{@code u00XX} for the rest) and U+007F as itself, so a
   * scan of the escapes answers without parsing; {@link #check(JsonNode, Problems)} then names the fields.
   */
  public static boolean mayHoldRefused(String json) {
    for (int i = 0; i < json.length(); i++) {
      char ch = json.charAt(i);
      if (ch == 0x7F) return true;
      if (ch != '\\' || i + 1 >= json.length()) continue;
      char next = json.charAt(++i); // the escaped character: skipped either way
      if (next == 'b' || next == 'f') return true;
      if (next == 'u' && i + 4 < json.length() && json.charAt(i + 1) == '0' && json.charAt(i + 2) == '0') {
        int code = Character.digit(json.charAt(i + 3), 16) * 16 + Character.digit(json.charAt(i + 4), 16);
        if (code >= 0 && refused((char) code, true)) return true;
      }
    }
    return false;
  }

  /** Every string in a record's JSON tree holding a refused character, reported under its field path. */
  public static void check(JsonNode node, Problems p) {
    walk(node, "", p);
  }

  private static void walk(JsonNode node, String path, Problems p) {
    if (node.isTextual()) {
      check(node.textValue(), path.isEmpty() ? "(value)" : path, true, p);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) walk(node.get(i), path + "[" + i + "]", p);
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        walk(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), p);
      }
    }
  }

  /**
   * The text with each refused character replaced by a space: for text taken from a document (a
   * page break from a PDF's text inside a quoted sentence), where the words matter and the layout
   * character does not.
   */
  public static String spaced(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      if (refused(text.charAt(i), true)) {
        if (b == null) b = new StringBuilder(text);
        b.setCharAt(i, ' ');
      }
    }
    return b == null ? text : b.toString();
  }

  /**
   * The text with its control characters spelled out ({@code \n}, {@code \t}, {@code \r},
   * {@code \}{@code u001F}), so that a message shows what is there; the text itself when it has none.
   */
  public static String visible(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean control = ch < 0x20 || ch == 0x7F;
      if (control && b == null) b = new StringBuilder(s.substring(0, i));
      if (b != null) {
        if (!control) b.append(ch);
        else if (ch == '\n') b.append("\\n");
        else if (ch == '\t') b.append("\\t");
        else if (ch == '\r') b.append("\\r");
        else b.append(String.format("\\u%04X", (int) ch));
      }
    }
    return b == null ? s : b.toString();
  }
}
