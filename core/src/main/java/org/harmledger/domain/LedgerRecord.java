package org.harmledger.domain;

import java.util.regex.Pattern;

/** Anything the ledger keeps a history of. Each is an immutable value; a change is a new value. */
public sealed interface LedgerRecord permits Campaign, Source, Claim, Incident, Case, Victim, LinkDecision {
  Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

  String id();

  RecordType type();

  /** Adds every rule this record breaks on its own (references are checked by the service). */
  void check(Problems p);

  /** Returns a copy with the given id (used when the service assigns one). */
  LedgerRecord withId(String id);

  static void checkId(Problems p, String id) {
    if (id == null || id.isEmpty()) return; // assigned by the service
    p.require(
        ID.matcher(id).matches(),
        "id",
        id,
        "must start with a letter or digit and contain only letters, digits, '.', '_' or '-' (at most 80)");
  }
}
