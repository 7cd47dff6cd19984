package org.harmledger.io;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Which character separates a CSV file's cells. Excel in Danish, German, French and other locales
 * saves "CSV" with ';' (the comma being their decimal mark), so a header line with a semicolon
 * and no comma is taken as ';'-separated; anything else as RFC 4180's ','. (commons-csv reads a
 * given delimiter but does not guess one.)
 */
public final class CsvDialect {
  private CsvDialect() {}

  public static char delimiterOf(String headerLine) {
    return headerLine != null && headerLine.indexOf(';') >= 0 && headerLine.indexOf(',') < 0 ? ';' : ',';
  }

  /** The delimiter of the file {@code r} is at the start of: reads its header line and steps back. */
  public static char delimiter(BufferedReader r) throws IOException {
    r.mark(1 << 16);
    String header = r.readLine();
    r.reset();
    return delimiterOf(header);
  }
}
