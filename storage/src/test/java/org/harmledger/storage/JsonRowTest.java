package org.harmledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class JsonRowTest {
  @Test
  void readsWhatSqliteWritesForEachKindOfValue() throws Exception {
    // the text SQLite itself makes, not one written here by hand
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT json_array('Al \"Raqqa\" \\ monitor', 'الرقة — ١٢', char(10) || 'x' || char(31), NULL, 42, -7, 1.5, 9007199254740993, '')")) {
      rs.next();
      Object[] v = JsonRow.parse(rs.getString(1), 9);
      assertThat(v).containsExactly("Al \"Raqqa\" \\ monitor", "الرقة — ١٢", "\nx\u001f", null, 42L, -7L, 1.5, 9007199254740993L, "");
    }
  }

  @Test
  void aValueIsReadAsTheDriverWouldReadItsColumn() {
    assertThat(JsonRow.asLong(12L)).isEqualTo(12);
    assertThat(JsonRow.asLong(12.9)).isEqualTo(12);
    assertThat(JsonRow.asLong("34 killed")).isEqualTo(34);
    assertThat(JsonRow.asLong("many")).isZero();
    assertThat(JsonRow.asText(5L)).isEqualTo("5");
    assertThat(JsonRow.asText(null)).isNull();
  }

  @Test
  void somethingElseIsRefusedSayingWhy() {
    assertThatThrownBy(() -> JsonRow.parse("[1,2]", 3)).isInstanceOf(StoreException.class).hasMessageContaining("2 values where 3 belong");
    assertThatThrownBy(() -> JsonRow.parse("[1,2,3,4]", 3)).hasMessageContaining("more than 3 values");
    assertThatThrownBy(() -> JsonRow.parse("[\"open", 1)).hasMessageContaining("a string is not closed");
    assertThatThrownBy(() -> JsonRow.parse("{}", 1)).hasMessageContaining("no '[' at the start");
    assertThatThrownBy(() -> JsonRow.parse("[tru]", 1)).hasMessageContaining("'tru' is not a value");
  }
}
