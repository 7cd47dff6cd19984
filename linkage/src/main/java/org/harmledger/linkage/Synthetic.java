package org.harmledger.linkage;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Synthetic victim lists with known truth, mixed Arabic and Latin script, seeded. The error model:
 * <ul>
 *   <li>names drawn with Zipf weights (1/rank) from 60 male and 40 female given names and 120
 *       family names; places from 25;
 *   <li>each person has 1 + Poisson(0.7) records; families (one per four people) share a family
 *       name, a place and the father's name, so brothers and sisters differ by given name,
 *       sex and birth date only (no two are given the same name);
 *   <li>script: 40% of records write the name in Arabic, the rest in Latin with one of the name's
 *       usual transliterations (Mohammed, Muhammad, Mohamad…; al-Najjar, Al Najjar, Najjar);
 *   <li>Latin typos in 15% (a letter dropped, doubled or swapped with its neighbour);
 *   <li>the father's name dropped in 15%, name parts reordered (family name first) in 8%;
 *   <li>birth date missing in 10%, off by 1–3 days in 8%, day and month swapped in 3%;
 *   <li>age (at death) off by one or two years in 15%, missing in 10%; sex missing in 5%;
 *       place missing in 10%.
 * </ul>
 * Columns: id, name, sex, birth_date (yyyy-MM-dd), age, place, person (the truth).
 */
public final class Synthetic {
  private Synthetic() {}

