package org.harmledger.domain;

import java.util.Optional;

/**
 * Where something happened: a name as stated, optionally coordinates with an uncertainty radius,
 * and how precise the whole is.
 */
public record Place(
    String name,
    Optional<Coordinates> point,
    Optional<Double> uncertaintyMetres,
    PlacePrecision precision,
    Optional<String> admin1,
    Optional<String> country) {
  public Place {
    point = point == null ? Optional.empty() : point;
    uncertaintyMetres = uncertaintyMetres == null ? Optional.empty() : uncertaintyMetres;
    precision = precision == null ? PlacePrecision.UNKNOWN : precision;
    admin1 = admin1 == null ? Optional.empty() : admin1;
    country = country == null ? Optional.empty() : country;
  }

  public static Place named(String name) {
    return new Place(name, Optional.empty(), Optional.empty(), PlacePrecision.UNKNOWN, Optional.empty(), Optional.empty());
  }

  public void check(Problems p, String field) {
    p.requireText(name, field + ".name");
    point.ifPresent(c -> c.check(p, field + ".point"));
    uncertaintyMetres.ifPresent(
        u -> p.require(u >= 0, field + ".uncertainty_metres", u, "must be 0 or more"));
  }
}
