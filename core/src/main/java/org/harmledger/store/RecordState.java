package org.harmledger.store;

/** Whether a record exists, and whether it was retracted. */
public enum RecordState {
  MISSING,
  LIVE,
  RETRACTED
}
