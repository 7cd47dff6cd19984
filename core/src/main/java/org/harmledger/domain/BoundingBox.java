package org.harmledger.domain;

/** A latitude/longitude box (WGS 84 degrees), used for an area's extent and for area filters. */
public record BoundingBox(double south, double west, double north, double east) {
  public boolean contains(double lat, double lon) {
    return lat >= south && lat <= north && lon >= west && lon <= east;
  }

  /** Whether the two boxes share any point (touching edges count). */
  public boolean intersects(BoundingBox o) {
    return south <= o.north && north >= o.south && west <= o.east && east >= o.west;
  }

  public boolean within(BoundingBox o) {
    return south >= o.south && north <= o.north && west >= o.west && east <= o.east;
  }

  public void check(Problems p, String field) {
    Coordinates.checkLat(p, field + ".south", south);
    Coordinates.checkLat(p, field + ".north", north);
    Coordinates.checkLon(p, field + ".west", west);
    Coordinates.checkLon(p, field + ".east", east);
    p.require(north >= south, field + ".north", north, "must not be south of south (" + south + ")");
    p.require(east >= west, field + ".east", east, "must not be west of west (" + west + ")");
  }

  /** Parses {@code south,west,north,east}. */
  public static BoundingBox parse(String text) {
    return parse("bbox", text);
  }

  /** Parses {@code south,west,north,east}; problems are reported under {@code field}. */
  public static BoundingBox parse(String field, String text) {
    String[] parts = text.split(",");
    if (parts.length != 4) {
      throw new ValidationException(
          Problem.of(field, text, "must be four numbers: south,west,north,east"));
    }
    try {
      BoundingBox b =
          new BoundingBox(
              Double.parseDouble(parts[0].trim()),
              Double.parseDouble(parts[1].trim()),
              Double.parseDouble(parts[2].trim()),
              Double.parseDouble(parts[3].trim()));
      Problems p = new Problems();
      b.check(p, field);
      p.throwIfAny();
      return b;
    } catch (NumberFormatException e) {
      throw new ValidationException(
          Problem.of(field, text, "must be four numbers: south,west,north,east"));
    }
  }
}
