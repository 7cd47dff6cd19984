package org.harmledger.cli;

import java.io.PrintWriter;
import java.util.OptionalLong;
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

  static OptionalLong version(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }
}
