package org.harmledger.domain;

/** Who was counted in a breakdown of a figure. */
public enum Category {
  CHILDREN,
  WOMEN,
  MEN,
  UNKNOWN
}
