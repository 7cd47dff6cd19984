package org.harmledger.domain;

/**
 * Why a belligerent found an allegation non-credible: a code list, after the reasons CJTF-OIR's
 * monthly civilian casualty reports give, so that reasons can be counted rather than read.
 */
public enum NonCredibleReason {
  /** No strikes by this belligerent at the time and place. */
  NO_STRIKES_AT_TIME_AND_PLACE,
  /** Not enough information to assess. */
  INSUFFICIENT_INFORMATION,
  /** Those harmed were combatants. */
  NO_CIVILIANS_HARMED,
  /** Another party most likely caused the harm. */
  ANOTHER_PARTY_RESPONSIBLE,
  /** Strikes took place, but the harm was not caused by them. */
  HARM_NOT_CAUSED_BY_STRIKE,
  /** The belligerent gave no reason, or none was published. */
  NOT_STATED,
  OTHER
}
