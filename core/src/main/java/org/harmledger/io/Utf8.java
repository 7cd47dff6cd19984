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

  /** As {@link #reader(java.io.InputStream, String)}, naming lines "line N". */
  public static java.io.Reader reader(java.io.InputStream in) throws java.io.IOException {
    return reader(in, "line");
  }

  /**
   * A reader of {@code in} for files too large to hold twice (a UCDP GED file of a whole country
   * and decade): it decodes as it goes and, where the bytes stop being UTF-8, throws {@link
   * NotUtf8} naming the line ({@code unit} as for {@link #decode}) and the bytes, as {@link
   * #problem} does for bytes in memory. A leading byte-order mark is skipped. (Java's own
   * InputStreamReader can be made to refuse, but reads ahead and cannot say where.)
   */
  public static java.io.Reader reader(java.io.InputStream in, String unit) throws java.io.IOException {
    java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, 3);
    byte[] head = p.readNBytes(3);
    boolean bom = head.length == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
    if (!bom) p.unread(head);
    return new Strict(p, unit);
  }

  /** Bytes that are not UTF-8, met while reading: {@link #problem()} names the line and the bytes. */
  public static final class NotUtf8 extends java.nio.charset.CharacterCodingException {
    private final Problem problem;

    NotUtf8(Problem problem) {
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }

    @Override
    public String getMessage() {
      return problem.toString();
    }
  }

  private static final class Strict extends java.io.Reader {
    private final java.io.InputStream in;
    private final String unit;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip(); // read from the stream, not yet decoded
    private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip(); // decoded, not yet read
    private long line = 1; // the line of the next byte to decode
    private boolean eof;
    private boolean done;

    Strict(java.io.InputStream in, String unit) {
      this.in = in;
      this.unit = unit;
    }

    @Override
    public int read(char[] buf, int off, int len) throws java.io.IOException {
      if (len == 0) return 0;
      if (!chars.hasRemaining() && !fill()) return -1;
      int n = Math.min(len, chars.remaining());
      chars.get(buf, off, n);
      return n;
    }

    /** Decodes the next characters; false at the end of the stream. */
    private boolean fill() throws java.io.IOException {
      chars.clear();
      try {
        while (chars.position() == 0 && !done) {
          if (!eof) {
            bytes.compact(); // keeps a sequence cut by the end of the last read
            int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (n < 0) eof = true;
            else bytes.position(bytes.position() + n);
            bytes.flip();
          }
          int start = bytes.position();
          CoderResult r = decoder.decode(bytes, chars, eof);
          for (int i = start; i < bytes.position(); i++) if (bytes.get(i) == '\n') line++;
          if (r.isError()) {
            int at = bytes.position();
            int end = Math.min(bytes.limit(), at + Math.max(r.length(), 4));
            throw new NotUtf8(Problem.of(unit + " " + line, "bytes " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes.array(), bytes.arrayOffset() + at, bytes.arrayOffset() + end), rule(unit)));
          }
          if (r.isOverflow()) break;
          if (eof) {
            if (decoder.flush(chars).isOverflow()) break;
            done = true;
          }
        }
        return chars.position() > 0;
      } finally {
        chars.flip();
      }
    }

    @Override
    public void close() throws java.io.IOException {
      in.close();
    }
  }

  private static String rule(String unit) {
    return "is not UTF-8 text (the file may have been saved as Windows-1256 or Latin-1): save it as UTF-8"
        + (unit.endsWith("row") ? " (in Excel: \"CSV UTF-8\")" : "") + " and try again";
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
    return Optional.of(Problem.of(unit + " " + line, "bytes " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, at, end), rule(unit)));
  }
}
