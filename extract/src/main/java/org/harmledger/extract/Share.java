package org.harmledger.extract;

import java.util.List;

/** A breakdown without numbers: "most of them women and children" is share most of women and children. */
public record Share(String share, List<String> counted, int[] span, String text) {}
