package org.harmledger.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;
import org.junit.jupiter.api.Test;

class Utf8Test {
  static final Charset WINDOWS_1256 = Charset.forName("windows-1256");

  @Test
  void arabicInUtf8IsReadAndALeadingByteOrderMarkDropped() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "name\nمحمد النجار\n".getBytes(StandardCharsets.UTF_8);
    byte[] both = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, both, 0, 3);
    System.arraycopy(text, 0, both, 3, text.length);
    assertThat(Utf8.decode(both, "row")).isEqualTo("name\nمحمد النجار\n");
    assertThat(Utf8.decode(text, "row")).isEqualTo("name\nمحمد النجار\n");
    assertThat(Utf8.decode(new byte[0], "row")).isEmpty();
  }

  @Test
  void theSameNameSavedAsWindows1256IsRefusedNamingItsLineAndBytes() {
    byte[] cp1256 = "name,place\nAhmad,Raqqa\nمحمد,الرقة\n".getBytes(WINDOWS_1256);
    assertThatThrownBy(() -> Utf8.decode(cp1256, "row"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> {
          Problem p = ((ValidationException) e).problems().get(0);
          assertThat(p.field()).isEqualTo("row 3");
          assertThat(p.value()).startsWith("bytes E3 CD E3 CF"); // م ح م د in Windows-1256
          assertThat(p.rule()).contains("not UTF-8").contains("CSV UTF-8");
        });
  }

  @Test
  void aBadByteFarIntoALargeFileIsFoundOnItsLine() {
    StringBuilder b = new StringBuilder("id,name\n");
    for (int i = 0; i < 20_000; i++) b.append(i).append(",محمد\n"); // 200 KB, several of the check's chunks
    byte[] good = b.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.decode(good, "row")).isEqualTo(b.toString());
    byte[] bad = java.util.Arrays.copyOf(good, good.length + 3);
    bad[good.length] = 'x';
    bad[good.length + 1] = (byte) 0xE3; // a Windows-1256 letter on the last row
    bad[good.length + 2] = '\n';
    assertThat(Utf8.problem(bad, "row")).get().extracting(Problem::field).isEqualTo("row 20002");
  }

  @Test
  void aSequenceCutShortAtTheEndIsRefusedToo() {
    byte[] cut = {'o', 'k', '\n', (byte) 0xD9}; // the first byte of a two-byte letter, then nothing
    assertThat(Utf8.problem(cut, "line")).get().extracting(Problem::field, Problem::value).containsExactly("line 2", "bytes D9");
    assertThat(Utf8.problem("fine".getBytes(StandardCharsets.UTF_8), "line")).isEmpty();
  }

  @Test
  void theStreamingReaderRefusesRatherThanReplacesAndSkipsAByteOrderMark() throws IOException {
    try (Reader r = Utf8.reader(new ByteArrayInputStream("\uFEFFid\n1\n".getBytes(StandardCharsets.UTF_8)))) {
      StringBuilder b = new StringBuilder();
      for (int c; (c = r.read()) >= 0; ) b.append((char) c);
      assertThat(b.toString()).isEqualTo("id\n1\n");
    }
    Reader bad = Utf8.reader(new ByteArrayInputStream("id\nمحمد\n".getBytes(WINDOWS_1256)));
    assertThatThrownBy(() -> {
      while (bad.read() >= 0) {
        // read to the end
      }
    }).isInstanceOf(CharacterCodingException.class);
  }

  /** Reads a reader to its end. */
  private static String readAll(Reader r) throws IOException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[1000];
    for (int n; (n = r.read(buf, 0, buf.length)) >= 0; ) b.append(buf, 0, n);
    return b.toString();
  }

  /** A stream that hands out at most {@code most} bytes a read, so letters fall across reads. */
  private static java.io.InputStream trickling(byte[] bytes, int most) {
    return new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, most));
      }
    };
  }

  @Test
  void theStreamingReaderReadsLettersCutAcrossReadsAndNamesTheLineOfABadByte() throws IOException {
    StringBuilder b = new StringBuilder("id,name\n");
    for (int i = 0; i < 20_000; i++) b.append(i).append(",محمد\n"); // 200 KB: several of the reader's 64 KB buffers
    byte[] good = b.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(readAll(Utf8.reader(new ByteArrayInputStream(good), "row"))).isEqualTo(b.toString());
    assertThat(readAll(Utf8.reader(trickling(good, 7), "row"))).as("two-byte letters cut by every read").isEqualTo(b.toString());

    byte[] bad = java.util.Arrays.copyOf(good, good.length + 3);
    bad[good.length] = 'x';
    bad[good.length + 1] = (byte) 0xE3; // a Windows-1256 letter on the last row
    bad[good.length + 2] = '\n';
    for (java.io.InputStream in : List.of(new ByteArrayInputStream(bad), trickling(bad, 5))) {
      assertThatThrownBy(() -> readAll(Utf8.reader(in, "row"))).isInstanceOf(Utf8.NotUtf8.class).satisfies(e -> {
        Problem p = ((Utf8.NotUtf8) e).problem();
        assertThat(p).isEqualTo(Utf8.problem(bad, "row").orElseThrow()).as("as the check in memory says it");
        assertThat(p.field()).isEqualTo("row 20002");
        assertThat(p.value()).startsWith("bytes E3");
      });
    }
    byte[] cut = {'o', 'k', '\n', (byte) 0xD9};
    assertThatThrownBy(() -> readAll(Utf8.reader(new ByteArrayInputStream(cut), "line"))).isInstanceOf(Utf8.NotUtf8.class)
        .satisfies(e -> assertThat(((Utf8.NotUtf8) e).problem()).extracting(Problem::field, Problem::value).containsExactly("line 2", "bytes D9"));
    byte[] bomOnly = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    assertThat(readAll(Utf8.reader(new ByteArrayInputStream(bomOnly), "row"))).isEmpty();
    assertThat(readAll(Utf8.reader(new ByteArrayInputStream(new byte[] {'a'}), "row"))).isEqualTo("a");
  }
}
