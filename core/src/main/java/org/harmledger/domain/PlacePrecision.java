package org.harmledger.domain;

/**
 * How precisely a place is known. Ordered from exact to vague; maps to UCDP GED {@code
 * where_prec} (1–7) on export.
 */
public enum PlacePrecision {
  EXACT(1),
  NEAR(2), // within about 25 km of a known point
  DISTRICT(3), // second-order administrative division
  PROVINCE(4), // first-order administrative division
  LINE(5), // along a road, front line or river
  COUNTRY(6),
  UNKNOWN(7);

  private final int ged;

  PlacePrecision(int ged) {
    this.ged = ged;
  }

  public int gedWherePrecision() {
    return ged;
  }
}
