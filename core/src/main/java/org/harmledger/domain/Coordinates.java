package org.harmledger.domain;

/** A point in WGS 84 degrees. */
public record Coordinates(double lat, double lon) {
  public void check(Problems p, String field) {
    checkLat(p, field + ".lat", lat);
    checkLon(p, field + ".lon", lon);
  }

  static void checkLat(Problems p, String field, double v) {
    p.require(!Double.isNaN(v) && v >= -90 && v <= 90, field, v, "latitude must be between -90 and 90");
  }

  static void checkLon(Problems p, String field, double v) {
    p.require(
        !Double.isNaN(v) && v >= -180 && v <= 180, field, v, "longitude must be between -180 and 180");
  }
}
