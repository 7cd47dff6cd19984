package org.harmledger.linkage;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;
import org.harmledger.io.CsvDialect;
import org.harmledger.io.Utf8;

/** Reads linkage inputs: CSV files with a header (spaces around values ignored, as in FEBRL's ", "). */
public final class Inputs {
  private Inputs() {}

  public static List<Linker.Record> read(List<Path> files, String idColumn) throws IOException {
    List<Linker.Record> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      Set<String> ids = new HashSet<>();
      try (BufferedReader r = new BufferedReader(Utf8.reader(Files.newInputStream(file), file.getFileName() + ": row"), 1 << 16);
          CSVParser csv = CSVFormat.DEFAULT.builder().setDelimiter(CsvDialect.delimiter(r)).setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).setTrim(true).get().parse(r)) {
        List<String> header = csv.getHeaderNames();
        Map<String, Integer> columns = new java.util.HashMap<>();
        for (int h = 0; h < header.size(); h++) columns.put(header.get(h), h);
        if (!header.contains(idColumn)) {
          problems.add(Problem.of(file.getFileName() + ": id_column", idColumn, "is not a column (columns: " + String.join(", ", header) + ")"));
          continue;
        }
        int idAt = columns.get(idColumn);
        for (CSVRecord rec : csv) {
          String[] values = new String[header.size()];
          for (int h = 0; h < values.length && h < rec.size(); h++) values[h] = rec.get(h).isEmpty() ? null : rec.get(h);
          String id = values[idAt];
          if (id == null || id.isBlank()) problems.add(Problem.of(file.getFileName() + ": row " + (rec.getRecordNumber() + 1), "", "has no " + idColumn));
          else if (!ids.add(id)) problems.add(Problem.of(file.getFileName() + ": row " + (rec.getRecordNumber() + 1), id, "this id appears twice"));
          else out.add(new Linker.Record(f, id, values, columns));
        }
      } catch (NoSuchFileException e) {
        problems.add(Problem.of("--input", file.toString(), "does not exist"));
      } catch (Utf8.NotUtf8 e) {
        problems.add(e.problem()); // the row and the bytes
      } catch (java.io.UncheckedIOException e) {
        if (e.getCause() instanceof Utf8.NotUtf8 n) problems.add(n.problem());
        else problems.add(Problem.of("--input", file.toString(), "is not a readable CSV: " + e.getMessage()));
      } catch (IllegalArgumentException e) {
        problems.add(Problem.of("--input", file.toString(), "is not a readable CSV: " + e.getMessage()));
      }
      if (problems.size() > 50) break;
    }
    if (!problems.isEmpty()) throw new ValidationException(problems);
    return out;
  }
}
