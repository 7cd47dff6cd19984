package org.harmledger.domain;

/** A referenced record does not exist. */
public class NotFoundException extends RuntimeException {
  private final RecordType type;
  private final String id;

  public NotFoundException(RecordType type, String id) {
    super("no " + type.label() + " with id '" + id + "'");
    this.type = type;
    this.id = id;
  }

  public RecordType type() {
    return type;
  }

  public String id() {
    return id;
  }
}
