package org.harmledger.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;
import org.harmledger.extract.CaseAction;
import org.harmledger.extract.ClaimProposal;
import org.harmledger.extract.Extraction;
import org.harmledger.extract.Extractor;
import org.harmledger.extract.Figure;
import org.harmledger.extract.Lexicon;
import org.harmledger.extract.SetAside;
import org.harmledger.extract.review.DraftClaims;
import org.harmledger.io.Utf8;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Propose casualty claims and case actions found in a text (Danish, English or Arabic), each with the words it rests on.",
      "Without --source nothing is written and no ledger is needed. With --source and --campaign the text is archived on the source"
          + " (with its SHA-256) and every proposal becomes a draft claim of that source; drafts count nowhere until reviewed:"
          + " harmledger review CLAIM accepted|rejected --reason …, after editing with harmledger amend claim CLAIM …"
    })
final class ExtractCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "A UTF-8 text file, or - for standard input.") String file;
  @Option(names = "--lang", required = true, description = "The text's language: da, en or ar.") String lang;
  @Option(names = "--json", description = "Print JSON: claims, case_actions and set_aside (numbers that are not casualty counts, with why).") boolean json;
  @Option(names = "--source", description = "Archive the text on this source and write the proposals as its draft claims.") String source;
  @Option(names = "--campaign", description = "The campaign the draft claims are about (required with --source).") String campaign;
  @Option(names = "--reason", description = "Why, for the ledger (default: proposed by extraction; awaiting review).") String reason;

  @Override
  boolean createsRecords() {
    return false;
  }

  @Override
  public Integer call() throws IOException {
    String language = lang.trim().toLowerCase(java.util.Locale.ROOT);
    if (!Lexicon.LANGUAGES.contains(language)) {
      throw new ValidationException(Problem.of("--lang", lang, "is not a language extraction knows; use one of " + String.join(", ", Lexicon.LANGUAGES)));
    }
    byte[] bytes = read();
    if (source == null) {
      if (campaign != null) throw new ValidationException(Problem.of("--campaign", campaign, "is only used with --source (to write draft claims)"));
      Extraction e = Extractor.extract(Utf8.decode(bytes, "line"), language);
      if (json) printJson(e);
      else print(e);
      return 0;
    }
    if (campaign == null) throw new ValidationException(Problem.of("--campaign", "", "is required with --source: the campaign the draft claims are about"));
    Optional<String> name = file.equals("-") ? Optional.empty() : Optional.of(Path.of(file).getFileName().toString());
    DraftClaims.Staged staged = DraftClaims.stage(ledger(), source, campaign, bytes, language, name, meta(reason));
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("source", staged.source());
      out.put("archive_sha256", staged.archiveSha256());
      out.put("drafts", staged.drafts().stream().map(StoredRecord::id).toList());
      out.put("extraction", staged.extraction());
      printJson(out);
      return 0;
    }
    print(staged.extraction());
    out().printf("%nArchived the text on %s (sha256 %s).%n", staged.source(), staged.archiveSha256());
    List<StoredRecord> drafts = staged.drafts();
    if (drafts.isEmpty()) {
      out().println("No claims proposed, so no drafts written.");
      return 0;
    }
    out().printf("Wrote %d draft claim%s: %s%n", drafts.size(), drafts.size() == 1 ? "" : "s", String.join(", ", drafts.stream().map(StoredRecord::id).toList()));
    out().println("Review each: harmledger review CLAIM accepted   (or: rejected --reason \"…\"); edit first with harmledger amend claim CLAIM --set '{\"killed\":{\"min\":25}}' --reason \"…\"");
    out().println("The decisions show in: harmledger history source " + staged.source());
    return 0;
  }

  private byte[] read() throws IOException {
    if (file.equals("-")) return System.in.readAllBytes();
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new ValidationException(Problem.of("FILE", file, "does not exist"));
    }
  }

  private void print(Extraction e) {
    out().printf("%d claim%s, %d case action%s in %,d characters (%s)%n", e.claims().size(), e.claims().size() == 1 ? "" : "s", e.caseActions().size(), e.caseActions().size() == 1 ? "" : "s", e.characters(), e.language());
    for (ClaimProposal c : e.claims()) {
      StringBuilder b = new StringBuilder();
      c.killed().ifPresent(f -> b.append("killed ").append(range(f)).append(' '));
      c.injured().ifPresent(f -> b.append("injured ").append(range(f)).append(' '));
      c.missing().ifPresent(f -> b.append("missing ").append(range(f)).append(' '));
      b.append(c.counted());
      c.incidents().ifPresent(n -> b.append(" in ").append(n).append(" incidents"));
      b.append("  ← ").append(c.attributedTo().orElse("(no attribution found)"));
      c.attribution().ifPresent(a -> b.append(" [").append(a).append(']'));
      c.place().ifPresent(p -> b.append("  ").append(p));
      c.period().ifPresent(p -> b.append("  ").append(p));
      c.perpetrator().ifPresent(p -> b.append("  by ").append(p).append(c.perpetratorImplied() ? " (implied)" : ""));
      out().printf("%n%s  %s  confidence %.2f%n", c.id(), b, c.confidence());
      out().printf("    \"%s\"  [%d–%d]%n", c.text(), c.span()[0], c.span()[1]);
    }
    for (CaseAction a : e.caseActions()) {
      out().printf("%n%s  %s %d case%s  ← %s%s  confidence %.2f%n    \"%s\"  [%d–%d]%n", a.id(), a.action(), a.count(), a.count() == 1 ? "" : "s", a.attributedTo().orElse("(no attribution found)"), a.stateBefore().map(s -> " (were " + s + ")").orElse(""), a.confidence(), a.text(), a.span()[0], a.span()[1]);
    }
    if (!e.setAside().isEmpty()) {
      out().printf("%nNot casualty counts: %s%n", String.join(", ", e.setAside().stream().map(SetAside::text).map(s -> "\"" + s + "\"").toList().subList(0, Math.min(12, e.setAside().size()))) + (e.setAside().size() > 12 ? " …" : "") + "  (--json says why for each)");
    }
  }

  private static String range(Figure f) {
    String r = f.max().isEmpty() ? "≥" + f.min() : f.max().getAsLong() == f.min() ? Long.toString(f.min()) : f.min() + "–" + f.max().getAsLong();
    return f.qualifier().map(q -> r + " (\"" + q + "\")").orElse(r);
  }
}