  // Name pools, most common first (drawn with Zipf weights, as real name frequencies fall off):
  // each entry is the Arabic form, then its usual Latin spellings, separated by '|'.
  static final String[] MALE = {
    "محمد|Mohammed|Muhammad|Mohamad|Mohamed", "أحمد|Ahmad|Ahmed", "علي|Ali|Aly", "حسن|Hassan|Hasan", "خالد|Khalid|Khaled",
    "عمر|Omar|Umar", "حسين|Hussein|Husain|Hussain", "محمود|Mahmoud|Mahmud", "عبد الله|Abdullah|Abd Allah|Abdallah", "يوسف|Yusuf|Youssef|Yousef",
    "إبراهيم|Ibrahim|Ebrahim", "مصطفى|Mustafa|Moustafa", "عبد الرحمن|Abdul Rahman|Abdulrahman|Abd al-Rahman", "سعيد|Saeed|Said", "جاسم|Jasim|Jassem",
    "طارق|Tariq|Tarek", "سمير|Samir|Sameer", "كريم|Karim|Kareem", "نبيل|Nabil|Nabeel", "وليد|Walid|Waleed",
    "ياسر|Yasser|Yasir", "بلال|Bilal", "حمزة|Hamza|Hamzah", "أنس|Anas", "ماجد|Majid|Majed",
    "رامي|Rami|Ramy", "عادل|Adel|Adil", "فيصل|Faisal|Faysal", "صالح|Saleh|Salih", "ناصر|Nasser|Nasir",
    "عيسى|Issa|Isa", "موسى|Musa|Mousa", "سليمان|Suleiman|Sulaiman", "إسماعيل|Ismail|Ismael", "يحيى|Yahya|Yehia",
    "زكريا|Zakariya|Zakaria", "فارس|Fares|Faris", "مازن|Mazen|Mazin", "هشام|Hisham|Hesham", "عماد|Imad|Emad",
    "جمال|Jamal|Gamal", "كمال|Kamal|Kemal", "رائد|Raed|Raid", "منذر|Munther|Monzer", "أيمن|Ayman|Aiman",
    "زياد|Ziad|Ziyad", "باسل|Basel|Basil", "غسان|Ghassan|Ghasan", "شادي|Shadi|Shady", "مهند|Muhannad|Mohannad",
    "قاسم|Qasim|Kassem", "عبد الكريم|Abdul Karim|Abdelkarim", "عبد العزيز|Abdulaziz|Abd al-Aziz", "حامد|Hamid|Hamed", "راشد|Rashid|Rashed",
    "سالم|Salem|Salim", "نزار|Nizar|Nezar", "وائل|Wael|Wail", "معاذ|Muath|Moaz", "ضياء|Diaa|Dhiya"
  };
  static final String[] FEMALE = {
    "فاطمة|Fatima|Fatma", "مريم|Maryam|Mariam", "عائشة|Aisha|Aysha", "زينب|Zainab|Zeinab", "خديجة|Khadija|Khadeeja",
    "نور|Nour|Noor", "آمنة|Amina|Amna", "سارة|Sara|Sarah", "هدى|Huda|Hoda", "ليلى|Layla|Leila",
    "رنا|Rana|Ranaa", "جميلة|Jamila|Jameela", "سلمى|Salma|Selma", "دعاء|Doaa|Duaa", "رقية|Ruqaya|Roqaya",
    "أسماء|Asma|Asmaa", "هبة|Heba|Hiba", "ريم|Reem|Rim", "لينا|Lina|Leena", "رهف|Rahaf|Rahf",
    "شيماء|Shaimaa|Shaima", "نادية|Nadia|Nadiya", "سميرة|Samira|Sameera", "وفاء|Wafaa|Wafa", "إيمان|Iman|Eman",
    "حنان|Hanan|Hanaan", "منى|Mona|Muna", "رشا|Rasha|Rashaa", "غادة|Ghada|Ghadah", "سعاد|Suad|Souad",
    "نجلاء|Najla|Naglaa", "ياسمين|Yasmin|Yasmeen", "بتول|Batoul|Batul", "حليمة|Halima|Haleema", "صفية|Safiya|Safia",
    "ملك|Malak|Malek", "جنى|Jana|Janna", "تسنيم|Tasnim|Tasneem", "رغد|Raghad|Raghd", "أمل|Amal|Amaal"
  };
  static final String[] FAMILY = {
    "الأحمد|al-Ahmad|Al Ahmed", "الحسين|al-Hussein|Al Husain", "العلي|al-Ali|Al Ali", "المحمد|al-Mohammed|Al Muhammad", "الحسن|al-Hassan|Al Hasan",
    "النجار|al-Najjar|Al Najjar|Najjar", "الخطيب|al-Khatib|Al Khateeb", "الحمد|al-Hamad|Al Hamad", "السيد|al-Sayed|El Sayed", "العبدالله|al-Abdullah|Al Abdallah",
    "الشامي|al-Shami|Al Shami", "الحلبي|al-Halabi|Al Halaby", "المصري|al-Masri|El Masry", "الزعبي|al-Zoubi|Al Zubi", "حداد|Haddad|Hadad",
    "خوري|Khoury|Khouri", "عثمان|Othman|Osman", "سليمان|Suleiman|Sulayman", "الجاسم|al-Jasim|Al Jassem", "العمر|al-Omar|Al Umar",
    "الرفاعي|al-Rifai|Al Refaie", "البكري|al-Bakri|Al Bakry", "الدرويش|al-Darwish|Al Darweesh", "القاسم|al-Qasim|Al Kasem", "العيسى|al-Issa|Al Eissa",
    "الصالح|al-Saleh|Al Salih", "الراشد|al-Rashid|Al Rashed", "الموسى|al-Mousa|Al Musa", "الحمصي|al-Homsi|Al Hemsi", "الديري|al-Deiri|Al Dairi",
    "الفارس|al-Fares|Al Faris", "الخياط|al-Khayyat|Al Khayat", "الحداد|al-Haddad|Al Hadad", "الصباغ|al-Sabbagh|Al Sabagh", "الجزار|al-Jazzar|Al Jazar",
    "الطحان|al-Tahhan|Al Tahan", "الخباز|al-Khabbaz|Al Khabaz", "العطار|al-Attar|Al Attar", "الدباغ|al-Dabbagh|Al Dabagh", "السماك|al-Sammak|Al Samak",
    "البيطار|al-Bitar|Al Baitar", "القصاب|al-Qassab|Al Kassab", "الحكيم|al-Hakim|Al Hakeem", "الحموي|al-Hamawi|Al Hamwi", "العراقي|al-Iraqi|Al Iraki",
    "البغدادي|al-Baghdadi|Al Baghdady", "الموصلي|al-Mosuli|Al Mousili", "التكريتي|al-Tikriti|Al Tikrity", "الإدلبي|al-Idlibi|Al Edlibi", "الرقاوي|al-Raqqawi|Al Rakkawi",
    "الأنصاري|al-Ansari|Al Ansary", "الشمري|al-Shammari|Al Shamari", "الجبوري|al-Jubouri|Al Jabouri", "العبيدي|al-Obeidi|Al Ubaidi", "الدليمي|al-Dulaimi|Al Dulaymi",
    "العكيدي|al-Aqidi|Al Akidi", "العنزي|al-Anizi|Al Enezi", "التميمي|al-Tamimi|Al Tamimy", "الزبيدي|al-Zubaidi|Al Zubeidi", "الجنابي|al-Janabi|Al Ganabi",
    "الكبيسي|al-Kubaisi|Al Kubaysi", "العزاوي|al-Azzawi|Al Azawi", "الحمداني|al-Hamdani|Al Hamadani", "السعدي|al-Saadi|Al Saady", "الحربي|al-Harbi|Al Harby",
    "العتيبي|al-Otaibi|Al Utaybi", "الخليل|al-Khalil|Al Khaleel", "الأسعد|al-Asaad|Al Assad", "الزين|al-Zein|Al Zain", "اليوسف|al-Yousef|Al Yusuf",
    "الإبراهيم|al-Ibrahim|Al Ebrahim", "الخضر|al-Khader|Al Khidr", "العبود|al-Aboud|Al Abbood", "الحميد|al-Hamid|Al Hameed", "الكردي|al-Kurdi|Al Kurdy",
    "التركماني|al-Turkmani|Al Turkomani", "الطويل|al-Tawil|Al Taweel", "القاضي|al-Qadi|Al Kadi", "الحسيني|al-Husseini|Al Husaini", "الظاهر|al-Zaher|Al Dhaher",
    "الجمال|al-Jammal|Al Gammal", "الكيال|al-Kayyal|Al Kayal", "الدروبي|al-Droubi|Al Durubi", "الأتاسي|al-Atassi|Al Atasi", "الجندي|al-Jundi|Al Gindi",
    "الحلاق|al-Hallaq|Al Hallak", "النعيمي|al-Nuaimi|Al Naimi", "الفرحان|al-Farhan|Al Farhan", "العساف|al-Assaf|Al Asaf", "المحمود|al-Mahmoud|Al Mahmud",
    "الحسون|al-Hassoun|Al Hasoon", "الخلف|al-Khalaf|Al Khalaf", "الجاسر|al-Jaser|Al Jasser", "البرازي|al-Barazi|Al Barazy", "العلوش|al-Alloush|Al Alush",
    "الفاضل|al-Fadel|Al Fadil", "الشهابي|al-Shehabi|Al Shihabi", "ديب|Deeb|Dib", "نصار|Nassar|Nasar", "حمدان|Hamdan|Hamdaan",
    "قدور|Kaddour|Qaddour", "زيدان|Zeidan|Zaidan", "شاهين|Shahin|Shaheen", "سلوم|Salloum|Saloom", "عبود|Abboud|Abbud",
    "مرعي|Marei|Mari", "غنام|Ghannam|Ghanam", "بركات|Barakat|Barakaat", "حجازي|Hijazi|Hegazi", "يونس|Younes|Yunus",
    "دياب|Diab|Dyab", "كنعان|Kanaan|Canaan", "عواد|Awad|Awwad", "شحادة|Shehadeh|Shahada", "جابر|Jaber|Jabir",
    "منصور|Mansour|Mansur", "سرحان|Sarhan|Serhan", "ربيع|Rabie|Rabea", "عرفات|Arafat|Arafaat", "الحمادي|al-Hammadi|Al Hamadi"
  };
  static final String[] PLACES = {"Raqqa", "Mosul", "Aleppo", "Tabqa", "Idlib", "Deir ez-Zor", "Hajin", "Manbij", "Kobani", "Homs", "Hama", "Daraa",
    "Douma", "Baghuz", "Tal Abyad", "Fallujah", "Ramadi", "Tikrit", "Sinjar", "Tal Afar", "Hit", "Qaim", "Mayadin", "Albu Kamal", "Jarablus"};

