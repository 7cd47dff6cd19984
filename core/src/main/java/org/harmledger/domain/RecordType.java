package org.harmledger.domain;

import java.util.Locale;

/** The kinds of record the ledger keeps. */
public enum RecordType {
  CAMPAIGN("campaign", "campaigns", "cmp", Campaign.class),
  SOURCE("source", "sources", "src", Source.class),
  CLAIM("claim", "claims", "clm", Claim.class),
  INCIDENT("incident", "incidents", "inc", Incident.class),
  CASE("case", "cases", "case", Case.class),
  VICTIM("victim", "victims", "vic", Victim.class),
  LINK_DECISION("link_decision", "link_decisions", "lnk", LinkDecision.class);

  private final String label;
  private final String plural;
  private final String idPrefix;
  private final Class<? extends LedgerRecord> recordClass;

  RecordType(String label, String plural, String idPrefix, Class<? extends LedgerRecord> c) {
    this.label = label;
    this.plural = plural;
    this.idPrefix = idPrefix;
    this.recordClass = c;
  }

  public String label() {
    return label;
  }

  public String plural() {
    return plural;
  }

  public String idPrefix() {
    return idPrefix;
  }

  public Class<? extends LedgerRecord> recordClass() {
    return recordClass;
  }

  /** Accepts "claim", "claims", "CLAIM". */
  public static RecordType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (RecordType r : values()) {
      if (r.label.equals(t) || r.plural.equals(t)) return r;
    }
    throw new ValidationException(
        Problem.of("type", text, "must be one of campaign, source, claim, incident, case, victim, link_decision"));
  }
}
