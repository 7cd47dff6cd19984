package org.harmledger.service;

import java.util.List;

/**
 * What {@code verify} found. {@code ok} only when the chain is unbroken, every entry's hash is
 * right, and the state tables equal a replay of the ledger. {@code problems} lists the first
 * break of the chain, or every differing row (up to a limit), each naming entry or row.
 */
public record VerifyReport(
    boolean ok,
    long entries,
    long records,
    long headSeq,
    String headHash,
    List<String> problems,
    long millis) {
  public String firstProblem() {
    return problems.isEmpty() ? "" : problems.get(0);
  }
}