  public static void write(Writer w, int people, long seed) throws IOException {
    write(w, people, seed, true);
  }

  /**
   * As {@link #write(Writer, int, long)}; {@code zipf} false draws every name and place with equal
   * weight instead (the same pools, far less concentrated), to measure how much of what the linker
   * cannot tell apart comes from common names.
   */
  public static void write(Writer w, int people, long seed, boolean zipf) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    Pool male = new Pool(MALE, zipf);
    Pool female = new Pool(FEMALE, zipf);
    Pool family = new Pool(FAMILY, zipf);
    Pool places = new Pool(PLACES, zipf);
    w.write("id,name,sex,birth_date,age,place,person\n");
    long id = 0;
    int families = Math.max(1, people / 4);
    java.util.Map<Integer, java.util.List<String[]>> namesInFamily = new java.util.HashMap<>();
    for (int p = 0; p < people; p++) {
      // a family: its name, its place, and the father its children are named after
      int f = r.nextInt(families);
      SplittableRandom fam = new SplittableRandom(seed * 31 + f);
      String[] surname = family.draw(fam);
      String place = places.draw(fam)[0];
      String[] father = male.draw(fam);
      boolean female_ = r.nextBoolean();
      // brothers and sisters are not given the same name (drawn again, a few times at most)
      java.util.List<String[]> siblings = namesInFamily.computeIfAbsent(f, x -> new java.util.ArrayList<>(4));
      String[] given = (female_ ? female : male).draw(r);
      for (int tries = 0; tries < 20 && siblings.contains(given); tries++) given = (female_ ? female : male).draw(r);
      siblings.add(given);
      LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(r.nextInt(365 * 75));
      int age = 2017 - birth.getYear();
      int records = 1 + poisson(r, 0.7);
      for (int k = 0; k < records; k++) {
        boolean arabic = r.nextDouble() < 0.4;
        String g = pick(r, given, arabic);
        String fa = pick(r, father, arabic);
        String s = pick(r, surname, arabic);
        if (!arabic && r.nextDouble() < 0.15) g = typo(r, g);
        if (!arabic && r.nextDouble() < 0.08) s = typo(r, s);
        String name;
        double shape = r.nextDouble();
        if (shape < 0.15) name = g + " " + s;
        else if (shape < 0.23) name = s + " " + g + " " + fa;
        else name = g + " " + fa + " " + s;
        String date;
        double d = r.nextDouble();
        if (d < 0.10) date = "";
        else if (d < 0.18) date = birth.plusDays(r.nextInt(1, 4) * (r.nextBoolean() ? 1 : -1)).toString();
        else if (d < 0.21 && birth.getDayOfMonth() <= 12) date = LocalDate.of(birth.getYear(), birth.getDayOfMonth(), Math.min(birth.getMonthValue(), 28)).toString();
        else date = birth.toString();
        String ageText = r.nextDouble() < 0.10 ? "" : Integer.toString(age + (r.nextDouble() < 0.15 ? r.nextInt(1, 3) * (r.nextBoolean() ? 1 : -1) : 0));
        String sex = r.nextDouble() < 0.05 ? "" : female_ ? "f" : "m";
        String pl = r.nextDouble() < 0.10 ? "" : place;
        w.write("r" + id++ + "," + csv(name) + "," + sex + "," + date + "," + ageText + "," + csv(pl) + ",p" + p + "\n");
      }
    }
  }

  /** Entries drawn with weight 1/rank (Zipf: a few names are very common, most are rare), or all alike. */
  private static final class Pool {
    final String[][] forms;
    final double[] cumulative;

    Pool(String[] entries, boolean zipf) {
      forms = new String[entries.length][];
      cumulative = new double[entries.length];
      double sum = 0;
      for (int i = 0; i < entries.length; i++) {
        forms[i] = entries[i].split("\\|");
        sum += zipf ? 1.0 / (i + 1) : 1.0;
        cumulative[i] = sum;
      }
      for (int i = 0; i < entries.length; i++) cumulative[i] /= sum;
    }

    String[] draw(SplittableRandom r) {
      int i = java.util.Arrays.binarySearch(cumulative, r.nextDouble());
      return forms[Math.min(forms.length - 1, i < 0 ? -i - 1 : i)];
    }
  }

  private static String pick(SplittableRandom r, String[] forms, boolean arabic) {
    return arabic || forms.length == 1 ? forms[0] : forms[1 + r.nextInt(forms.length - 1)];
  }

  private static String typo(SplittableRandom r, String s) {
    if (s.length() < 4) return s;
    int i = 1 + r.nextInt(s.length() - 2);
    return switch (r.nextInt(3)) {
      case 0 -> s.substring(0, i) + s.substring(i + 1);
      case 1 -> s.substring(0, i) + s.charAt(i) + s.substring(i);
      default -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
    };
  }

  private static int poisson(SplittableRandom r, double mean) {
    double limit = Math.exp(-mean);
    double prod = r.nextDouble();
    int n = 0;
    while (prod > limit) {
      n++;
      prod *= r.nextDouble();
    }
    return n;
  }

  private static String csv(String v) {
    return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
