package org.harmledger.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
  @TempDir Path dir;

  @Test
  void aListExcelSavedWithSemicolonsIsReadByItsColumns() throws Exception {
    Path semi = dir.resolve("semi.csv");
    Files.writeString(semi, "\uFEFFid;name;born\r\nh1;محمد إبراهيم النجار;1985-03-12\r\nh2;Fatima, Ali;1990-07-01\r\n", StandardCharsets.UTF_8);
    List<Linker.Record> records = Inputs.read(List.of(semi), "id");
    assertThat(records).extracting(Linker.Record::id).containsExactly("h1", "h2");
    assertThat(records.get(0).field("name")).isEqualTo("محمد إبراهيم النجار");
    assertThat(records.get(1).field("name")).as("a comma inside a cell of a ';' file is part of the cell").isEqualTo("Fatima, Ali");
    assertThat(records.get(1).field("born")).isEqualTo("1990-07-01");

    Path commas = dir.resolve("commas.csv");
    Files.writeString(commas, "id,name,note\nh1,Ahmad,\"a; b\"\n", StandardCharsets.UTF_8);
    List<Linker.Record> c = Inputs.read(List.of(commas), "id");
    assertThat(c.get(0).field("note")).isEqualTo("a; b");
  }

  @Test
  void anAgeThatIsNotOneIsCountedAsUnreadableAndAnEmptyOneIsMissing() throws Exception {
    Path list = dir.resolve("ages.csv");
    Files.writeString(list, "id,name,age,group\nv1,Ali,34,\nv2,Ali,about 30,adult\nv3,Ali,140,\nv4,Ali,,child\n", StandardCharsets.UTF_8);
    Settings s = Settings.parse("""
        {"id_column": "id",
         "comparisons": [{"name": "name", "column": "name", "type": "full_name", "levels": ["exact"]},
                         {"name": "age", "columns": ["age", "group"], "type": "age", "levels": ["within:2", "group"]}],
         "blocking": [["name"]]}
        """);
    Linker linker = new Linker(s, Inputs.read(List.of(list), "id"), 1);
    Linker.Unreadable age = linker.unreadable().get("age");
    assertThat(age.count()).as("'about 30' and 140; an empty age is missing, not unreadable").isEqualTo(2);
    assertThat(age.firstValue()).isEqualTo("about 30");
    assertThat(age.expected()).isEqualTo("an age in years, 0 to 125");
    assertThat(age.treatedAs()).as("v2 still has its group").contains("the age group, where given, still counts");
    assertThat(linker.unreadable()).doesNotContainKey("name");
  }
}
