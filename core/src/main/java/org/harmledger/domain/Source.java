package org.harmledger.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One document or testimony. {@code role} is the publisher's standing towards the harm; a claim
 * the source reports on someone else's behalf names its own claimant (see {@link Claim}).
 * Confidential sources (protected witnesses) never appear in public exports.
 */
public record Source(
    String id,
    SourceKind kind,
    String publisher,
    Optional<String> author,
    Optional<String> title,
    Optional<String> url,
    Optional<String> language,
    Optional<LocalDate> published,
    Optional<LocalDate> retrieved,
    Role role,
    Optional<Archive> archive,
    boolean confidential,
    boolean secondary,
    Optional<String> notes)
    implements LedgerRecord {
  public Source {
    author = author == null ? Optional.empty() : author;
    title = title == null ? Optional.empty() : title;
    url = url == null ? Optional.empty() : url;
    language = language == null ? Optional.empty() : language;
    published = published == null ? Optional.empty() : published;
    retrieved = retrieved == null ? Optional.empty() : retrieved;
    archive = archive == null ? Optional.empty() : archive;
    notes = notes == null ? Optional.empty() : notes;
  }

  @Override
  public RecordType type() {
    return RecordType.SOURCE;
  }

  @Override
  public void check(Problems p) {
    LedgerRecord.checkId(p, id);
    p.requireNonNull(kind, "kind");
    p.requireText(publisher, "publisher");
    p.requireNonNull(role, "role");
    language.ifPresent(
        l -> p.require(Place.isLanguageTag(l), "language", l, "must be a BCP 47 tag such as da, en or ar"));
    url.ifPresent(
        u -> p.require(u.matches("(?i)(https?|ftp)://\\S+"), "url", u, "must be an http(s) address"));
    if (published.isPresent() && retrieved.isPresent()) {
      p.require(
          !retrieved.get().isBefore(published.get()),
          "retrieved",
          retrieved.get(),
          "must not be before published (" + published.get() + ")");
    }
    archive.ifPresent(a -> a.check(p, "archive"));
  }

  @Override
  public Source withId(String newId) {
    return new Source(newId, kind, publisher, author, title, url, language, published, retrieved, role, archive, confidential, secondary, notes);
  }

  public Source withArchive(Archive a) {
    return new Source(id, kind, publisher, author, title, url, language, published, retrieved, role, Optional.of(a), confidential, secondary, notes);
  }
}
