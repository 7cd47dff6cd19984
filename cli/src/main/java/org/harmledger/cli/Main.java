package org.harmledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.harmledger.domain.ConflictException;
import org.harmledger.domain.NotFoundException;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;
import org.harmledger.service.LedgerService;
import org.harmledger.storage.SqliteLedgerStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code harmledger} command. Global options choose the database and who is acting; each
 * subcommand is one class in this package. Exit codes: 0 done, 1 failed (e.g. verify found
 * tampering), 2 bad input (nothing written), 3 not found, 4 conflict (someone changed the record
 * first).
 */
@Command(
    name = "harmledger",
    mixinStandardHelpOptions = true,
    version = "Harm Ledger 0.1.0",
    description = "Record, verify and tally civilian harm: every figure with its source, every change in a hash-chained ledger.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      TallyCommand.class,
      VerifyCommand.class,
      AddCommand.class,
      ShowCommand.class,
      ListCommand.class,
      AmendCommand.class,
      GradeCommand.class,
      TransitionCommand.class,
      LinkCommand.class,
      UnlinkCommand.class,
      DecideCommand.class,
      ReviewCommand.class,
      ExtractCommand.class,
      EstimateCommand.class,
      BenchEstimateCommand.class,
      SynthCommand.class,
      BenchExtractCommand.class,
      RetractCommand.class,
      ArchiveCommand.class,
      HistoryCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int NOT_FOUND = 3;
  public static final int CONFLICT = 4;

  @Option(names = "--db", description = "The ledger database file (SQLite). Default: ${DEFAULT-VALUE}, or $HARMLEDGER_DB.", defaultValue = "${env:HARMLEDGER_DB:-harmledger.db}")
  Path db;

  @Option(names = "--actor", description = "Who is making changes, recorded in every ledger entry. Default: $USER.", defaultValue = "${env:USER:-cli}")
  String actor;

  @Option(names = "--shared", description = "The shared data folder (seed story, benchmark data). Default: ../shared beside the project, if present.")
  Path shared;

  private SqliteLedgerStore store;
  private LedgerService ledger;

  /**
   * The ledger in {@code --db}. Only commands that create records may create the file: a typo in
   * the path must not make {@code verify} report an empty new ledger as intact.
   */
  LedgerService ledger(boolean mayCreate) {
    if (ledger == null && !mayCreate && !java.nio.file.Files.isRegularFile(db)) {
      throw new MissingLedgerException("no ledger file at " + db.toAbsolutePath() + " (create one with demo, add or import, or give --db)");
    }
    if (ledger == null) {
      store = SqliteLedgerStore.open(db);
      ledger = new LedgerService(store);
    }
    return ledger;
  }

  Optional<Path> shared() {
    if (shared != null) return Optional.of(shared);
    for (Path p : new Path[] {Paths.get("../shared"), Paths.get(System.getProperty("harmledger.home", ".")).resolve("../shared")}) {
      if (p.resolve("seed").toFile().isDirectory()) return Optional.of(p.normalize());
    }
    return Optional.empty();
  }

  void close() {
    if (store != null) store.close();
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns its exit code (tests call this in-process). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    CommandLine cl = new CommandLine(main);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(LocalDate.class, s -> {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + s + "' is not a date as YYYY-MM-DD");
      }
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        report(ex, commandLine.getErr(), !(commandLine.getCommand() instanceof Base b) || b.writesLedger()));
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // what was being written is rolled back (the store undoes a transaction on any Error), and
      // the heap it held is free again by the time this runs
      err.println("error: Java ran out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB allowed); a change being written was rolled back, as a whole"
          + ". Allow more and run it again, e.g. HARMLEDGER_JAVA_OPTS=-Xmx" + Math.max(2, 2 * Runtime.getRuntime().maxMemory() / (1L << 30) + 1) + "g ./harmledger …");
      return FAILED;
    } finally {
      main.close();
    }
  }

  static int report(Exception ex, PrintWriter err, boolean writes) {
    switch (ex) {
      case ValidationException v -> {
        err.println(writes ? "error: rejected, nothing was written:" : "error: rejected:");
        for (String line : grouped(v.problems())) err.println("  " + line);
        return BAD_INPUT;
      }
      case NotFoundException n -> {
        err.println("error: " + n.getMessage());
        return NOT_FOUND;
      }
      case MissingLedgerException m -> {
        err.println("error: " + m.getMessage());
        return NOT_FOUND;
      }
      case ConflictException c -> {
        err.println("error: " + c.getMessage());
        return CONFLICT;
      }
      default -> {
        err.println("error: " + ex.getMessage());
        if (System.getenv("HARMLEDGER_DEBUG") != null) ex.printStackTrace(err);
        return FAILED;
      }
    }
  }

  private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile("(row|line) (\\d+): (.*)");

  /**
   * The problems for a person to read: the same problem on many rows of a file (a misspelt role
   * in every row, say) is one line naming all those rows as ranges, in the order first met, where
   * it had been one line per row, thousands of them. Every row is still named.
   */
  static List<String> grouped(List<Problem> problems) {
    Map<Object, Group> groups = new LinkedHashMap<>(); // in the order first met
    for (Problem p : problems) {
      java.util.regex.Matcher m = ROW.matcher(p.field());
      if (!m.matches()) {
        groups.put(new Object(), new Group(null, p.toString(), List.of()));
        continue;
      }
      String unit = m.group(1);
      String problem = new Problem(m.group(3), p.value(), p.rule()).toString();
      groups.computeIfAbsent(List.of(unit, problem), k -> new Group(unit, problem, new ArrayList<>())).rows().add(Integer.parseInt(m.group(2)));
    }
    return groups.values().stream().map(Group::line).toList();
  }

  /** One problem and the rows (or lines) of a file that have it; no unit: not about a row. */
  private record Group(String unit, String problem, List<Integer> rows) {
    String line() {
      if (unit == null) return problem;
      if (rows.size() == 1) return unit + " " + rows.get(0) + ": " + problem;
      return unit + "s " + ranges(rows) + " (" + rows.size() + " " + unit + "s): " + problem;
    }
  }

  /** 2, 3, 4, 7, 9, 10 as "2–4, 7, 9–10". */
  static String ranges(List<Integer> sorted) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sorted.size(); ) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) j++;
      if (b.length() > 0) b.append(", ");
      b.append(sorted.get(i));
      if (j > i) b.append('–').append(sorted.get(j));
      i = j + 1;
    }
    return b.toString();
  }

  /** The --db file does not exist and the command only reads or changes existing records. */
  static final class MissingLedgerException extends RuntimeException {
    MissingLedgerException(String message) {
      super(message);
    }
  }
}
