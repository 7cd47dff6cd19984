package org.harmledger.domain;

/** The states of a belligerent's assessment of an allegation. */
public enum CaseState {
  OPEN,
  CREDIBLE,
  NON_CREDIBLE,
  DUPLICATE,
  CLOSED,
  REOPENED;

  public boolean isAssessment() {
    return this == CREDIBLE || this == NON_CREDIBLE || this == DUPLICATE;
  }
}
