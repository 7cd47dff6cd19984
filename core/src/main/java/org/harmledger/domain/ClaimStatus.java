package org.harmledger.domain;

/** Only accepted claims count. Drafts come from extraction and wait for a person's review. */
public enum ClaimStatus {
  ACCEPTED,
  DRAFT,
  REJECTED
}
