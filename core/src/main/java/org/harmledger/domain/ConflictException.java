package org.harmledger.domain;

/**
 * A write was based on a version of a record that is no longer current: someone else changed it
 * first. Nothing was written; the caller must re-read and decide.
 */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
