package org.harmledger.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where something happened: a name as stated, optionally coordinates with an uncertainty radius,
 * how precise the whole is, and the place's names in other languages ({@code names}, by BCP 47
 * tag: {@code ar} الرقة beside Raqqa, as Airwars records a location in several languages).
 */
public record Place(
    String name,
    Optional<Coordinates> point,
    Optional<Double> uncertaintyMetres,
    PlacePrecision precision,
    Optional<String> admin1,
    Optional<String> country,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) SortedMap<String, String> names) {
  public Place {
    point = point == null ? Optional.empty() : point;
    uncertaintyMetres = uncertaintyMetres == null ? Optional.empty() : uncertaintyMetres;
    precision = precision == null ? PlacePrecision.UNKNOWN : precision;
    admin1 = admin1 == null ? Optional.empty() : admin1;
    country = country == null ? Optional.empty() : country;
    names = names == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(names));
  }

  /** A place named in one language only. */
  public Place(String name, Optional<Coordinates> point, Optional<Double> uncertaintyMetres, PlacePrecision precision, Optional<String> admin1, Optional<String> country) {
    this(name, point, uncertaintyMetres, precision, admin1, country, null);
  }

  public static Place named(String name) {
    return new Place(name, Optional.empty(), Optional.empty(), PlacePrecision.UNKNOWN, Optional.empty(), Optional.empty());
  }

  /**
   * Names written as {@code language=name} items ({@code ar=الرقة}, {@code ku=Reqa}), as the
   * command line, the forms and CSV take them; an item without "=" is a problem of {@code field}.
   */
  public static SortedMap<String, String> namesFrom(List<String> items, Problems p, String field) {
    SortedMap<String, String> out = new TreeMap<>();
    for (String item : items) {
      if (item == null || item.isBlank()) continue;
      int eq = item.indexOf('=');
      if (eq < 0) {
        p.add(field, item.strip(), "write each as language=name, e.g. ar=الرقة");
        continue;
      }
      String tag = item.substring(0, eq).strip();
      String name = item.substring(eq + 1).strip();
      if (out.put(tag, name) != null) p.add(field, tag, "gives the " + tag + " name twice");
    }
    return out;
  }

  /** The other names as {@link #namesFrom} reads them back: {@code ar=الرقة<sep>ku=Reqa}. */
  public String namesAsText(String separator) {
    return String.join(separator, names.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  /** A BCP 47 language tag, as sources and place names take it: da, en, ar, ku-Arab. */
  public static boolean isLanguageTag(String tag) {
    return tag != null && tag.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  }

  public void check(Problems p, String field) {
    p.requireText(name, field + ".name");
    point.ifPresent(c -> c.check(p, field + ".point"));
    uncertaintyMetres.ifPresent(
        u -> p.require(u >= 0, field + ".uncertainty_metres", u, "must be 0 or more"));
    for (var e : names.entrySet()) {
      p.require(isLanguageTag(e.getKey()), field + ".names", e.getKey(), "must be keyed by a BCP 47 language tag such as ar, ku or en");
      p.require(e.getValue() != null && !e.getValue().isBlank(), field + ".names", e.getKey() + "=", "gives no name for " + e.getKey() + " (leave the language out)");
    }
  }
}
