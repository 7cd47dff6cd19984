package org.harmledger.service;

import org.harmledger.domain.Problems;

/** Who makes a change and why: written into the ledger entry. */
public record Meta(String actor, String reason) {
  public Meta {
    actor = actor == null ? "" : actor.trim();
    reason = reason == null ? "" : reason.trim();
  }

  void check(Problems p, boolean reasonRequired) {
    p.require(!actor.isEmpty(), "actor", "", "who makes the change is required");
    if (reasonRequired) p.require(!reason.isEmpty(), "reason", "", "why the change is made is required");
    org.harmledger.domain.ControlCharacters.check(actor, "actor", false, p);
    org.harmledger.domain.ControlCharacters.check(reason, "reason", true, p);
  }

  public Meta withDefaultReason(String r) {
    return reason.isEmpty() ? new Meta(actor, r) : this;
  }
}
