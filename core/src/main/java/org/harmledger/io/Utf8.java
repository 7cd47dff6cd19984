package org.harmledger.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;

/**
 * A user's file or request body read as UTF-8, strictly. Java's readers replace bytes that are not
 * UTF-8 with U+FFFD and carry on, so a CSV that Excel saved as Windows-1256 would import every
 * Arabic name as a row of question marks without a word; here such bytes are refused, naming the
 * line they are on and the bytes themselves. A leading byte-order mark (Excel's "CSV UTF-8") is
 * dropped.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * The text of {@code bytes}. {@code unit} names a line in the refusal: "row" for a CSV (whose
   * header is row 1), "line" otherwise, after the file's name where that helps ("a.csv: row"). Checked in chunks, then made into a string in one step, so
   * a large import holds its bytes and its text, nothing more.
   */
  public static String decode(byte[] bytes, String unit) {
    problem(bytes, unit).ifPresent(p -> {
      throw new ValidationException(p);
    });
    int from = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
    return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
  }

  /**
   * A reader of {@code in} that refuses what is not UTF-8 as it goes (a {@link
   * java.nio.charset.CharacterCodingException}, without the line: {@link #problem} finds it), for
   * files too large to hold twice; a leading byte-order mark is skipped.
   */
  public static java.io.Reader reader(java.io.InputStream in) throws java.io.IOException {
    java.io.PushbackReader r = new java.io.PushbackReader(new java.io.InputStreamReader(in,
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1);
    int first = r.read();
    if (first >= 0 && first != '\uFEFF') r.unread(first);
    return r;
  }

  /** Where {@code bytes} stop being UTF-8, as a problem naming the line and the bytes; empty if they are UTF-8 throughout. */
  public static Optional<Problem> problem(byte[] bytes, String unit) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(Math.min(bytes.length + 1, 1 << 16)); // reused: only the check is wanted here
    CoderResult r;
    do {
      out.clear();
      r = d.decode(in, out, true);
    } while (r.isOverflow());
    if (!r.isError()) {
      do {
        out.clear();
        r = d.flush(out);
      } while (r.isOverflow());
    }
    if (!r.isError()) return Optional.empty();
    int at = in.position(); // where the sequence that is not UTF-8 starts
    int line = 1;
    for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
    int end = Math.min(bytes.length, at + Math.max(r.length(), 4));
    return Optional.of(Problem.of(unit + " " + line, "bytes " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, at, end),
        "is not UTF-8 text (the file may have been saved as Windows-1256 or Latin-1): save it as UTF-8"
            + (unit.endsWith("row") ? " (in Excel: \"CSV UTF-8\")" : "") + " and try again"));
  }
}
