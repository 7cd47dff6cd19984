package org.harmledger.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Arabic and Latin spellings of one name meet in the same skeleton; particles and honorifics fall away. */
class NamesTest {
  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource({
    "محمد, Mohammed",
    "محمد, Muhammad",
    "Mohamad, Mohammed",
    "النجار, al-Najjar",
    "Al Najjar, al-Najjar",
    "النجار, Najjar",
    "الرقة, Raqqa",
    "خالد عمر الشامي, Khaled Omar al-Shami",
    "عبد الرحمن, Abdul Rahman",
    "Abdulrahman, Abd al-Rahman",
    "أحمد, احمد",
    "فاطمة, فاطمه",
    "Dr. Ahmad, Ahmad",
  })
  void spellingsOfOneNameShareASkeleton(String a, String b) {
    assertThat(Names.skeleton(Names.normalise(a))).isEqualTo(Names.skeleton(Names.normalise(b)));
  }

  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource({
    "محمد, Mohammed", "محمد, Muhammad", "محمود, Mahmoud", "محمود, Mahmud",
    "حسين, Hussein", "حسين, Husain", "حسن, Hassan", "حسن, Hasan",
    "علي, Ali", "علي, Aly", "وائل, Wael", "وائل, Wail", "عائشة, Aisha", "سعيد, Saeed", "سعيد, Said",
    "سمير, Samir", "سمير, Sameer", "حامد, Hamid", "أحمد, Ahmad", "أحمد, Ahmed", "آمنة, Amina",
    "منى, Mona", "منى, Muna", "إيمان, Iman", "يوسف, Yusuf", "يوسف, Youssef", "عيسى, Issa", "عواد, Awad",
    "يحيى, Yahya", "يحيى, Yehia", "مصطفى, Mustafa", "هدى, Huda", "ليلى, Layla", "رائد, Raed", "فيصل, Faysal",
    "زينب, Zainab", "عبد الرحمن, Abdul Rahman", "إبراهيم, Ibrahim", "ياسر, Yasser", "عمر, Omar", "فاطمة, Fatma",
    "الحسون, al-Hassoun", "العبيدي, al-Obeidi", "الدليمي, Al Dulaymi", "Hussein, Husain", "Mohammed, Muhammad",
    "Saeed, Said", "Hassoun, Hasoon",
  })
  void spellingsOfOneNameHaveVowelsThatAgree(String a, String b) {
    assertThat(vowelsAgree(a, b)).isTrue();
  }

  @ParameterizedTest(name = "{0} ≁ {1}")
  @CsvSource({
    "Hassan, Hussein", "حسن, Hussein", "حسين, Hassan", "حسن, حسين", "محمد, محمود", "محمود, Mohammed",
    "Mohammed, Mahmoud", "علي, Wael", "وائل, Ali", "Ali, Wael", "al-Hassan, al-Hassoun", "الحسن, al-Hassoun",
    "أحمد, Hamad", "حامد, Ahmad", "أحمد, حمد", "آمنة, Mona", "إيمان, Amina", "Mona, Amina", "سعد, Said", "Saad, Saeed",
  })
  void namesThatOnlyShareASkeletonHaveVowelsThatDoNot(String a, String b) {
    assertThat(Names.skeleton(Names.normalise(a))).isEqualTo(Names.skeleton(Names.normalise(b)));
    assertThat(vowelsAgree(a, b)).isFalse();
  }

  @Test
  void onlyArabicLettersMakeASpellingArabic() {
    assertThat(Names.hasArabic("حسين")).isTrue();
    assertThat(Names.hasArabic("Hussein ﻋﻠﻲ")).as("presentation forms").isTrue();
    assertThat(Names.hasArabic("José Zoë")).isFalse();
    // accented spellings are Latin ones: read as Arabic, Renée and René would need the same long vowels
    assertThat(vowelsAgree("Renée", "René")).isTrue();
  }

  /** Whether every part of two names with the same skeleton has vowels that agree with its counterpart's. */
  private static boolean vowelsAgree(String a, String b) {
    String[] va = Names.vowels(Names.normalise(a));
    String[] vb = Names.vowels(Names.normalise(b));
    assertThat(va).hasSameSizeAs(vb);
    for (int i = 0; i < va.length; i++) {
      if (!Names.vowelsAgree(va[i], Names.hasArabic(a), vb[i], Names.hasArabic(b))) return false;
    }
    return true;
  }

