package org.harmledger.extract.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.Claim;
import org.harmledger.domain.ClaimStatus;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.Role;
import org.harmledger.domain.Source;
import org.harmledger.domain.SourceKind;
import org.harmledger.domain.ValidationException;
import org.harmledger.domain.NotFoundException;
import org.harmledger.service.DemoLedger;
import org.harmledger.service.HistoryItem;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;
import org.harmledger.storage.SqliteLedgerStore;
import org.harmledger.tally.TallyFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction → draft claims → review, against a real SQLite ledger with the demo loaded. */
class DraftClaimsTest {
  static final String ARABIC = "قالت منظمة العفو الدولية إن غارات التحالف قتلت 300 مدني في الرقة. وأعلن التحالف أنه سيعيد فتح ثلاث قضايا.";
  @TempDir Path dir;
  SqliteLedgerStore store;
  LedgerService ledger;
  final Meta ana = new Meta("ana", "");

  @BeforeEach
  void open() {
    store = SqliteLedgerStore.open(dir.resolve("review.db"));
    ledger = new LedgerService(store);
    DemoLedger.load(ledger, Optional.empty());
    ledger.create(new Source("aljazeera-1", SourceKind.NEWS, "Al Jazeera Arabic", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("ar"), Optional.of(LocalDate.parse("2018-07-01")), Optional.empty(), Role.MEDIA, Optional.empty(), false, false, Optional.empty()), ana);
  }

  @AfterEach
  void close() {
    store.close();
  }

  long head() {
    return store.read(r -> r.head().orElseThrow().seq());
  }

  long independentMin() {
    return ledger.tally("raqqa-2017", Optional.of(LocalDate.parse("2019-01-01")), TallyFilter.NONE).killed().independent().min();
  }

  @Test
  void anArabicStoryBecomesDraftsThatCountOnlyOnceAccepted() throws Exception {
    byte[] text = ARABIC.getBytes(StandardCharsets.UTF_8);
    long before = independentMin();
    DraftClaims.Staged s = DraftClaims.stage(ledger, "aljazeera-1", "raqqa-2017", text, "ar", Optional.of("story.txt"), ana);

    assertThat(s.archiveSha256()).isEqualTo(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text)));
    assertThat(ledger.archiveBytes(s.archiveSha256())).get().isEqualTo(text);
    assertThat(s.drafts()).hasSize(1);
    Claim draft = s.drafts().get(0).as(Claim.class);
    assertThat(draft.status()).isEqualTo(ClaimStatus.DRAFT);
    assertThat(draft.killed().get().min()).isEqualTo(300);
    assertThat(draft.claimant().get().name()).isEqualTo("Amnesty International");
    assertThat(draft.claimant().get().role()).isEqualTo(Role.INDEPENDENT_MONITOR);
    assertThat(draft.quote()).hasValueSatisfying(q -> assertThat(ARABIC).contains(q));
    assertThat(draft.quoteLanguage()).hasValue("ar");
    assertThat(s.extraction().caseActions()).singleElement().satisfies(a -> assertThat(a.action()).isEqualTo("reopened"));
    assertThat(independentMin()).as("a draft counts nowhere").isEqualTo(before);

    String id = draft.id();
    ledger.amend(RecordType.CLAIM, id, org.harmledger.ledger.Json.readTree("{\"killed\":{\"min\":300,\"max\":350}}"), OptionalLong.empty(), new Meta("ana", "the report gives 300 to 350"));
    ledger.review(id, ClaimStatus.ACCEPTED, OptionalLong.empty(), new Meta("ana", "checked against Amnesty's report"));
    assertThat(independentMin()).as("once accepted, Amnesty's later figure supersedes its earlier one").isEqualTo(300);

    var history = ledger.history(RecordType.SOURCE, "aljazeera-1");
    assertThat(history).extracting(HistoryItem::record, HistoryItem::action, HistoryItem::reason)
        .contains(
            org.assertj.core.groups.Tuple.tuple("source/aljazeera-1", "amend", "text archived for extraction"),
            org.assertj.core.groups.Tuple.tuple("claim/" + id, "create", "proposed by extraction; awaiting review"),
            org.assertj.core.groups.Tuple.tuple("claim/" + id, "amend", "the report gives 300 to 350"),
            org.assertj.core.groups.Tuple.tuple("claim/" + id, "review", "checked against Amnesty's report"));
    assertThat(history).extracting(HistoryItem::seq).isSorted();
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  @Test
  void aPageBreakInsideTheQuotedSentenceBecomesASpaceNotARefusal() {
    // text from a PDF carries a form feed where a page ended; the ledger refuses control
    // characters in a quote, so the draft keeps the words with a space there
    String paged = ARABIC.replace("قتلت 300", "قتلت\f300");
    DraftClaims.Staged s = DraftClaims.stage(ledger, "aljazeera-1", "raqqa-2017", paged.getBytes(StandardCharsets.UTF_8), "ar", Optional.empty(), ana);
    Claim draft = s.drafts().get(0).as(Claim.class);
    assertThat(draft.killed().get().min()).isEqualTo(300);
    assertThat(draft.quote()).hasValueSatisfying(q -> assertThat(q).contains("قتلت 300").doesNotContain("\f"));
    assertThat(ledger.archiveBytes(s.archiveSha256())).get().isEqualTo(paged.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rejectingADraftNeedsAReasonAndIsKept() {
    DraftClaims.Staged s = DraftClaims.stage(ledger, "aljazeera-1", "raqqa-2017", ARABIC.getBytes(StandardCharsets.UTF_8), "ar", Optional.empty(), ana);
    String id = s.drafts().get(0).id();
    assertThatThrownBy(() -> ledger.review(id, ClaimStatus.REJECTED, OptionalLong.empty(), new Meta("ana", ""))).isInstanceOf(ValidationException.class).hasMessageContaining("reason");
    ledger.review(id, ClaimStatus.REJECTED, OptionalLong.empty(), new Meta("ana", "figure is for all of Syria"));
    assertThat(ledger.get(RecordType.CLAIM, id).as(Claim.class).status()).isEqualTo(ClaimStatus.REJECTED);
  }

  @Test
  void aFailedStagingWritesNothing() {
    long head = head();
    byte[] text = ARABIC.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DraftClaims.stage(ledger, "aljazeera-1", "no-such-campaign", text, "ar", Optional.empty(), ana))
        .isInstanceOf(ValidationException.class).hasMessageContaining("no-such-campaign");
    assertThatThrownBy(() -> DraftClaims.stage(ledger, "no-such-source", "raqqa-2017", text, "ar", Optional.empty(), ana)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> DraftClaims.stage(ledger, "aljazeera-1", "raqqa-2017", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}, "ar", Optional.empty(), ana))
        .isInstanceOf(ValidationException.class).hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> DraftClaims.stage(ledger, "aljazeera-1", "raqqa-2017", text, "fr", Optional.empty(), ana))
        .isInstanceOf(ValidationException.class).hasMessageContaining("lang");
    assertThat(head()).as("nothing written").isEqualTo(head);
    assertThat(ledger.get(RecordType.SOURCE, "aljazeera-1").as(Source.class).archive()).isEmpty();
  }
}
