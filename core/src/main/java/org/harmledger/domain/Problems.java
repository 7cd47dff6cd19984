package org.harmledger.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems while a record is checked, then throws them all at once. {@link #at} gives a
 * view that reports under a nested field name and shares the same list. Not thread-safe.
 */
public final class Problems {
  private final List<Problem> list;
  private final String prefix;

  public Problems() {
    this(new ArrayList<>(), "");
  }

  private Problems(List<Problem> list, String prefix) {
    this.list = list;
    this.prefix = prefix;
  }

  /** A view whose fields are reported as {@code field.<name>}. */
  public Problems at(String field) {
    return new Problems(list, prefix + field + ".");
  }

  public Problems add(String field, Object value, String rule) {
    list.add(Problem.of(prefix + field, value, rule));
    return this;
  }

  public void require(boolean ok, String field, Object value, String rule) {
    if (!ok) add(field, value, rule);
  }

  public void requireText(String text, String field) {
    if (text == null || text.isBlank()) add(field, "", "is required");
  }

  public <T> void requireNonNull(T value, String field) {
    if (value == null) add(field, "", "is required");
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(list);
  }

  public void throwIfAny() {
    if (!list.isEmpty()) throw new ValidationException(list);
  }
}
