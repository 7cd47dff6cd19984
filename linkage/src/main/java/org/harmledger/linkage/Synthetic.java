package org.harmledger.linkage;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Synthetic victim lists with known truth, mixed Arabic and Latin script, seeded. The error model:
 * <ul>
 *   <li>each person has 1 + Poisson(0.7) records; families share a family name and a place;
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

  // given names: Arabic, then Latin spellings
  static final String[][] GIVEN = {
    {"محمد", "Mohammed", "Muhammad", "Mohamad", "Mohamed"}, {"أحمد", "Ahmad", "Ahmed"}, {"علي", "Ali", "Aly"}, {"حسن", "Hassan", "Hasan"},
    {"حسين", "Hussein", "Husain", "Hussain"}, {"خالد", "Khalid", "Khaled"}, {"عمر", "Omar", "Umar"}, {"يوسف", "Yusuf", "Youssef", "Yousef"},
    {"إبراهيم", "Ibrahim", "Ebrahim"}, {"مصطفى", "Mustafa", "Moustafa"}, {"عبد الله", "Abdullah", "Abd Allah", "Abdallah"},
    {"عبد الرحمن", "Abdul Rahman", "Abdulrahman", "Abd al-Rahman"}, {"سعيد", "Saeed", "Said"}, {"محمود", "Mahmoud", "Mahmud"}, {"طارق", "Tariq", "Tarek"},
    {"فاطمة", "Fatima", "Fatma"}, {"عائشة", "Aisha", "Aysha"}, {"مريم", "Maryam", "Mariam"}, {"زينب", "Zainab", "Zeinab"}, {"نور", "Nour", "Noor"},
    {"ليلى", "Layla", "Leila"}, {"هدى", "Huda", "Hoda"}, {"سارة", "Sara", "Sarah"}, {"رنا", "Rana"}, {"جميلة", "Jamila", "Jameela"},
    {"سمير", "Samir", "Sameer"}, {"كريم", "Karim", "Kareem"}, {"نبيل", "Nabil", "Nabeel"}, {"وليد", "Walid", "Waleed"}, {"ياسر", "Yasser", "Yasir"},
    {"بلال", "Bilal"}, {"حمزة", "Hamza", "Hamzah"}, {"أنس", "Anas"}, {"ماجد", "Majid", "Majed"}, {"رامي", "Rami", "Ramy"}, {"عادل", "Adel", "Adil"},
    {"سلمى", "Salma"}, {"دعاء", "Doaa", "Duaa"}, {"آمنة", "Amina", "Amna"}, {"خديجة", "Khadija", "Khadeeja"}
  };
  static final String[][] FAMILY = {
    {"النجار", "al-Najjar", "Al Najjar", "Najjar"}, {"الحسن", "al-Hassan", "Al Hasan"}, {"العلي", "al-Ali", "Al Ali"}, {"الخطيب", "al-Khatib", "Al Khateeb"},
    {"الأحمد", "al-Ahmad", "Al Ahmed"}, {"الحمد", "al-Hamad", "Al Hamad"}, {"السيد", "al-Sayed", "El Sayed"}, {"العبدالله", "al-Abdullah", "Al Abdallah"},
    {"الشامي", "al-Shami", "Al Shami"}, {"الحلبي", "al-Halabi", "Al Halaby"}, {"المصري", "al-Masri", "El Masry"}, {"الزعبي", "al-Zoubi", "Al Zubi"},
    {"حداد", "Haddad", "Hadad"}, {"خوري", "Khoury", "Khouri"}, {"عثمان", "Othman", "Osman"}, {"سليمان", "Suleiman", "Sulayman"},
    {"الجاسم", "al-Jasim", "Al Jassem"}, {"الحسين", "al-Hussein", "Al Husain"}, {"العمر", "al-Omar", "Al Umar"}, {"الرفاعي", "al-Rifai", "Al Refaie"},
    {"البكري", "al-Bakri", "Al Bakry"}, {"الدرويش", "al-Darwish", "Al Darweesh"}, {"القاسم", "al-Qasim", "Al Kasem"}, {"العيسى", "al-Issa", "Al Eissa"},
    {"الصالح", "al-Saleh", "Al Salih"}, {"الراشد", "al-Rashid", "Al Rashed"}, {"الموسى", "al-Mousa", "Al Musa"}, {"الحمصي", "al-Homsi", "Al Hemsi"},
    {"الديري", "al-Deiri", "Al Dairi"}, {"الفارس", "al-Fares", "Al Faris"}
  };
  static final String[] PLACES = {"Raqqa", "Tabqa", "Mosul", "Aleppo", "Idlib", "Deir ez-Zor", "Hajin", "Manbij", "Kobani", "Homs", "Hama", "Daraa", "Douma", "Baghuz", "Tal Abyad"};

  public static void write(Writer w, int people, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    w.write("id,name,sex,birth_date,age,place,person\n");
    long id = 0;
    int families = Math.max(1, people / 4);
    for (int p = 0; p < people; p++) {
      int family = r.nextInt(families);
      SplittableRandom fam = new SplittableRandom(seed * 31 + family);
      String[] surname = FAMILY[fam.nextInt(FAMILY.length)];
      String place = PLACES[fam.nextInt(PLACES.length)];
      boolean female = r.nextBoolean();
      String[] given = GIVEN[(female ? 15 : 0) + r.nextInt(15)];
      String[] father = GIVEN[r.nextInt(15)];
      LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(r.nextInt(365 * 75));
      int age = 2017 - birth.getYear();
      int records = 1 + poisson(r, 0.7);
      for (int k = 0; k < records; k++) {
        boolean arabic = r.nextDouble() < 0.4;
        String g = pick(r, given, arabic);
        String f = pick(r, father, arabic);
        String s = pick(r, surname, arabic);
        if (!arabic && r.nextDouble() < 0.15) g = typo(r, g);
        if (!arabic && r.nextDouble() < 0.08) s = typo(r, s);
        String name;
        double shape = r.nextDouble();
        if (shape < 0.15) name = g + " " + s;
        else if (shape < 0.23) name = s + " " + g + " " + f;
        else name = g + " " + f + " " + s;
        String date;
        double d = r.nextDouble();
        if (d < 0.10) date = "";
        else if (d < 0.18) date = birth.plusDays(r.nextInt(1, 4) * (r.nextBoolean() ? 1 : -1)).toString();
        else if (d < 0.21 && birth.getDayOfMonth() <= 12) date = LocalDate.of(birth.getYear(), birth.getDayOfMonth(), Math.min(birth.getMonthValue(), 28)).toString();
        else date = birth.toString();
        String ageText = r.nextDouble() < 0.10 ? "" : Integer.toString(age + (r.nextDouble() < 0.15 ? r.nextInt(1, 3) * (r.nextBoolean() ? 1 : -1) : 0));
        String sex = r.nextDouble() < 0.05 ? "" : female ? "f" : "m";
        String pl = r.nextDouble() < 0.10 ? "" : place;
        w.write("r" + id++ + "," + csv(name) + "," + sex + "," + date + "," + ageText + "," + csv(pl) + ",p" + p + "\n");
      }
    }
  }

  private static String pick(SplittableRandom r, String[] forms, boolean arabic) {
    return arabic ? forms[0] : forms[1 + r.nextInt(forms.length - 1)];
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