  @Test
  void differentNamesStayApart() {
    assertThat(Names.skeleton(Names.normalise("محمد"))).isNotEqualTo(Names.skeleton(Names.normalise("أحمد")));
    assertThat(Names.skeleton(Names.normalise("Khalid"))).isNotEqualTo(Names.skeleton(Names.normalise("Walid")));
    assertThat(Names.normalise("Alice Albert")).isEqualTo("alice albert");
    assertThat(Names.normalise("خالد عمر")).as("عمر is a name, not Mr.").isEqualTo("khald mr");
  }

  @Test
  void arabicIsFoldedBeforeTransliteration() {
    assertThat(Names.foldArabic("إِبْرَاهِيم")).isEqualTo("ابراهيم");
    assertThat(Names.normalise("  Mrs.  Umm   Khalid ")).isEqualTo("umm khalid");
  }

  @Test
  void anHonorificIsDroppedOnlyBeforeAName() {
    assertThat(Names.normalise("Sayed Ali al-Hassan")).isEqualTo("ali hassan");
    assertThat(Names.normalise("Ahmad El Sayed")).as("after the article it is the family name").isEqualTo("ahmad sayed");
    assertThat(Names.normalise("Ahmad Hajj")).as("last, it is a name").isEqualTo("ahmad hajj");
  }

  @Test
  void theGivenAndFamilyNameKeyLeavesOutTheFathersNameAndTheOrder() {
    String key = Names.givenAndFamily("Muhammad Umar Hegazi");
    assertThat(key).isEqualTo("mhmd hgz");
    // the father's name dropped, another spelling: the same key
    assertThat(Names.givenAndFamily("Mohammed Hijazi")).isEqualTo(key);
    // the family name, marked by its article, first or last, in either script
    assertThat(Names.givenAndFamily("al-Ali Ahmad Hassan")).isEqualTo(Names.givenAndFamily("Ahmad al-Ali")).isEqualTo("hmd l");
    assertThat(Names.givenAndFamily("أحمد حسن العلي")).isEqualTo("hmd l");
    assertThat(Names.givenAndFamily("Al Zubi Aly Said")).isEqualTo(Names.givenAndFamily("Aly Saeed AlZubi"));
    // a compound given name is whole, and its article does not make it the family name
    assertThat(Names.givenAndFamily("Abd al-Rahman Mohammed al-Ali")).isEqualTo("bdrhmn l");
    // one part is not enough
    assertThat(Names.givenAndFamily("Muhammad")).isNull();
    assertThat(Names.givenAndFamily("")).isNull();
  }

  @Test
  void anArticleWrittenJoinedInLatinIsSplitByItsCapital() {
    assertThat(Names.normalise("Aly Saeed AlZubi")).isEqualTo("aly saeed zubi");
    assertThat(Names.normalise("Doa Hasan ElSayed")).isEqualTo("doa hasan sayed");
    assertThat(Names.normalise("Alice Albright")).as("a name that begins with Al").isEqualTo("alice albright");
  }

  @Test
  void aCompoundNameIsOnePart() {
    // Abdullah and Ali share an "l" once vowels go: as parts they must not meet
    assertThat(Names.skeleton(Names.normalise("Abdullah Hassan"))).isEqualTo("bdl hsn");
    assertThat(Names.skeleton(Names.normalise("Abd Allah Hassan"))).isEqualTo("bdl hsn");
    assertThat(Names.skeleton(Names.normalise("عبد الله حسن"))).isEqualTo("bdl hsn");
    assertThat(Names.skeleton(Names.normalise("Abdul Rahman Ali"))).isEqualTo(Names.skeleton(Names.normalise("عبد الرحمن علي")));
    assertThat(Names.skeleton(Names.normalise("Ali Hassan"))).isEqualTo("l hsn");
  }

  @Test
  void transliteratingWordByWordGivesWhatTheWholeNameGives() throws Exception {
    // toLatin transliterates each word once and reuses it; that is only right while ICU's rules
    // look within a word. Every Arabic name of a synthetic list, and some odd spacing, both ways:
    java.io.StringWriter w = new java.io.StringWriter();
    Synthetic.write(w, 2000, 11);
    java.util.Set<String> names = new java.util.TreeSet<>(List.of("  محمد  علي ", "عبد الرحمن", "ابو-بكر الصديق", "خالد\tعمر"));
    for (String line : w.toString().split("\n")) for (String cell : line.split(",")) if (Names.hasNonAscii(cell)) names.add(Names.foldArabic(cell.replace("\"", "")));
    assertThat(names).hasSizeGreaterThan(500);
    com.ibm.icu.text.Transliterator whole = com.ibm.icu.text.Transliterator.getInstance("Any-Latin; Latin-ASCII; [:^ASCII:] Remove");
    for (String name : names) assertThat(Names.toLatin(name)).as(name).isEqualTo(whole.transliterate(name));
  }
}
