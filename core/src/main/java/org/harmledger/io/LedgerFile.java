package org.harmledger.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.harmledger.domain.Problem;
import org.harmledger.domain.Problems;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.Action;
import org.harmledger.ledger.Chain;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.LedgerEntry;
import org.harmledger.ledger.Replay;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.store.LedgerStore;

/**
 * The whole ledger as one JSON file: every entry exactly as stored (payloads as the text that was
 * hashed) and every archived copy. Importing it into an empty database restores everything,
 * history included, and re-checks the chain on the way in. Streams both ways, so a million
 * entries never sit in memory as a tree.
 */
public final class LedgerFile {
  public static final String FORMAT = "harmledger-ledger";
  public static final int VERSION = 1;

  /** Reads one value at a time from a stream that goes on after it. */
  private static final com.fasterxml.jackson.databind.ObjectMapper STREAM =
      Json.MAPPER.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private LedgerFile() {}

  /** Writes the ledger; returns the number of entries written. */
  public static long export(LedgerStore store, OutputStream out, LongConsumer progress) {
    return store.read(r -> {
      try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeNumberField("version", VERSION);
        g.writeStringField("exported_at", Instant.now().toString());
        g.writeArrayFieldStart("archives");
        for (Map.Entry<String, String> a : r.archives().entrySet()) {
          g.writeStartObject();
          g.writeStringField("sha256", a.getKey());
          g.writeStringField("media_type", a.getValue());
          g.writeStringField("content_base64", Base64.getEncoder().encodeToString(r.archive(a.getKey()).orElseThrow()));
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("entries");
        long[] n = {0};
        r.forEachEntry(e -> {
          try {
            g.writeStartObject();
            g.writeNumberField("seq", e.seq());
            g.writeStringField("at", e.at().toString());
            g.writeStringField("actor", e.actor());
            g.writeStringField("reason", e.reason());
            g.writeStringField("action", e.action().name().toLowerCase());
            g.writeStringField("record_type", e.type().label());
            g.writeStringField("record_id", e.recordId());
            g.writeStringField("payload", e.payload());
            g.writeStringField("prev_hash", e.prevHash());
            g.writeStringField("hash", e.hash());
            g.writeEndObject();
            if ((++n[0] & 0xFFF) == 0) progress.accept(n[0]);
          } catch (IOException ex) {
            throw new UncheckedIOException(ex);
          }
        });
        g.writeEndArray();
        g.writeEndObject();
        progress.accept(n[0]);
        return n[0];
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Restores a ledger file into an empty store, all or nothing. Every entry's hash and link is
   * checked as it is read; a bad entry stops the import and nothing is written.
   */
  public static long importInto(LedgerStore store, InputStream in, LongConsumer progress) {
    return store.write(w -> {
      if (w.head().isPresent()) {
        throw new ValidationException(Problem.of("(database)", store.describe(), "a ledger file can only be imported into an empty database; this one has " + w.head().get().seq() + " entries"));
      }
      Replay replay = new Replay();
      long n = 0;
      try (JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
        expect(p.nextToken() == JsonToken.START_OBJECT, "(file)", "must be a JSON object");
        boolean formatSeen = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          switch (field) {
            case "format" -> {
              expect(FORMAT.equals(p.getValueAsString()), "format", "must be '" + FORMAT + "'");
              formatSeen = true;
            }
            case "version" -> expect(p.getIntValue() == VERSION, "version", "must be " + VERSION);
            case "archives" -> {
              expect(p.currentToken() == JsonToken.START_ARRAY, "archives", "must be an array");
              int i = 0;
              while (p.nextToken() != JsonToken.END_ARRAY) {
                ArchiveDto a = STREAM.readValue(p, ArchiveDto.class);
                byte[] bytes = Base64.getDecoder().decode(a.contentBase64());
                if (!Chain.sha256Hex(bytes).equals(a.sha256())) {
                  throw new ValidationException(Problem.of("archives[" + i + "].content_base64", a.sha256(), "the content does not hash to its sha256"));
                }
                w.putArchive(a.sha256(), a.mediaType(), bytes);
                i++;
              }
            }
            case "entries" -> {
              expect(p.currentToken() == JsonToken.START_ARRAY, "entries", "must be an array");
              while (p.nextToken() != JsonToken.END_ARRAY) {
                EntryDto d = STREAM.readValue(p, EntryDto.class);
                String f = "entries[" + n + "]";
                LedgerEntry e = d.toEntry(f);
                replay.apply(e).ifPresent(problem -> {
                  throw new ValidationException(Problem.of(f, e.seq(), problem));
                });
                StoredRecord s;
                try {
                  s = replay.state().get(new Replay.Key(e.type(), e.recordId())).toStored();
                } catch (ValidationException ex) {
                  throw new ValidationException(Problem.of(f + ".payload", e.recordId(), "is not a valid " + e.type().label() + ": " + ex.getMessage()));
                }
                Problems probs = new Problems();
                s.record().check(probs);
                if (!probs.isEmpty()) {
                  throw new ValidationException(Problem.of(f + ".payload", e.recordId(), "breaks the rules for a " + e.type().label() + ": " + probs.list()));
                }
                if (!s.id().equals(e.recordId())) {
                  throw new ValidationException(Problem.of(f + ".record_id", e.recordId(), "does not match the payload's id " + s.id()));
                }
                w.append(e, s);
                if ((++n & 0xFFF) == 0) progress.accept(n);
              }
            }
            default -> p.skipChildren();
          }
        }
        expect(formatSeen, "format", "is missing: this is not a Harm Ledger ledger file");
      } catch (IOException e) {
        // where: a ledger file is hundreds of megabytes, so the line and column are what help
        String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
            ? "(file) line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "(file)";
        String what = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        throw new ValidationException(Problem.of(where, "", "is not valid JSON: " + what.lines().findFirst().orElse("")));
      }
      progress.accept(n);
      return n;
    });
  }

  private static void expect(boolean ok, String field, String rule) {
    if (!ok) throw new ValidationException(Problem.of(field, "", rule));
  }

  record ArchiveDto(String sha256, String mediaType, String contentBase64) {}

  record EntryDto(long seq, String at, String actor, String reason, String action, String recordType, String recordId, String payload, String prevHash, String hash) {
    LedgerEntry toEntry(String f) {
      List<Problem> problems = new ArrayList<>();
      Instant when = null;
      Action a = null;
      RecordType t = null;
      try {
        when = Instant.parse(at);
      } catch (RuntimeException e) {
        problems.add(Problem.of(f + ".at", at, "must be a timestamp such as 2018-06-05T12:00:00Z"));
      }
      try {
        a = Action.valueOf(String.valueOf(action).toUpperCase());
      } catch (RuntimeException e) {
        problems.add(Problem.of(f + ".action", action, "must be one of " + java.util.Arrays.stream(Action.values()).map(x -> x.name().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.joining(", "))));
      }
      try {
        t = RecordType.parse(String.valueOf(recordType));
      } catch (RuntimeException e) {
        problems.add(Problem.of(f + ".record_type", recordType, "must be one of campaign, source, claim, incident, case, victim"));
      }
      for (var x : new Object[][] {{"actor", actor}, {"reason", reason}, {"record_id", recordId}, {"payload", payload}, {"prev_hash", prevHash}, {"hash", hash}}) {
        if (x[1] == null) problems.add(Problem.of(f + "." + x[0], "", "is required"));
      }
      if (!problems.isEmpty()) throw new ValidationException(problems);
      return new LedgerEntry(seq, when, actor, reason, a, t, recordId, payload, prevHash, hash);
    }
  }
}
