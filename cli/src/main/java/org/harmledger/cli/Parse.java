package org.harmledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.harmledger.domain.Problem;
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
}
