package org.harmledger.extract.review;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.ControlCharacters;
import org.harmledger.domain.Category;
import org.harmledger.domain.Claim;
import org.harmledger.domain.ClaimStatus;
import org.harmledger.domain.ClaimSubject;
import org.harmledger.domain.Claimant;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.PlacePrecision;
import org.harmledger.domain.Problem;
import org.harmledger.domain.Range;
import org.harmledger.domain.Role;
import org.harmledger.domain.StatedPlace;
import org.harmledger.domain.StatedTime;
import org.harmledger.domain.ValidationException;
import org.harmledger.extract.ClaimProposal;
import org.harmledger.extract.Extraction;
import org.harmledger.extract.Extractor;
import org.harmledger.extract.Figure;
import org.harmledger.extract.Lexicon;
import org.harmledger.io.Utf8;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;

/**
 * The review step: a source's text is archived with its SHA-256 and every proposal becomes a
 * draft claim of that source, in one transaction. Drafts do not count in any tally until a
 * person accepts them ({@link LedgerService#review}); editing one is an amendment, rejecting one
 * a review with a reason. Each of those is a ledger entry, and all of them show in the source's
 * history.
 */
public final class DraftClaims {
  private DraftClaims() {}

  /** What staging wrote: the archived text's hash, the extraction, and the draft claims made from it. */
  public record Staged(String source, String archiveSha256, Extraction extraction, List<StoredRecord> drafts) {}

  /**
   * Archives {@code text} on the source, extracts from it and writes one draft claim per proposal,
   * about the campaign as a whole (a reviewer narrows the subject to incidents when known).
   */
  public static Staged stage(LedgerService ledger, String sourceId, String campaign, byte[] text, String language, Optional<String> fileName, Meta meta) {
    if (!Lexicon.LANGUAGES.contains(language)) {
      throw new ValidationException(Problem.of("lang", language, "is not a language extraction knows; use one of " + String.join(", ", Lexicon.LANGUAGES)));
    }
    String body = Utf8.decode(text, "line");
    if (body.isBlank()) throw new ValidationException(Problem.of("text", "", "is empty; give the source's text to extract from"));
    Extraction extraction = Extractor.extract(body, language);
    return ledger.atomically(l -> {
      StoredRecord source = l.archive(sourceId, text, "text/plain; charset=utf-8", fileName, OptionalLong.empty(), meta.withDefaultReason("text archived for extraction"));
      String sha = source.as(org.harmledger.domain.Source.class).archive().orElseThrow().sha256();
      List<Claim> claims = new ArrayList<>();
      for (ClaimProposal p : extraction.claims()) claims.add(draft(p, sourceId, campaign, language));
      List<StoredRecord> drafts = claims.isEmpty() ? List.of() : l.createAll(claims, meta.withDefaultReason("proposed by extraction; awaiting review"));
      return new Staged(sourceId, sha, extraction, drafts);
    });
  }

  /** A proposal as a draft claim: what the text says, and in the notes what the claim has no field for. */
  static Claim draft(ClaimProposal p, String sourceId, String campaign, String language) {
    Optional<Claimant> claimant = p.attributedTo().map(name -> new Claimant(name, role(p.attributedRole().orElse("other"))));
    Optional<DateSpan> period = p.period().map(s -> DateSpan.parse("period", s));
    Map<Category, Range> killedBy = categories(p.killedBy());
    Map<Category, Range> injuredBy = categories(p.injuredBy());
    List<String> notes = new ArrayList<>();
    notes.add("proposed by extraction (" + p.id() + ", confidence " + p.confidence() + ", attribution " + p.attribution().orElse("none") + ")");
    notes.add("counted: " + p.counted() + p.countedText().map(t -> " (\"" + t + "\")").orElse(""));
    p.incidents().ifPresent(n -> notes.add("in " + n + " incidents"));
    p.missing().ifPresent(f -> notes.add("missing: " + describe(f)));
    p.means().ifPresent(m -> notes.add("means: " + m));
    p.attributedOrganisation().ifPresent(o -> notes.add("speaker's organisation: " + o));
    String breakdown = String.join("; ", p.breakdown().stream().map(s -> s.share() + ": " + String.join(", ", s.counted())).toList());
    return new Claim(
        null,
        sourceId,
        claimant,
        new ClaimSubject.Aggregate(campaign, Optional.empty(), period),
        p.killed().map(DraftClaims::range),
        p.injured().map(DraftClaims::range),
        killedBy,
        injuredBy,
        breakdown.isEmpty() ? Optional.empty() : Optional.of(breakdown),
        p.perpetrator().map(x -> p.perpetratorImplied() ? x + " (implied, not named in the text)" : x),
        Optional.of(ControlCharacters.spaced(p.text())), // a page break inside the sentence is layout, not words
        Optional.of(language),
        p.periodText().map(t -> new StatedTime(ControlCharacters.spaced(t), period)),
        p.placeText().map(t -> new StatedPlace(ControlCharacters.spaced(p.place().orElse(t)), precision(p.placePrecision()))),
        Optional.empty(),
        ClaimStatus.DRAFT,
        Optional.of(String.join("; ", notes)));
  }

  private static Range range(Figure f) {
    return new Range(f.min(), f.max());
  }

  private static String describe(Figure f) {
    return f.min() + (f.max().isPresent() ? (f.max().getAsLong() == f.min() ? "" : "–" + f.max().getAsLong()) : "+");
  }

  private static Map<Category, Range> categories(Map<String, Figure> by) {
    Map<Category, Range> out = new EnumMap<>(Category.class);
    by.forEach((k, f) -> {
      try {
        out.put(Category.valueOf(k.toUpperCase(Locale.ROOT)), range(f));
      } catch (IllegalArgumentException e) {
        // combatants or people have no category on a claim; the figure's notes keep the words
      }
    });
    return out;
  }

  private static Role role(String r) {
    try {
      return Role.valueOf(r.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Role.OTHER;
    }
  }

  private static PlacePrecision precision(Optional<String> p) {
    try {
      return p.map(x -> PlacePrecision.valueOf(x.toUpperCase(Locale.ROOT))).orElse(PlacePrecision.UNKNOWN);
    } catch (IllegalArgumentException e) {
      return PlacePrecision.UNKNOWN;
    }
  }
}
