package org.harmledger.text;

/**
 * The Arabic letter variants writers use interchangeably, folded to one form: alef with hamza or
 * madda to bare alef, alef maqsura to yaa, taa marbuta to haa, hamza on waw or yaa to the bare
 * letter; tatweel and vowel marks (harakat, shadda, sukun) dropped. Extraction matches its
 * lexicons and linkage compares names through this one folding. Stateless.
 */
public final class Arabic {
  private Arabic() {}

  /** The folded letter, or 0 when the character is dropped (tatweel, a vowel mark). */
  public static char fold(char c) {
    return switch (c) {
      case 'أ', 'إ', 'آ', 'ٱ' -> 'ا';
      case 'ى', 'ئ' -> 'ي';
      case 'ة' -> 'ه';
      case 'ؤ' -> 'و';
      case '\u0640' -> 0;
      default -> Character.getType(c) == Character.NON_SPACING_MARK ? 0 : c;
    };
  }

  public static String fold(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char f = fold(s.charAt(i));
      if (f != 0) b.append(f);
    }
    return b.toString();
  }
}
