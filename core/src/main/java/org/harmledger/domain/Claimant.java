package org.harmledger.domain;

import java.util.Locale;

/**
 * Who asserts a claim, when that is not the source's own publisher: a wire story (the source)
 * reporting the coalition's figure (the claimant). The tally groups and supersedes by claimant.
 */
public record Claimant(String name, Role role) {
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

  /** Case- and space-insensitive key, so "Amnesty International" and "amnesty  international" agree. */
  public String key() {
    return SPACES.matcher(name.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
  }

  public void check(Problems p, String field) {
    p.requireText(name, field + ".name");
    p.requireNonNull(role, field + ".role");
  }
}
