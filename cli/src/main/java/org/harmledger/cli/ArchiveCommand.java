package org.harmledger.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.harmledger.domain.Archive;
import org.harmledger.domain.Problem;
import org.harmledger.domain.Source;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "archive", mixinStandardHelpOptions = true, description = "Archive a file as a source's copy; prints its SHA-256.")
final class ArchiveCommand extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
  @Parameters(index = "0", description = "Source id.") String source;
  @Parameters(index = "1", description = "The file.") Path file;
  @Option(names = "--media-type", description = "The file's media type. Default: guessed from its name.") String mediaType;
  @Option(names = "--reason", description = "Why you archive it (kept in the ledger entry).") String reason;
  @Option(names = "--expect-version", description = "The version your change is based on (show prints it); refused if someone has changed the record since.") Long expectVersion;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) throw new ValidationException(Problem.of("FILE", file, "is not a readable file"));
    String type = mediaType != null ? mediaType : Optional.ofNullable(Files.probeContentType(file)).orElse("application/octet-stream");
    StoredRecord s = ledger().archive(source, Files.readAllBytes(file), type, Optional.of(file.getFileName().toString()), version(expectVersion), meta(reason));
    Archive a = s.as(Source.class).archive().orElseThrow();
    out().println(a.sha256() + "  " + file);
    return 0;
  }
}
