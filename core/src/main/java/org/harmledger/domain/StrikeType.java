package org.harmledger.domain;

/** How the harm was caused, as far as known. */
public enum StrikeType {
  AIRSTRIKE,
  DRONE_STRIKE,
  ARTILLERY,
  ROCKET,
  GROUND_FIGHTING,
  EXPLOSIVE_DEVICE,
  SHOOTING,
  OTHER,
  UNKNOWN
}
