package org.harmledger.domain;

import java.util.List;
import java.util.stream.Collectors;

/** Input was rejected; nothing was written. Carries every problem found, not just the first. */
public class ValidationException extends RuntimeException {
  private final transient List<Problem> problems;

  public ValidationException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public ValidationException(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }
}
