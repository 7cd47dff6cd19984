package org.harmledger.domain;

/**
 * Airwars' grading of how likely civilian harm happened as reported. CONFIRMED: a belligerent
 * accepted responsibility; FAIR: two or more credible sources and belligerent action nearby;
 * WEAK: a single source; CONTESTED: competing claims of responsibility; DISCOUNTED: those killed
 * were combatants or another party was most likely responsible (left out of documented sums).
 */
public enum Grade {
  CONFIRMED,
  FAIR,
  WEAK,
  CONTESTED,
  DISCOUNTED
}
