package org.harmledger.domain;

/**
 * One rejected value: which field, which value, which rule it broke. Errors are values a user can
 * act on, so every validation failure in Harm Ledger is reported as a list of these.
 *
 * @param field the field path as the user wrote it, e.g. {@code killed.min} or {@code row 4: lat}
 * @param value the offending value as text ("" when it was missing)
 * @param rule what the value must satisfy, in plain words
 */
public record Problem(String field, String value, String rule) {
  public Problem {
    field = field == null ? "" : field;
    value = value == null ? "" : value;
    rule = rule == null ? "" : rule;
  }

  public static Problem of(String field, Object value, String rule) {
    return new Problem(field, value == null ? "" : String.valueOf(value), rule);
  }

  @Override
  public String toString() {
    return value.isEmpty() ? field + ": " + rule : field + " = " + value + ": " + rule;
  }
}
