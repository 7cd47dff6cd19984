package org.harmledger.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.harmledger.domain.Allegation;
import org.harmledger.domain.Archive;
import org.harmledger.domain.Area;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.Case;
import org.harmledger.domain.LinkDecision;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.Claim;
import org.harmledger.domain.ClaimStatus;
import org.harmledger.domain.ClaimSubject;
import org.harmledger.domain.ConflictException;
import org.harmledger.domain.Grading;
import org.harmledger.domain.Incident;
import org.harmledger.domain.IncidentMatch;
import org.harmledger.domain.LedgerRecord;
import org.harmledger.domain.NotFoundException;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ControlCharacters;
import org.harmledger.domain.Problems;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.Source;
import org.harmledger.domain.ValidationException;
import org.harmledger.domain.Victim;
import org.harmledger.ledger.Action;
import org.harmledger.ledger.Chain;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.LedgerEntry;
import org.harmledger.ledger.Replay;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.store.LedgerReader;
import org.harmledger.store.LedgerStore;
import org.harmledger.store.LedgerWriter;
import org.harmledger.store.RecordQuery;
import org.harmledger.tally.Tally;
import org.harmledger.tally.TallyFacts;
import org.harmledger.tally.TallyFilter;
import org.harmledger.tally.TallyReport;

/**
 * The ledger's commands and queries: the one place where records are checked, references
 * resolved and entries appended. The CLI and the HTTP API both call this and nothing below it.
 * Every command runs in one store transaction: it writes its entry and the new state, or
 * nothing. Thread-safe when its store is.
 */
public final class LedgerService {
  private final LedgerStore store;
  private final Clock clock;

