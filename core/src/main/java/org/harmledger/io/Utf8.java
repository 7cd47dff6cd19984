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
   * header is row 1), "line" otherwise.
   */
  public static String decode(byte[] bytes, String unit) {
    CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never makes more chars than it has bytes
    problem(bytes, unit, out).ifPresent(p -> {
      throw new ValidationException(p);
    });
    out.flip();
    if (out.length() > 0 && out.charAt(0) == '\uFEFF') out.position(1);
    return out.toString();
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
    return problem(bytes, unit, CharBuffer.allocate(bytes.length));
  }

  private static Optional<Problem> problem(byte[] bytes, String unit, CharBuffer out) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult r = d.decode(in, out, true);
    if (!r.isError()) r = d.flush(out);
    if (!r.isError()) return Optional.empty();
    int at = in.position(); // where the sequence that is not UTF-8 starts
    int line = 1;
    for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
    int end = Math.min(bytes.length, at + Math.max(r.length(), 4));
    return Optional.of(Problem.of(unit + " " + line, "bytes " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, at, end),
        "is not UTF-8 text (the file may have been saved as Windows-1256 or Latin-1): save it as UTF-8"
            + (unit.equals("row") ? " (in Excel: \"CSV UTF-8\")" : "") + " and try again"));
  }
}
