package org.harmledger.extract;

/** The words one part of a proposal rests on: its role (figure, casualty, counted, attribution…) and where they are. */
public record Evidence(String role, int[] span, String text) {}