  public LedgerService(LedgerStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public LedgerService(LedgerStore store) {
    this(store, Clock.systemUTC());
  }

  public LedgerStore store() {
    return store;
  }

  public LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  /**
   * Runs several commands as one transaction: all of them are written, or none. The service
   * handed to {@code work} writes through the same transaction.
   */
  public <T> T atomically(java.util.function.Function<LedgerService, T> work) {
    return store.write(w -> work.apply(new LedgerService(new BoundStore(w, store.describe()), clock)));
  }

  /** A store view that runs everything inside one open transaction. */
  private record BoundStore(LedgerWriter writer, String description) implements LedgerStore {
    @Override
    public <T> T write(java.util.function.Function<LedgerWriter, T> work) {
      return work.apply(writer);
    }

    @Override
    public <T> T read(java.util.function.Function<LedgerReader, T> work) {
      return work.apply(writer);
    }

    @Override
    public String describe() {
      return description;
    }


    @Override
    public void close() {}
  }

  // ---------------------------------------------------------------- commands

  /** Creates a record; assigns an id ({@code clm-7}) when it has none. */
  public StoredRecord create(LedgerRecord record, Meta meta) {
    return store.write(w -> create(w, record, meta));
  }

  /** Creates several records in one transaction: all of them, or none. */
  public List<StoredRecord> createAll(List<? extends LedgerRecord> records, Meta meta) {
    return store.write(w -> {
      List<StoredRecord> out = new ArrayList<>(records.size());
      for (LedgerRecord r : records) out.add(create(w, r, meta));
      return out;
    });
  }

  StoredRecord create(LedgerWriter w, LedgerRecord record, Meta meta) {
    // a review decision is evidence others rely on: why it was made is required, from every
    // front end (the CLI, the review page, the API), never filled in
    boolean decision = record instanceof LinkDecision;
    Meta m = decision ? meta : meta.withDefaultReason("new " + record.type().label());
    Problems p = new Problems();
    m.check(p, decision);
    record.check(p);
    checkReferences(w, record, p);
    boolean given = record.id() != null && !record.id().isBlank();
    if (given && w.state(record.type(), record.id()) != org.harmledger.store.RecordState.MISSING) {
      p.add("id", record.id(), "another " + record.type().label() + " already has this id");
    }
    p.throwIfAny();
    LedgerRecord r = given ? record : record.withId(nextId(w, record.type()));
    return commit(w, Action.CREATE, r, null, m);
  }

  /**
   * Changes fields of a record with a JSON merge patch (RFC 7386: given fields replace, null
   * removes). {@code expectedVersion}, when given, must be the record's current version, so two
   * people editing the same record cannot silently overwrite each other.
   */
  public StoredRecord amend(RecordType type, String id, JsonNode patch, OptionalLong expectedVersion, Meta meta) {
    return store.write(w -> {
      StoredRecord before = current(w, type, id, expectedVersion);
      Problems p = new Problems();
      meta.check(p, true);
      p.throwIfAny();
      if (patch == null || !patch.isObject()) {
        throw new ValidationException(Problem.of("(patch)", patch, "must be a JSON object of the fields to change"));
      }
      if (patch.has("id") && !patch.get("id").asText().equals(id)) {
        throw new ValidationException(Problem.of("id", patch.get("id").asText(), "cannot be changed (retract and create instead)"));
      }
      JsonNode merged = mergePatch(Json.tree(before.record()), patch);
      LedgerRecord after = Json.convert(merged, type.recordClass());
      after.check(p);
      guardAppendOnly(before.record(), after, p);
      checkReferences(w, after, p);
      p.throwIfAny();
      if (after.equals(before.record())) {
        throw new ValidationException(Problem.of("(patch)", patch.toString(), "changes nothing"));
      }
      return commit(w, Action.AMEND, after, before, meta);
    });
  }

  /** Grades an incident on the Airwars scale; earlier gradings stay in its history. */
  public StoredRecord grade(String incidentId, Grading grading, OptionalLong expectedVersion, Meta meta) {
    return store.write(w -> {
      StoredRecord before = current(w, RecordType.INCIDENT, incidentId, expectedVersion);
      Meta m = meta.withDefaultReason(grading.rationale() == null ? "" : grading.rationale());
      Problems p = new Problems();
      m.check(p, true);
      grading.check(p, "grading");
      p.throwIfAny();
      Incident after = before.as(Incident.class).withGrading(grading);
      after.check(p);
      p.throwIfAny();
      return commit(w, Action.GRADE, after, before, m);
    });
  }

  /** Moves a case to a new state (reopened, credible with conceded figures, …). */
  public StoredRecord transition(String caseId, CaseStep step, OptionalLong expectedVersion, Meta meta) {
    return store.write(w -> {
      StoredRecord before = current(w, RecordType.CASE, caseId, expectedVersion);
      Meta m = meta.withDefaultReason(step.note().isBlank() ? "case " + step.state().name().toLowerCase() : step.note());
      Problems p = new Problems();
      m.check(p, true);
      p.throwIfAny();
      Case after = before.as(Case.class).withStep(step);
      after.check(p);
      checkReferences(w, after, p);
      p.throwIfAny();
      return commit(w, Action.TRANSITION, after, before, m);
    });
  }

  /** Links a case (adds to its incidents) or a victim (sets its incident) to incidents. */
  public StoredRecord link(RecordType type, String id, List<String> incidents, OptionalLong expectedVersion, Meta meta) {
    return link(type, id, incidents, Optional.empty(), expectedVersion, meta);
  }

  /**
   * As {@link #link(RecordType, String, List, OptionalLong, Meta)}; for a case, {@code match} says
   * how sure the recorder is that the case concerns each of these incidents, and why. Linking an
   * incident the case already has, with another match, re-assesses that match (a new entry; the
   * old one stays in the history).
   */
  public StoredRecord link(RecordType type, String id, List<String> incidents, Optional<IncidentMatch> match, OptionalLong expectedVersion, Meta meta) {
    return store.write(w -> {
      StoredRecord before = current(w, type, id, expectedVersion);
      Problems p = new Problems();
      meta.check(p, true);
      p.require(!incidents.isEmpty(), "incidents", "", "name at least one incident to link");
      match.ifPresent(m -> m.check(p, ""));
      LocalDate today = today();
      match.flatMap(IncidentMatch::on).ifPresent(d -> p.require(!d.isAfter(today), "on", d, "must not be after today (" + today + ")"));
      p.throwIfAny();
      LedgerRecord after = switch (before.record()) {
        case Case c -> {
          TreeSet<String> all = new TreeSet<>(c.incidents());
          all.addAll(incidents);
          Map<String, IncidentMatch> matches = new TreeMap<>(c.matches());
          match.ifPresent(m -> incidents.forEach(i -> {
            // undated: known from the day the incident was first matched to the case, or from today
            Optional<LocalDate> since = Optional.ofNullable(matches.get(i)).flatMap(IncidentMatch::on);
            matches.put(i, m.on().isPresent() ? m : m.datedOn(since.orElse(today)));
          }));
          yield c.withIncidents(List.copyOf(all), matches);
        }
        case Victim v -> {
          if (incidents.size() != 1) throw new ValidationException(Problem.of("incidents", incidents, "a victim belongs to one incident"));
          if (match.isPresent()) throw new ValidationException(Problem.of("confidence", match.get().confidence().name().toLowerCase(Locale.ROOT), "only a case's link to an incident carries a match confidence"));
          yield v.withIncident(Optional.of(incidents.get(0)));
        }
        default -> throw new ValidationException(Problem.of("type", type.label(), "only cases and victims are linked to incidents (amend a claim's subject instead)"));
      };
      if (after.equals(before.record())) throw new ValidationException(Problem.of("incidents", incidents, match.isPresent() ? "already linked with this confidence and basis" : "already linked"));
      Problems refs = new Problems();
      checkReferences(w, after, refs);
      refs.throwIfAny();
      return commit(w, Action.LINK, after, before, meta);
    });
  }

  /**
   * Takes incidents off a case (with their matches), or a victim's incident off it: the match was
   * wrong. The reason is required; the link stays in the record's history.
   */
  public StoredRecord unlink(RecordType type, String id, List<String> incidents, OptionalLong expectedVersion, Meta meta) {
    return store.write(w -> {
      StoredRecord before = current(w, type, id, expectedVersion);
      Problems p = new Problems();
      meta.check(p, true);
      p.require(!incidents.isEmpty(), "incidents", "", "name at least one incident to unlink");
      p.throwIfAny();
      LedgerRecord after = switch (before.record()) {
        case Case c -> {
          List<String> missing = incidents.stream().filter(i -> !c.incidents().contains(i)).toList();
          if (!missing.isEmpty()) throw new ValidationException(Problem.of("incidents", missing, "not linked to " + c.id() + " (its incidents: " + c.incidents() + ")"));
          List<String> left = c.incidents().stream().filter(i -> !incidents.contains(i)).toList();
          Map<String, IncidentMatch> matches = new TreeMap<>(c.matches());
          matches.keySet().removeAll(incidents);
          yield c.withIncidents(left, matches);
        }
        case Victim v -> {
          if (v.incident().isEmpty() || !incidents.equals(List.of(v.incident().get()))) {
            throw new ValidationException(Problem.of("incidents", incidents, "not " + v.id() + "'s incident (" + v.incident().orElse("none") + ")"));
          }
          yield v.withIncident(Optional.empty());
        }
        default -> throw new ValidationException(Problem.of("type", type.label(), "only cases and victims are linked to incidents"));
      };
      return commit(w, Action.UNLINK, after, before, meta);
    });
  }

  /** Accepts, rejects or returns to draft a claim (the review step for extracted proposals). */
  public StoredRecord review(String claimId, ClaimStatus decision, OptionalLong expectedVersion, Meta meta) {
    return store.write(w -> {
      StoredRecord before = current(w, RecordType.CLAIM, claimId, expectedVersion);
      Problems p = new Problems();
      meta.check(p, decision == ClaimStatus.REJECTED);
      p.throwIfAny();
      Claim c = before.as(Claim.class);
      if (c.status() == decision) throw new ValidationException(Problem.of("status", decision.name().toLowerCase(), "the claim already has this status"));
      Claim after = c.withStatus(decision);
      if (decision == ClaimStatus.ACCEPTED) { // what may stand in a draft and not in a counted claim
        checkReferences(w, after, p);
        p.throwIfAny();
      }
      return commit(w, Action.REVIEW, after, before, meta);
    });
  }

  /**
   * Removes a record from every view and tally, with a reason. The record and its whole history
   * stay in the ledger. Refused while live records still depend on it.
   */
  public StoredRecord retract(RecordType type, String id, OptionalLong expectedVersion, Meta meta) {
    return store.write(w -> {
      StoredRecord before = current(w, type, id, expectedVersion);
      Problems p = new Problems();
      meta.check(p, true);
      p.throwIfAny();
      List<String> dependants = dependants(w, type, id);
      if (!dependants.isEmpty()) {
        throw new ValidationException(Problem.of("id", id, "still used by " + String.join(", ", dependants) + "; retract or amend those first"));
      }
      return commit(w, Action.RETRACT, before.record(), before, meta);
    });
  }

  /** Archives a source's original bytes, hashed at intake, and records the hash on the source. */
  public StoredRecord archive(String sourceId, byte[] bytes, String mediaType, Optional<String> fileName, OptionalLong expectedVersion, Meta meta) {
    return store.write(w -> {
      StoredRecord before = current(w, RecordType.SOURCE, sourceId, expectedVersion);
      Meta m = meta.withDefaultReason("archived copy");
      Problems p = new Problems();
      m.check(p, true);
      p.require(bytes.length > 0, "file", "", "the archived copy is empty");
      p.requireText(mediaType, "media_type");
      p.throwIfAny();
      String sha = Chain.sha256Hex(bytes);
      w.putArchive(sha, mediaType, bytes);
      Source after = before.as(Source.class).withArchive(new Archive(sha, mediaType, bytes.length, fileName));
      if (after.equals(before.record())) return before;
      return commit(w, Action.AMEND, after, before, m);
    });
  }

  // ---------------------------------------------------------------- queries

  public Optional<StoredRecord> find(RecordType type, String id) {
    return store.read(r -> r.find(type, id));
  }

  public StoredRecord get(RecordType type, String id) {
    return find(type, id).orElseThrow(() -> new NotFoundException(type, id));
  }

  public List<StoredRecord> list(RecordType type, RecordQuery query) {
    return store.read(r -> r.list(type, query));
  }

  /** Every record the query matches, however many: {@link #list} pages of at most {@link RecordQuery#MAX_LIMIT}, read until one comes back short. */
  public List<StoredRecord> listAll(RecordType type, RecordQuery query) {
    List<StoredRecord> out = new ArrayList<>();
    int offset = 0;
    while (true) {
      List<StoredRecord> page = list(type, new RecordQuery(query.campaign(), query.source(), query.incident(), query.includeRetracted(), offset, RecordQuery.MAX_LIMIT, query.victim()));
      out.addAll(page);
      if (page.size() < RecordQuery.MAX_LIMIT) return out;
      offset += page.size();
    }
  }

  public Optional<byte[]> archiveBytes(String sha256) {
    return store.read(r -> r.archive(sha256));
  }

  /**
   * A record's full history, oldest first, each entry with the fields it changed. A source's
   * history also holds the entries of the claims it carries (their creation, edits and review
   * decisions), each marked with its record, so a source's draft claims and how a reviewer
   * decided on them read as one story.
   */
  public List<HistoryItem> history(RecordType type, String id) {
    List<LedgerEntry> entries = store.read(r -> r.history(type, id));
    if (entries.isEmpty()) throw new NotFoundException(type, id);
    List<HistoryItem> out = new ArrayList<>(items(type, id, entries));
    if (type == RecordType.SOURCE) {
      for (StoredRecord c : listAll(RecordType.CLAIM, RecordQuery.all().withSource(id))) {
        out.addAll(items(RecordType.CLAIM, c.record().id(), store.read(r -> r.history(RecordType.CLAIM, c.record().id()))));
      }
      out.sort(java.util.Comparator.comparingLong(HistoryItem::seq));
    }
    return out;
  }

  private static List<HistoryItem> items(RecordType type, String id, List<LedgerEntry> entries) {
    List<HistoryItem> out = new ArrayList<>();
    JsonNode previous = NullNode.instance;
    long version = 0;
    for (LedgerEntry e : entries) {
      JsonNode now = Json.readTree(e.payload());
      List<HistoryItem.Change> changes = new ArrayList<>();
      diff("", previous, now, changes);
      if (e.action() == Action.RETRACT) changes.add(new HistoryItem.Change("retracted", null, Json.tree(e.reason())));
      out.add(new HistoryItem(e.seq(), type.label() + "/" + id, e.at(), e.actor(), e.action().name().toLowerCase(), e.reason(), ++version, changes, e.hash()));
      previous = now;
    }
    return out;
  }

  /**
   * A campaign's tally on a date (default today), optionally narrowed by a filter. The facts are
   * read once and kept until the ledger's head moves (any write, from any process), so repeated
   * tallies on other dates or filters cost only the rules.
   */
  public TallyReport tally(String campaign, Optional<LocalDate> asOf, TallyFilter filter) {
    return tally(campaign, asOf, filter, true);
  }

  /** As {@link #tally(String, Optional, TallyFilter)}; {@code basis} false leaves out the claims behind the incident figures. */
  public TallyReport tally(String campaign, Optional<LocalDate> asOf, TallyFilter filter, boolean basis) {
    LocalDate date = asOf.orElseGet(this::today);
    return Tally.compute(facts(campaign), date, filter, basis);
  }

  /**
   * The campaign's cases period by period up to {@code asOf} (default today), as a belligerent's
   * monthly report counts them, each count naming its cases; of one belligerent's cases, or all.
   */
  public org.harmledger.tally.CaseReport caseReport(String campaign, Optional<LocalDate> asOf, org.harmledger.tally.CaseReport.Unit unit, Optional<String> belligerent) {
    return org.harmledger.tally.CaseReport.compute(facts(campaign), asOf.orElseGet(this::today), unit, belligerent);
  }

  /** The gap on one date: the three killed and injured figures, without their basis. */
  public record GapPoint(LocalDate date, org.harmledger.tally.TallyReport.Measure killed, org.harmledger.tally.TallyReport.Measure injured, int opened, int reopened) {}

  /**
   * How the gap evolved: the tally on every date a claim was made or a case or grading changed,
   * up to {@code until} (default today), oldest first. Each point is what was known at the end
   * of that day.
   */
  public List<GapPoint> gapHistory(String campaign, Optional<LocalDate> until, TallyFilter filter) {
    return gapHistory(campaign, until, filter, Integer.MAX_VALUE);
  }

  /**
   * As {@link #gapHistory(String, Optional, TallyFilter)}, on at most {@code maxPoints} of those
   * dates (the first, the last, and evenly spaced ones between), for a chart over a large ledger.
   */
  public List<GapPoint> gapHistory(String campaign, Optional<LocalDate> until, TallyFilter filter, int maxPoints) {
    LocalDate end = until.orElseGet(this::today);
    TallyFacts facts = facts(campaign);
    java.util.TreeSet<LocalDate> dates = new java.util.TreeSet<>();
    facts.claims().forEach(c -> dates.add(c.date()));
    facts.cases().forEach(c -> c.steps().forEach(st -> dates.add(st.on())));
    facts.incidents().forEach(i -> i.gradings().forEach(g -> dates.add(g.on())));
    List<LocalDate> all = new ArrayList<>(dates.headSet(end, true));
    List<LocalDate> chosen = all;
    if (all.size() > maxPoints && maxPoints >= 2) {
      chosen = new ArrayList<>();
      for (int i = 0; i < maxPoints; i++) {
        LocalDate d = all.get((int) Math.round((double) i * (all.size() - 1) / (maxPoints - 1)));
        if (chosen.isEmpty() || !chosen.get(chosen.size() - 1).equals(d)) chosen.add(d);
      }
    }
    // Each date's tally only reads the facts (no basis is built), so the dates share the cores;
    // on a campaign of 300,000 claims one tally takes ~0.1 s and a chart asks for 40.
    return chosen.parallelStream().map(d -> {
      TallyReport t = Tally.compute(facts, d, filter, false);
      return new GapPoint(d, t.killed(), t.injured(), t.cases().opened(), t.cases().reopened());
    }).toList();
  }

  private record CachedFacts(long head, TallyFacts facts) {}

  private final java.util.concurrent.ConcurrentHashMap<String, CachedFacts> factsCache = new java.util.concurrent.ConcurrentHashMap<>();

  /** The campaign's tally facts as of the ledger's current head (read again after any write). */
  public TallyFacts facts(String campaign) {
    return store.read(r -> {
      long head = r.head().map(LedgerEntry::seq).orElse(0L);
      CachedFacts cached = factsCache.get(campaign);
      if (cached != null && cached.head() == head) return cached.facts();
      if (r.find(RecordType.CAMPAIGN, campaign).filter(s -> !s.isRetracted()).isEmpty()) {
        throw new NotFoundException(RecordType.CAMPAIGN, campaign);
      }
      // After a write, read again only what it changed (a whole read of a large campaign takes
      // seconds; a handful of changed records, milliseconds).
      TallyFacts facts = (cached != null && cached.head() < head ? r.tallyFactsSince(cached.facts(), cached.head()) : Optional.<TallyFacts>empty())
          .orElseGet(() -> r.tallyFacts(campaign));
      if (factsCache.size() > 16) factsCache.clear(); // a few campaigns at a time is the use
      factsCache.put(campaign, new CachedFacts(head, facts));
      return facts;
    });
  }

  /**
   * Reads the tally facts of every live campaign into the cache, so that a server's first tally
   * does not pay for reading a large campaign whole (seconds at 300,000 claims); later writes
   * update them in milliseconds. The server calls it in the background when it starts.
   */
  public void prepareTallies() {
    for (StoredRecord c : listAll(RecordType.CAMPAIGN, RecordQuery.live())) facts(c.id());
  }

  /** Forgets cached tally facts (the benchmark uses it to time a cold tally). */
  public void forgetCachedFacts() {
    factsCache.clear();
  }


  /**
   * Checks the chain (every hash, every link, no gaps) and that the state tables equal a replay of
   * the ledger. {@code anchor}, if given, is a hash published earlier that must still be in the
   * chain: that also catches a ledger cut back at its end.
   */
  public VerifyReport verify(Optional<String> anchor, LongConsumer progress) {
    return verifyInPhases(anchor, progress::accept);
  }

  /** What a verify tells as it goes: its two phases, each with a count. */
  public interface VerifyProgress {
    /** Entries of the chain read, hashed and replayed so far. */
    void entries(long done);

    /** The chain is done; the state tables are next, {@code records} records to check. */
    default void tables(long records) {}

    /** Records of the state tables checked so far. */
    default void records(long done) {}
  }

  /** {@link #verify(Optional, LongConsumer)}, telling both phases. */
  public VerifyReport verifyInPhases(Optional<String> anchor, VerifyProgress progress) {
    long start = System.nanoTime();
    return store.read(r -> {
      Replay replay = new Replay();
      List<String> problems = new ArrayList<>();
      long[] seen = {0};
      boolean[] anchorFound = {anchor.isEmpty()};
      // Every core: this thread reads entries from the store; two threads hash batches of them
      // (each entry's hash depends on its own fields only); a worker replays them, batch by batch
      // and in order, taking each batch's hash results as they come (the chain is sequential, its
      // hashing is not). Hashing was most of the single worker's time.
      java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofPlatform().name("harmledger-verify").daemon().factory());
      java.util.concurrent.ExecutorService hashers = java.util.concurrent.Executors.newFixedThreadPool(2, Thread.ofPlatform().name("harmledger-verify-hash").daemon().factory());
      try {
        java.util.ArrayDeque<java.util.concurrent.Future<?>> pending = new java.util.ArrayDeque<>();
        List<List<LedgerEntry>> batch = new ArrayList<>(List.of(new ArrayList<>(VERIFY_BATCH)));
        Runnable flush = () -> {
          List<LedgerEntry> entries = batch.set(0, new ArrayList<>(VERIFY_BATCH));
          java.util.concurrent.Future<boolean[]> hashed = hashers.submit(() -> {
            boolean[] ok = new boolean[entries.size()];
            for (int i = 0; i < ok.length; i++) ok[i] = entries.get(i).hash().equals(entries.get(i).expectedHash());
            return ok;
          });
          pending.add(worker.submit(() -> {
            boolean[] ok = await(hashed);
            for (int i = 0; i < ok.length; i++) {
              if (!problems.isEmpty()) return;
              LedgerEntry e = entries.get(i);
              replay.apply(e, ok[i]).ifPresent(problems::add);
              if (anchor.isPresent() && e.hash().equals(anchor.get())) anchorFound[0] = true;
            }
          }));
          while (pending.size() > 8) await(pending.poll()); // bound the memory held in flight
        };
        try {
          r.forEachEntry(e -> {
            seen[0]++;
            if ((seen[0] & 0xFFF) == 0) progress.entries(seen[0]);
            batch.get(0).add(e);
            if (batch.get(0).size() == VERIFY_BATCH) flush.run();
          });
        } catch (RuntimeException unreadable) {
          // An entry whose action, type or time was overwritten with garbage cannot even be read.
          flush.run();
          while (!pending.isEmpty()) await(pending.poll());
          if (problems.isEmpty()) problems.add(unreadable.getMessage());
        }
        flush.run();
        while (!pending.isEmpty()) await(pending.poll());
      } finally {
        worker.shutdownNow();
        hashers.shutdownNow();
      }
      progress.entries(seen[0]);
      if (problems.isEmpty()) {
        if (!anchorFound[0]) problems.add("anchor " + anchor.get() + " is not in the chain (the ledger was cut back or replaced)");
        progress.tables(replay.state().size());
        problems.addAll(r.compareState(replay.state(), progress::records));
        Map<String, String> archives = r.archives();
        for (String sha : archives.keySet()) {
          byte[] bytes = r.archive(sha).orElse(new byte[0]);
          if (!Chain.sha256Hex(bytes).equals(sha)) problems.add("archive " + sha + ": its bytes no longer match their SHA-256");
        }
        for (Replay.Replayed s : replay.state().values()) {
          if (s.type() != RecordType.SOURCE) continue;
          s.toStored().as(Source.class).archive().ifPresent(a -> {
            if (!archives.containsKey(a.sha256())) problems.add("source " + s.id() + ": its archived copy " + a.sha256() + " is missing");
          });
        }
      }
      return new VerifyReport(problems.isEmpty(), seen[0], replay.state().size(), replay.nextSeq() - 1, replay.headHash(), List.copyOf(problems), (System.nanoTime() - start) / 1_000_000);
    });
  }

