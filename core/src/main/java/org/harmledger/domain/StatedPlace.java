package org.harmledger.domain;

/** The place as the source stated it ("near Raqqa"), and how precise that is. */
public record StatedPlace(String text, PlacePrecision precision) {
  public StatedPlace {
    precision = precision == null ? PlacePrecision.UNKNOWN : precision;
  }

  public void check(Problems p, String field) {
    p.requireText(text, field + ".text");
  }
}
