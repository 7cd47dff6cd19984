package org.harmledger.extract;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stated quantity as a range: "23" is 23–23, "hundreds" at least 200 (no maximum), "up to 40"
 * 0–40. {@code qualifier} keeps the word that shaped it (more than, at least, about, hundreds…),
 * {@code approximate} marks "about" and "around", whose range is the stated number itself.
 */
public record Figure(long min, OptionalLong max, Optional<String> qualifier, boolean approximate, int[] span, String text) {}
