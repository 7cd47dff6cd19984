package org.harmledger.domain;

/**
 * Where a claimant stands towards the harm. The tally uses it: the accused belligerent's figures
 * are "official", the independent roles' are "independent", the rest are shown apart.
 */
public enum Role {
  ACCUSED_BELLIGERENT,
  PARTNER_FORCE,
  OPPOSING_PARTY,
  INDEPENDENT_MONITOR,
  MEDIA,
  VICTIMS_FAMILY,
  WITNESS,
  LOCAL_AUTHORITY,
  OTHER;

  public boolean isOfficial() {
    return this == ACCUSED_BELLIGERENT;
  }

  public boolean isIndependent() {
    return switch (this) {
      case INDEPENDENT_MONITOR, MEDIA, VICTIMS_FAMILY, WITNESS -> true;
      default -> false;
    };
  }
}
