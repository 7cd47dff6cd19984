package org.harmledger.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Query strings for links that change one setting (sort, page) and keep the rest of the filters. */
public final class Links {
  private Links() {}

  /** The query string without the named parameters (kept URL-encoded as they came). */
  public static String without(String query, String... names) {
    if (query == null || query.isEmpty()) return "";
    Set<String> drop = Set.of(names);
    List<String> kept = new ArrayList<>();
    for (String part : query.split("&")) {
      if (part.isEmpty()) continue;
      String name = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
      if (!drop.contains(name)) kept.add(part);
    }
    return String.join("&", kept);
  }

  /** The page of a record named as in a history ({@code claim/clm-3}). */
  public static String record(String typeAndId) {
    int slash = typeAndId.indexOf('/');
    if (slash < 0) return "/";
    String type = typeAndId.substring(0, slash);
    String id = typeAndId.substring(slash + 1);
    return switch (type) {
      case "claim" -> "/claims/" + id + "/edit";
      case "source" -> "/sources/" + id;
      case "incident" -> "/incidents/" + id;
      case "case" -> "/cases/" + id;
      case "campaign" -> "/campaigns/" + id;
      default -> "/api/" + type + "s/" + id;
    };
  }
}
