package org.harmledger.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvDialectTest {
  @Test
  void aHeaderWithSemicolonsAndNoCommaIsSemicolonSeparated() throws Exception {
    assertThat(CsvDialect.delimiterOf("id;name;lat")).isEqualTo(';');
    assertThat(CsvDialect.delimiterOf("id,name,lat")).isEqualTo(',');
    assertThat(CsvDialect.delimiterOf("id,\"a;b\"")).as("a comma anywhere: comma-separated").isEqualTo(',');
    assertThat(CsvDialect.delimiterOf("count")).isEqualTo(',');
    assertThat(CsvDialect.delimiterOf(null)).isEqualTo(',');
    BufferedReader r = new BufferedReader(new StringReader("a;b;count\n1;0;3\n"));
    assertThat(CsvDialect.delimiter(r)).isEqualTo(';');
    assertThat(r.readLine()).as("the reader is back at the header").isEqualTo("a;b;count");
  }
}
