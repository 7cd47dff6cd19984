package org.harmledger.domain;

/**
 * How an allegation of civilian harm reached the belligerent that assesses it, in the categories
 * CJTF-OIR's monthly civilian casualty reports give for each case ("self-report", media, social
 * media, an NGO such as Airwars or Amnesty, …).
 */
public enum AllegationChannel {
  /** The belligerent's own forces reported it. */
  SELF_REPORT("Self-report"),
  MEDIA("Media"),
  SOCIAL_MEDIA("Social media"),
  /** A non-governmental organisation (Airwars, Amnesty International, a local monitor). */
  NGO("NGO"),
  /** The United Nations or another international organisation. */
  INTERNATIONAL_ORGANISATION("International organisation"),
  /** A government, including a partner force or the belligerent's own other departments. */
  GOVERNMENT("Government"),
  /** A person: a victim's relative, a witness. */
  INDIVIDUAL("Individual"),
  OTHER("Other");

  private final String label;

  AllegationChannel(String label) {
    this.label = label;
  }

  /** As a page or a report writes it ("NGO", "Self-report"). */
  public String label() {
    return label;
  }

  /** A channel's code as a case report keys it ("ngo", "self_report", or "not_stated") as a page or report writes it. */
  public static String labelOf(String code) {
    return code.equals("not_stated") ? "not stated" : valueOf(code.toUpperCase(java.util.Locale.ROOT)).label();
  }

  /** A case report's counts by channel as "NGO 2, Media 1, not stated 4". */
  public static String describe(java.util.Map<String, Integer> byCode) {
    return byCode.entrySet().stream().map(e -> labelOf(e.getKey()) + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
  }
}
