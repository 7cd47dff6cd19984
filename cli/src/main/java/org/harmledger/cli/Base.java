package org.harmledger.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.Json;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the global options and output. */
abstract class Base {
  @Spec CommandSpec spec;

  Main root() {
    Object p = spec.root().userObject();
    return (Main) p;
  }

  LedgerService ledger() {
    return root().ledger(createsRecords());
  }

  /** Whether this command may start a new ledger file (demo, add, import, serve). */
  boolean createsRecords() {
    return false;
  }

  /**
   * Whether this command writes to the ledger, so that a rejection can say nothing was written
   * (a command that only reads says only what was wrong): those that do are marked {@link WritesLedger}.
   */
  boolean writesLedger() {
    return this instanceof WritesLedger;
  }

  Meta meta(String reason) {
    return new Meta(root().actor, reason);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  void printJson(Object o) {
    out().println(Json.pretty(o));
  }

  /**
   * Refuses, before any work, an output file that could not be written: its folder missing, or
   * the name taken by a folder. A link over a million records should not fail at its end over a
   * mistyped path. Each problem names the option and the file.
   */
  static void checkWritable(Map<String, Path> outputs) {
    List<Problem> problems = new ArrayList<>();
    outputs.forEach((option, file) -> {
      if (file == null) return;
      Path folder = file.toAbsolutePath().getParent();
      if (Files.isDirectory(file)) problems.add(Problem.of(option, file, "is a folder; give a file name"));
      else if (folder == null || !Files.isDirectory(folder)) problems.add(Problem.of(option, file, "its folder " + folder + " does not exist"));
      else if (!Files.isWritable(folder)) problems.add(Problem.of(option, file, "its folder " + folder + " cannot be written to"));
      else if (Files.exists(file) && !Files.isWritable(file)) problems.add(Problem.of(option, file, "exists and cannot be written to"));
    });
    if (!problems.isEmpty()) throw new ValidationException(problems);
  }

  /**
   * {@code e} with each problem named by the option the user typed: {@code option} maps a record
   * field (history[2].on) to an option (--on), or to null to leave the field as it is.
   */
  static ValidationException byOption(ValidationException e, java.util.function.Function<String, String> option) {
    return new ValidationException(e.problems().stream().map(p -> {
      String o = option.apply(p.field());
      return o == null ? p : new Problem(o, p.value(), p.rule());
    }).toList());
  }

  static OptionalLong version(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }
}