  private static final int VERIFY_BATCH = 2048;

  private static <T> T await(java.util.concurrent.Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("verify was interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
  }


  // ---------------------------------------------------------------- internals

  private StoredRecord current(LedgerReader r, RecordType type, String id, OptionalLong expectedVersion) {
    StoredRecord s = r.find(type, id).orElseThrow(() -> new NotFoundException(type, id));
    if (s.isRetracted()) {
      throw new ValidationException(Problem.of("id", id, "this " + type.label() + " was retracted (" + s.retracted().get() + ") and cannot change"));
    }
    if (expectedVersion.isPresent() && expectedVersion.getAsLong() != s.version()) {
      throw new ConflictException(type.label() + " " + id + " is at version " + s.version() + ", not " + expectedVersion.getAsLong() + ": someone changed it since you read it. Read it again, then redo your change.");
    }
    return s;
  }

  StoredRecord commit(LedgerWriter w, Action action, LedgerRecord after, StoredRecord before, Meta meta) {
    Optional<LedgerEntry> head = w.head();
    long seq = head.map(h -> h.seq() + 1).orElse(1L);
    String prev = head.map(LedgerEntry::hash).orElse(LedgerEntry.GENESIS);
    Instant at = clock.instant();
    if (head.isPresent() && at.isBefore(head.get().at())) at = head.get().at(); // keep time monotonic
    String payload = Json.write(after);
    if (ControlCharacters.mayHoldRefused(payload)) {
      Problems p = new Problems();
      ControlCharacters.check(Json.readTree(payload), p);
      p.throwIfAny();
    }
    LedgerEntry unsigned = new LedgerEntry(seq, at, meta.actor(), meta.reason(), action, after.type(), after.id(), payload, prev, "");
    LedgerEntry entry = new LedgerEntry(seq, at, meta.actor(), meta.reason(), action, after.type(), after.id(), payload, prev, Chain.hash(unsigned));
    StoredRecord state = new StoredRecord(
        after,
        before == null ? 1 : before.version() + 1,
        before == null ? seq : before.createdSeq(),
        seq,
        before == null ? at : before.createdAt(),
        at,
        action == Action.RETRACT ? Optional.of(meta.reason()) : Optional.empty(),
        payload);
    w.append(entry, state);
    return state;
  }

  private static String nextId(LedgerReader r, RecordType type) {
    long n = r.count(type) + 1;
    while (r.state(type, type.idPrefix() + "-" + n) != org.harmledger.store.RecordState.MISSING) n++;
    return type.idPrefix() + "-" + n;
  }

  /** Every reference must name a live record of the right type. */
  private static void checkReferences(LedgerReader r, LedgerRecord rec, Problems p) {
    switch (rec) {
      case Campaign c -> {}
      case Source s -> s.archive().ifPresent(a -> {
        if (r.archive(a.sha256()).isEmpty()) {
          p.add("archive.sha256", a.sha256(), "no archived copy has this hash; upload the file with archive (it is hashed at intake)");
        }
      });
      case Claim c -> {
        ref(r, p, RecordType.SOURCE, c.source(), "source");
        if (c.subject() == null) return;
        switch (c.subject()) {
          case ClaimSubject.OneIncident o -> ref(r, p, RecordType.INCIDENT, o.incident(), "subject.incident");
          case ClaimSubject.IncidentSet s -> {
            for (int i = 0; i < s.incidents().size(); i++) ref(r, p, RecordType.INCIDENT, s.incidents().get(i), "subject.incidents[" + i + "]");
          }
          case ClaimSubject.Aggregate a -> {
            ref(r, p, RecordType.CAMPAIGN, a.campaign(), "subject.campaign");
            // a figure for "part of" the campaign: a period or box with nothing in common with the
            // campaign's is about something else (a typed year, the wrong campaign). A draft may
            // be (extraction proposes what a story says); accepting it is refused here.
            Optional<Campaign> campaign = a.campaign() == null || c.status() != ClaimStatus.ACCEPTED ? Optional.empty() : liveCampaign(r, a.campaign());
            campaign.ifPresent(k -> {
              a.period().filter(d -> whole(d) && !k.sharesTime(d)).ifPresent(d -> p.add("subject.period", d.toString(),
                  "lies outside the campaign's period (" + k.period() + "): a figure for another time belongs to another campaign"));
              a.area().flatMap(Area::bbox).filter(b -> !k.sharesPlace(b)).ifPresent(b -> p.add("subject.area.bbox",
                  b.south() + "," + b.west() + "," + b.north() + "," + b.east(), "lies outside the campaign's area (" + k.area().name() + "): a figure for another place belongs to another campaign"));
            });
          }
        }
      }
      case Incident i -> i.campaign().ifPresent(c -> {
        ref(r, p, RecordType.CAMPAIGN, c, "campaign");
        // an incident of the campaign happened in its period and area (a typed year or a swapped
        // latitude and longitude would otherwise count in its tally)
        liveCampaign(r, c).ifPresent(k -> {
          if (whole(i.time()) && !k.sharesTime(i.time())) {
            p.add("time", i.time().toString(), "lies outside the campaign's period (" + k.period() + "); widen the campaign's period first if it belongs to it");
          }
          k.area().bbox().filter(b -> i.place() != null && i.place().point() != null).ifPresent(b -> i.place().point().filter(x -> !k.holds(x.lat(), x.lon())).ifPresent(x -> {
            String widen = "; widen the campaign's area first if it belongs to it";
            if (x.lat() < b.south() || x.lat() > b.north()) p.add("place.point.lat", String.valueOf(x.lat()), "lies outside the campaign's area (" + k.area().name() + ": " + b.south() + " to " + b.north() + ")" + widen);
            if (x.lon() < b.west() || x.lon() > b.east()) p.add("place.point.lon", String.valueOf(x.lon()), "lies outside the campaign's area (" + k.area().name() + ": " + b.west() + " to " + b.east() + ")" + widen);
          }));
        });
      });
      case Case c -> {
        c.campaign().ifPresent(x -> ref(r, p, RecordType.CAMPAIGN, x, "campaign"));
        for (int i = 0; i < c.incidents().size(); i++) ref(r, p, RecordType.INCIDENT, c.incidents().get(i), "incidents[" + i + "]");
        c.allegation().flatMap(Allegation::source).ifPresent(x -> ref(r, p, RecordType.SOURCE, x, "allegation.source"));
        for (int i = 0; i < c.history().size(); i++) {
          CaseStep s = c.history().get(i);
          int k = i;
          s.source().ifPresent(x -> ref(r, p, RecordType.SOURCE, x, "history[" + k + "].source"));
          s.duplicateOf().ifPresent(x -> {
            ref(r, p, RecordType.CASE, x, "history[" + k + "].duplicate_of");
            p.require(!x.equals(c.id()), "history[" + k + "].duplicate_of", x, "a case cannot duplicate itself");
          });
        }
      }
      case Victim v -> {
        v.incident().ifPresent(x -> ref(r, p, RecordType.INCIDENT, x, "incident"));
        for (int i = 0; i < v.sources().size(); i++) ref(r, p, RecordType.SOURCE, v.sources().get(i), "sources[" + i + "]");
      }
      case LinkDecision d -> {
        ref(r, p, RecordType.VICTIM, d.victimA(), "victim_a");
        ref(r, p, RecordType.VICTIM, d.victimB(), "victim_b");
        // one live decision per pair: a second (two reviewers at once, or a change of mind) would
        // leave linkage to pick between them; changing a decision is retracting it, then deciding
        if (d.victimA() != null && d.victimB() != null) {
          RecordQuery aboutA = new RecordQuery(Optional.empty(), Optional.empty(), Optional.empty(), false, 0, RecordQuery.MAX_LIMIT, Optional.of(d.victimA()));
          for (StoredRecord other : r.list(RecordType.LINK_DECISION, aboutA)) {
            LinkDecision o = other.as(LinkDecision.class);
            if (o.victimB().equals(d.victimB()) && o.victimA().equals(d.victimA()) && !other.id().equals(d.id())) {
              p.add("victim_b", d.victimB(), "link_decision " + other.id() + " already decides this pair (" + o.decision().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                  + "); retract it first to decide again");
            }
          }
        }
      }
    }
  }

  /** A span with both ends in order (one left out or an end first is reported by the record's own check). */
  private static boolean whole(org.harmledger.domain.DateSpan d) {
    return d != null && d.start() != null && d.end() != null && !d.end().isBefore(d.start());
  }

  private static Optional<Campaign> liveCampaign(LedgerReader r, String id) {
    return id == null ? Optional.empty() : r.find(RecordType.CAMPAIGN, id).filter(x -> !x.isRetracted()).map(x -> (Campaign) x.record());
  }

  private static void ref(LedgerReader r, Problems p, RecordType type, String id, String field) {
    if (id == null || id.isBlank()) return; // missing values are reported by the record's own check
    switch (r.state(type, id)) {
      case MISSING -> p.add(field, id, "no " + type.label() + " has this id");
      case RETRACTED -> p.add(field, id, "this " + type.label() + " was retracted");
      case LIVE -> {}
    }
  }

  private static List<String> dependants(LedgerReader r, RecordType type, String id) {
    List<String> out = new ArrayList<>();
    RecordQuery q = RecordQuery.live();
    switch (type) {
      case SOURCE -> {
        r.list(RecordType.CLAIM, q.withSource(id)).forEach(s -> out.add("claim " + s.id()));
        r.list(RecordType.VICTIM, q.withSource(id)).forEach(s -> out.add("victim " + s.id()));
        // a case cites sources in its allegation and its steps, which the store does not index by
        // source: cases are few (CJTF-OIR assessed about 3,000 in five years), so they are read
        // and looked through
        for (int offset = 0;; offset += RecordQuery.MAX_LIMIT) {
          List<StoredRecord> page = r.list(RecordType.CASE, new RecordQuery(Optional.empty(), Optional.empty(), Optional.empty(), false, offset, RecordQuery.MAX_LIMIT));
          for (StoredRecord s : page) {
            Case c = s.as(Case.class);
            if (c.allegation().flatMap(Allegation::source).filter(id::equals).isPresent()
                || c.history().stream().anyMatch(step -> step.source().filter(id::equals).isPresent())) out.add("case " + s.id());
          }
          if (page.size() < RecordQuery.MAX_LIMIT) break;
        }
      }
      case INCIDENT -> {
        r.list(RecordType.CLAIM, q.withIncident(id)).forEach(s -> out.add("claim " + s.id()));
        r.list(RecordType.CASE, q.withIncident(id)).forEach(s -> out.add("case " + s.id()));
        r.list(RecordType.VICTIM, q.withIncident(id)).forEach(s -> out.add("victim " + s.id()));
      }
      case CAMPAIGN -> {
        r.list(RecordType.INCIDENT, q.withCampaign(id)).forEach(s -> out.add("incident " + s.id()));
        r.list(RecordType.CLAIM, q.withCampaign(id)).forEach(s -> out.add("claim " + s.id()));
        r.list(RecordType.CASE, q.withCampaign(id)).forEach(s -> out.add("case " + s.id()));
      }
      case VICTIM -> r.list(RecordType.LINK_DECISION, q.withVictim(id)).forEach(s -> out.add("link_decision " + s.id()));
      default -> {}
    }
    return out.size() > 10 ? List.of(String.join(", ", out.subList(0, 10)) + " and " + (out.size() - 10) + " more") : out;
  }

  /** Gradings and case histories only grow: they are changed by grade and transition, never rewritten. */
  private static void guardAppendOnly(LedgerRecord before, LedgerRecord after, Problems p) {
    if (before instanceof Incident b && after instanceof Incident a && !a.gradings().equals(b.gradings())) {
      p.add("gradings", "", "cannot be amended; grade the incident again (the earlier grading stays in its history)");
    }
    if (before instanceof Source b && after instanceof Source a && !a.archive().equals(b.archive())) {
      p.add("archive", "", "cannot be amended; archive a new copy instead (its hash is taken at intake)");
    }
    if (before instanceof Case b && after instanceof Case a && !a.history().equals(b.history())) {
      p.add("history", "", "cannot be amended; move the case to a new state instead");
    }
  }

  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) return patch;
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.MAPPER.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getValue().isNull()) result.remove(e.getKey());
      else result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
    }
    return result;
  }

  private static void diff(String path, JsonNode before, JsonNode after, List<HistoryItem.Change> out) {
    boolean bo = before != null && before.isObject();
    boolean ao = after != null && after.isObject();
    if (bo || ao) {
      TreeSet<String> names = new TreeSet<>();
      if (bo) before.fieldNames().forEachRemaining(names::add);
      if (ao) after.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        diff(path.isEmpty() ? n : path + "." + n, bo ? before.get(n) : null, ao ? after.get(n) : null, out);
      }
      return;
    }
    if (before != null && before.isArray() && after != null && after.isArray() && before.size() > 0) {
      // Lists that grew (gradings, case states) show only what was added; others element by element.
      for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
        diff(path + "[" + i + "]", i < before.size() ? before.get(i) : null, i < after.size() ? after.get(i) : null, out);
      }
      return;
    }
    JsonNode b = before == null || before.isNull() ? null : before;
    JsonNode a = after == null || after.isNull() ? null : after;
    if (b == null ? a != null : !b.equals(a)) out.add(new HistoryItem.Change(path, b, a));
  }

}
