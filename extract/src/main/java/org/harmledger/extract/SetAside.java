package org.harmledger.extract;

/** A number that is not a casualty count, and why: date, year, duration, age, money, percent, incidents, cases, other. */
public record SetAside(String reason, int[] span, String text) {}
