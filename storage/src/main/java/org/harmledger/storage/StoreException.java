package org.harmledger.storage;

/** The database failed or held something unreadable. The transaction was rolled back. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
  }
}
