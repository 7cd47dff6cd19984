package org.harmledger.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table of which spellings agree says what {@link Names#vowelsAgree} says, tabled or not. */
class VowelFormsTest {
  @Test
  void agreeAnswersAsVowelsAgreeForSmallAndLargeGroups() {
    VowelForms forms = new VowelForms();
    // a small group (one skeleton, a few spellings in both scripts) and a large one (600 made-up
    // spellings of another skeleton: over the size that is tabled, so judged pair by pair)
    List<int[]> small = new ArrayList<>();
    String[][] hsn = {{"hussein", "l"}, {"hassan", "l"}, {"husain", "l"}, {"hsyn", "a"}, {"hsn", "a"}, {"hasoon", "l"}};
    for (String[] s : hsn) small.add(new int[] {forms.id("hsn", Names.vowels(s[0])[0], s[1].equals("a"))});
    String[] vowels = {"", "a", "i", "u", "o", "e", "ee", "ou", "ai", "y", "w", "aa"};
    List<String> made = new ArrayList<>();
    List<Integer> large = new ArrayList<>();
    for (int x = 0; x < vowels.length && made.size() < 600; x++) {
      for (int y = 0; y < vowels.length && made.size() < 600; y++) {
        for (int z = 0; z < vowels.length && made.size() < 600; z++) {
          String v = vowels[x] + "." + vowels[y] + "." + vowels[z];
          made.add(v);
          large.add(forms.id("bd", v, (x + y + z) % 3 == 0));
        }
      }
    }
    forms.finish();
    for (int a = 0; a < hsn.length; a++) {
      for (int b = 0; b < hsn.length; b++) {
        boolean expected = Names.vowelsAgree(Names.vowels(hsn[a][0])[0], hsn[a][1].equals("a"), Names.vowels(hsn[b][0])[0], hsn[b][1].equals("a"));
        assertThat(forms.agree(small.get(a)[0], small.get(b)[0])).as(hsn[a][0] + " / " + hsn[b][0]).isEqualTo(expected);
      }
    }
    assertThat(forms.agree(small.get(0)[0], small.get(3)[0])).as("Hussein / حسين").isTrue();
    assertThat(forms.agree(small.get(1)[0], small.get(3)[0])).as("Hassan / حسين").isFalse();
    int disagreeing = 0;
    for (int a = 0; a < large.size(); a += 7) {
      for (int b = 0; b < large.size(); b += 11) {
        int x = large.get(a), y = large.get(b);
        boolean expected = Names.vowelsAgree(made.get(a), ((a / 144) + (a / 12 % 12) + (a % 12)) % 3 == 0, made.get(b), ((b / 144) + (b / 12 % 12) + (b % 12)) % 3 == 0);
        assertThat(forms.agree(x, y)).as(made.get(a) + " / " + made.get(b)).isEqualTo(expected);
        if (!expected) disagreeing++;
      }
    }
    assertThat(disagreeing).as("the large group holds spellings that disagree").isGreaterThan(0);
    assertThatThrownBy(() -> forms.id("hsn", "", false)).as("no form joins a finished table").isInstanceOf(IllegalStateException.class);
  }
}
