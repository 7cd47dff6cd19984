package org.harmledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.Problem;
import org.harmledger.domain.Problems;
import org.harmledger.domain.Range;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.Json;

/** Parsing of the compact forms the command line accepts, with errors that name the option. */
final class Parse {
  private Parse() {}

  /** "23", "10-12", "10..12" or "200+" (at least 200). */
  static Range range(String option, String text) {
    return Range.parse(option, text);
  }

  /** "2017-06-06/2017-10-17" or a single day, checked (end not before start). */
  static DateSpan span(String option, String text) {
    DateSpan s = unchecked(option, text);
    Problems p = new Problems();
    s.check(p, option);
    p.throwIfAny();
    return s;
  }

  /** Parses the form only; the record's own check reports the order with its other problems. */
  static DateSpan unchecked(String option, String text) {
    String[] parts = text.split("/");
    try {
      return parts.length == 1 ? DateSpan.of(parts[0].trim(), parts[0].trim()) : DateSpan.of(parts[0].trim(), parts[1].trim());
    } catch (java.time.format.DateTimeParseException | ArrayIndexOutOfBoundsException e) {
      throw new ValidationException(Problem.of(option, text, "must be START/END as YYYY-MM-DD/YYYY-MM-DD, or one day"));
    }
  }

  /** JSON given inline, or {@code @file.json} to read it from a file. */
  static JsonNode json(String option, String text) {
    if (text.startsWith("@")) {
      try {
        text = Files.readString(Path.of(text.substring(1)));
      } catch (IOException e) {
        throw new ValidationException(Problem.of(option, text, "cannot read the file: " + e.getMessage()));
      }
    }
    return Json.readTree(text);
  }

  static <T> Optional<T> opt(T v) {
    return Optional.ofNullable(v);
  }
}
