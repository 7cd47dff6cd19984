package org.harmledger.domain;

import java.util.Optional;

/** A named area, optionally with its extent as a bounding box. */
public record Area(String name, Optional<BoundingBox> bbox) {
  public Area {
    bbox = bbox == null ? Optional.empty() : bbox;
  }

  public void check(Problems p, String field) {
    p.requireText(name, field + ".name");
    bbox.ifPresent(b -> b.check(p, field + ".bbox"));
  }
}
