package org.harmledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.Problem;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code add TYPE}: each type takes its common fields as options, and anything else as JSON with
 * {@code --json} (the options win where both give a field). The record's id is printed.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a record to the ledger.",
    subcommands = {AddCommand.Campaign.class, AddCommand.Source.class, AddCommand.Claim.class, AddCommand.Incident.class, AddCommand.Case.class, AddCommand.Victim.class})
final class AddCommand {

  abstract static class AddBase extends Base implements java.util.concurrent.Callable<Integer>, WritesLedger {
    @Option(names = "--id", description = "The record's id (default: assigned, its type's prefix and the next number: src-4, clm-7, inc-12, vic-3…).")
    String id;

    @Option(names = "--json", description = "Fields as JSON, or @file.json (snake_case, as in the API).")
    String json;

    @Option(names = "--reason", description = "Why you add it (kept in the ledger entry).")
    String reason;

    @Option(names = "--print-json", description = "Print the stored record as JSON instead of its id.")
    boolean printJson;

    abstract RecordType type();

    abstract void fill(ObjectNode o);

    @Override
    boolean createsRecords() {
      return true;
    }

    @Override
    public Integer call() throws Exception {
      ObjectNode o = json == null ? Json.MAPPER.createObjectNode() : asObject(Parse.json("--json", json));
      if (id != null) o.put("id", id);
      fill(o);
      StoredRecord s;
      try {
        s = ledger().create(Json.convert(o, type().recordClass()), meta(reason));
      } catch (ValidationException e) {
        // named as the user wrote them: --source, --time.end, --lat, not the record's fields
        throw byOption(e, this::option);
      }
      after(s);
      if (printJson) printJson(s.record());
      else out().println(s.id());
      return 0;
    }

    void after(StoredRecord s) throws Exception {}

    /** Record fields whose option is not their name with '-' for '_' and '.' (subject → --incident…). */
    java.util.Map<String, String> options() {
      return java.util.Map.of();
    }

    /**
     * The option a problem's field came from: the field itself or its longest leading part found
     * in {@link #options()} or among this command's options, the rest kept as a suffix
     * (killed.max → --killed.max; codes[2] → --code); a field no option sets (given in --json) stays
     * as it is.
     */
    String option(String field) {
      // a repeated option's problem names its item by the value shown beside it: codes[2] → --code
      field = field.replaceAll("\\[\\d+\\]$", "");
      String[] parts = field.split("\\.");
      for (int n = parts.length; n > 0; n--) {
        String head = String.join(".", java.util.Arrays.copyOf(parts, n));
        String suffix = field.substring(head.length());
        String mapped = options().get(head);
        if (mapped != null) return mapped + suffix;
        String name = "--" + head.replace('_', '-').replace('.', '-');
        if (spec.findOption(name) != null) return name + suffix;
      }
      return field;
    }

    private static ObjectNode asObject(JsonNode n) {
      if (!n.isObject()) throw new ValidationException(Problem.of("--json", n.toString(), "must be a JSON object"));
      return (ObjectNode) n;
    }

    static void put(ObjectNode o, String field, Object v) {
      if (v == null) return;
      if (v instanceof Boolean b) o.put(field, b);
      else if (v instanceof Double d) o.put(field, d);
      else if (v instanceof Number n) o.put(field, n.longValue());
      else if (v instanceof Enum<?> e) o.put(field, e.name().toLowerCase());
      else o.put(field, v.toString());
    }

    static void putRange(ObjectNode o, String field, String option, String text) {
      if (text == null) return;
      o.set(field, Json.tree(Parse.range(option, text)));
    }

    static void putSpan(ObjectNode o, String field, String option, String text) {
      if (text == null) return;
      o.set(field, Json.tree(org.harmledger.domain.DateSpan.parse(option, text)));
    }
  }

  @Command(name = "campaign", mixinStandardHelpOptions = true, description = "A named scope: area, period, parties.")
  static final class Campaign extends AddBase {
    @Option(names = "--name", description = "The campaign's name, e.g. \"Raqqa 2017\".") String name;
    @Option(names = "--area", description = "Area name.") String area;
    @Option(names = "--bbox", description = "Area extent: south,west,north,east.") String bbox;
    @Option(names = "--period", description = "START/END.") String period;
    @Option(names = "--party", description = "A party to the fighting (repeat).") List<String> parties;

    RecordType type() { return RecordType.CAMPAIGN; }

    @Override
    java.util.Map<String, String> options() {
      return java.util.Map.of("area.bbox", "--bbox", "area.name", "--area", "parties", "--party");
    }

    void fill(ObjectNode o) {
      put(o, "name", name);
      if (area != null || bbox != null) {
        ObjectNode a = o.has("area") ? (ObjectNode) o.get("area") : o.putObject("area");
        put(a, "name", area);
        if (bbox != null) a.set("bbox", Json.tree(org.harmledger.domain.BoundingBox.parse(bbox)));
      }
      putSpan(o, "period", "--period", period);
      if (parties != null) o.set("parties", Json.tree(parties));
    }
  }

  @Command(name = "source", mixinStandardHelpOptions = true, description = "A document or testimony.")
  static final class Source extends AddBase {
    @Option(names = "--kind", description = "belligerent_statement, ngo_report, news, social_media, witness_testimony, official_list, other") String kind;
    @Option(names = "--publisher", description = "Who published it: an organisation, outlet or account.") String publisher;
    @Option(names = "--author", description = "Its author, if named.") String author;
    @Option(names = "--title", description = "Its title or headline.") String title;
    @Option(names = "--url", description = "Where it can be found (http or https address).") String url;
    @Option(names = "--language", description = "BCP 47, e.g. en, ar, da.") String language;
    @Option(names = "--published", description = "Date it was published, YYYY-MM-DD.") LocalDate published;
    @Option(names = "--retrieved", description = "Date you retrieved it, YYYY-MM-DD.") LocalDate retrieved;
    @Option(names = "--role", description = "The publisher's role: accused_belligerent, partner_force, opposing_party, independent_monitor, media, victims_family, witness, local_authority, other") String role;
    @Option(names = "--confidential", description = "Never name this source in public exports.") Boolean confidential;
    @Option(names = "--secondary", description = "Known only from other reports.") Boolean secondary;
    @Option(names = "--notes", description = "Anything a reader of the ledger should know about it.") String notes;
    @Option(names = "--archive", description = "A file to archive as the source's copy (its SHA-256 is recorded).") Path archive;
    @Option(names = "--media-type", description = "The archived file's media type. Default: guessed from its name.") String mediaType;

    RecordType type() { return RecordType.SOURCE; }

    void fill(ObjectNode o) {
      put(o, "kind", kind); put(o, "publisher", publisher); put(o, "author", author); put(o, "title", title); put(o, "url", url);
      put(o, "language", language); put(o, "published", published); put(o, "retrieved", retrieved); put(o, "role", role);
      put(o, "confidential", confidential); put(o, "secondary", secondary); put(o, "notes", notes);
      if (!o.has("confidential")) o.put("confidential", false);
      if (!o.has("secondary")) o.put("secondary", false);
      if (archive != null && !Files.isRegularFile(archive)) throw new ValidationException(Problem.of("--archive", archive, "is not a readable file"));
    }

    @Override
    void after(StoredRecord s) throws Exception {
      if (archive == null) return;
      String type = mediaType != null ? mediaType : Optional.ofNullable(Files.probeContentType(archive)).orElse("application/octet-stream");
      ledger().archive(s.id(), Files.readAllBytes(archive), type, Optional.of(archive.getFileName().toString()), OptionalLong.empty(), meta("archived copy at intake"));
    }
  }

  @Command(name = "claim", mixinStandardHelpOptions = true, description = "What one source asserts, about an incident, a set of incidents or a campaign.")
  static final class Claim extends AddBase {
    @Option(names = "--source", description = "The source id.") String source;
    @Option(names = "--claimant", description = "Who asserts it, when not the source's publisher.") String claimant;
    @Option(names = "--claimant-role", description = "The claimant's role (see add source --role).") String claimantRole;
    @Option(names = "--incident", description = "About one incident (id).") String incident;
    @Option(names = "--incidents", split = ",", description = "About a set of incidents, as a whole: id,id,…") List<String> incidents;
    @Option(names = "--campaign", description = "An aggregate claim about this campaign.") String campaign;
    @Option(names = "--period", description = "Aggregate claim's period START/END (default: the campaign's).") String period;
    @Option(names = "--killed", description = "N, MIN-MAX, or MIN+ for 'at least' (\"hundreds\": 200+, \"dozens\": 24+, \"more than 1,600\": 1601+; the words go in --quote).") String killed;
    @Option(names = "--injured", description = "N, MIN-MAX, or MIN+.") String injured;
    @Option(names = "--perpetrator", description = "Who the claim says caused the harm, as the source puts it.") String perpetrator;
    @Option(names = "--quote", description = "The words, as written.") String quote;
    @Option(names = "--quote-language", description = "The quote's language, BCP 47 (e.g. ar, en, da); default: the source's.") String quoteLanguage;
    @Option(names = "--date", description = "When the claim was made, if not the source's publication date.") LocalDate date;
    @Option(names = "--status", description = "accepted (default), draft or rejected.") String status;
    @Option(names = "--notes", description = "Anything a reader of the ledger should know about it.") String notes;

    RecordType type() { return RecordType.CLAIM; }

    @Override
    java.util.Map<String, String> options() {
      return java.util.Map.of("subject", "--incident/--incidents/--campaign", "subject.incident", "--incident", "subject.incidents", "--incidents",
          "subject.campaign", "--campaign", "subject.period", "--period", "dated", "--date", "claimant.name", "--claimant");
    }

    void fill(ObjectNode o) {
      put(o, "source", source);
      if (claimant != null || claimantRole != null) {
        ObjectNode c = o.putObject("claimant");
        put(c, "name", claimant);
        put(c, "role", claimantRole);
      }
      int subjects = (incident != null ? 1 : 0) + (incidents != null ? 1 : 0) + (campaign != null ? 1 : 0);
      if (subjects > 1) throw new ValidationException(Problem.of("--incident/--incidents/--campaign", "", "give only one subject"));
      if (incident != null) o.putObject("subject").put("kind", "incident").put("incident", incident);
      if (incidents != null) {
        ObjectNode s = o.putObject("subject").put("kind", "incidents");
        s.set("incidents", Json.tree(incidents));
      }
      if (campaign != null) {
        ObjectNode s = o.putObject("subject").put("kind", "aggregate").put("campaign", campaign);
        putSpan(s, "period", "--period", period);
      }
      putRange(o, "killed", "--killed", killed);
      putRange(o, "injured", "--injured", injured);
      put(o, "perpetrator", perpetrator); put(o, "quote", quote); put(o, "quote_language", quoteLanguage);
      put(o, "dated", date); put(o, "status", status); put(o, "notes", notes);
    }
  }

  @Command(name = "incident", mixinStandardHelpOptions = true, description = "One event in time and place.")
  static final class Incident extends AddBase {
    @Option(names = "--campaign", description = "The campaign it belongs to (id).") String campaign;
    @Option(names = "--title", description = "A short title a reader will recognise the event by.") String title;
    @Option(names = "--time", description = "START/END, or one day.") String time;
    @Option(names = "--place", description = "Place name.") String place;
    @Option(names = "--lat", description = "Latitude, -90 to 90.") Double lat;
    @Option(names = "--lon", description = "Longitude, -180 to 180.") Double lon;
    @Option(names = "--uncertainty", description = "Radius in metres.") Double uncertainty;
    @Option(names = "--precision", description = "exact, near, district, province, line, country, unknown") String precision;
    @Option(names = "--strike-type", description = "airstrike, drone_strike, artillery, rocket, ground_fighting, explosive_device, shooting, other, unknown") String strikeType;
    @Option(names = "--belligerent", description = "A suspected belligerent (repeat).") List<String> belligerents;
    @Option(names = "--notes", description = "Anything a reader of the ledger should know about it.") String notes;
    @Option(names = "--place-name", paramLabel = "LANG=NAME", description = "The place's name in another language (repeat): ar=الرقة, ku=Reqa.") List<String> placeNames;
    @Option(names = "--code", paramLabel = "DATASET:CODE", description = "Another dataset's code for this incident (repeat): airwars:CS1234, ucdp-ged:244001, acled:SYR12345.") List<String> codes;

    RecordType type() { return RecordType.INCIDENT; }

    @Override
    java.util.Map<String, String> options() {
      return java.util.Map.of("place.name", "--place", "place.point.lat", "--lat", "place.point.lon", "--lon", "place.uncertainty_metres", "--uncertainty",
          "place.precision", "--precision", "suspected_belligerents", "--belligerent", "place.names", "--place-name", "codes", "--code");
    }

    void fill(ObjectNode o) {
      put(o, "campaign", campaign); put(o, "title", title);
      putSpan(o, "time", "--time", time);
      if (place != null || lat != null || lon != null || placeNames != null) {
        ObjectNode p = o.has("place") ? (ObjectNode) o.get("place") : o.putObject("place");
        put(p, "name", place);
        if (placeNames != null) {
          org.harmledger.domain.Problems bad = new org.harmledger.domain.Problems();
          var names = org.harmledger.domain.Place.namesFrom(placeNames, bad, "--place-name");
          bad.throwIfAny();
          p.set("names", Json.tree(names));
        }
        if (lat != null || lon != null) {
          ObjectNode pt = p.putObject("point");
          if (lat != null) pt.put("lat", lat);
          if (lon != null) pt.put("lon", lon);
        }
        if (uncertainty != null) p.put("uncertainty_metres", uncertainty);
        put(p, "precision", precision);
      }
      put(o, "strike_type", strikeType);
      if (belligerents != null) o.set("suspected_belligerents", Json.tree(belligerents));
      put(o, "notes", notes);
      if (codes != null) o.set("codes", Json.tree(codes));
    }
  }

  @Command(name = "case", mixinStandardHelpOptions = true, description = "A belligerent's case (give --json with its first state in 'history').")
  static final class Case extends AddBase {
    @Option(names = "--belligerent", description = "The belligerent whose assessment it is, e.g. CJTF-OIR.") String belligerent;
    @Option(names = "--campaign", description = "The campaign it belongs to (id).") String campaign;
    @Option(names = "--reference", description = "The belligerent's own case number.") String reference;
    @Option(names = "--incident", description = "An incident it concerns (repeat); none when not named.") List<String> incidents;
    @Option(names = "--opened", description = "Date it was opened (adds an 'open' first state).") LocalDate opened;
    @Option(names = "--alleged-time", paramLabel = "TEXT", description = "When the allegation says the harm happened, in the belligerent's words (\"14 June 2017\").") String allegedTime;
    @Option(names = "--alleged-span", paramLabel = "START/END", description = "The days --alleged-time covers (a day alone for one day).") String allegedSpan;
    @Option(names = "--alleged-place", paramLabel = "TEXT", description = "Where, in the belligerent's words (\"near Raqqa, Syria\").") String allegedPlace;
    @Option(names = "--alleged-precision", paramLabel = "P", description = "How precise --alleged-place is: exact, near (within about 25 km), district, province, line, country, unknown (default unknown).") String allegedPrecision;
    @Option(names = "--channel", description = "How the allegation reached the belligerent: self_report, media, social_media, ngo, international_organisation, government, individual, other.") String channel;
    @Option(names = "--alleged-by", paramLabel = "WHO", description = "Who made the allegation (\"Airwars\").") String allegedBy;
    @Option(names = "--alleged-source", paramLabel = "SOURCE", description = "The ledger's source the allegation is recorded in (its id): the belligerent's report that lists it, or the monitor's that raised it.") String allegedSource;

    RecordType type() { return RecordType.CASE; }

    @Override
    java.util.Map<String, String> options() {
      return java.util.Map.of("incidents", "--incident", "allegation.time.text", "--alleged-time", "allegation.time.span", "--alleged-span",
          "allegation.place.text", "--alleged-place", "allegation.place.precision", "--alleged-precision", "allegation.channel", "--channel", "allegation.by", "--alleged-by", "allegation.source", "--alleged-source");
    }

    void fill(ObjectNode o) {
      put(o, "belligerent", belligerent); put(o, "campaign", campaign); put(o, "reference", reference);
      if (incidents != null) o.set("incidents", Json.tree(incidents));
      if (allegedSpan != null && allegedTime == null) allegedTime = allegedSpan; // the days stand for themselves
      if (allegedPrecision != null && allegedPlace == null) {
        throw new org.harmledger.domain.ValidationException(org.harmledger.domain.Problem.of("--alleged-precision", allegedPrecision, "only goes with --alleged-place"));
      }
      if (allegedTime != null || allegedPlace != null || channel != null || allegedBy != null || allegedSource != null) {
        ObjectNode a = o.putObject("allegation");
        if (allegedTime != null) {
          ObjectNode t = a.putObject("time").put("text", allegedTime);
          putSpan(t, "span", "--alleged-span", allegedSpan);
        }
        if (allegedPlace != null) a.putObject("place").put("text", allegedPlace).put("precision", allegedPrecision == null ? "unknown" : allegedPrecision);
        put(a, "channel", channel);
        put(a, "by", allegedBy);
        put(a, "source", allegedSource);
      }
      if (opened != null && !o.has("history")) {
        o.putArray("history").addObject().put("state", "open").put("on", opened.toString()).put("on_or_before", false).put("note", "opened");
      }
    }
  }

  @Command(name = "victim", mixinStandardHelpOptions = true, description = "A person killed or injured (use --json for all fields).")
  static final class Victim extends AddBase {
    @Option(names = "--name-original", description = "Name as written in its original script.") String nameOriginal;
    @Option(names = "--name-latin", description = "Name in Latin script, as a list or a family gives it.") String nameLatin;
    @Option(names = "--outcome", description = "killed or injured") String outcome;
    @Option(names = "--incident", description = "The incident in which the person was killed or injured (id).") String incident;
    @Option(names = "--source", description = "A source id (repeat).") List<String> sources;
    @Option(names = "--place", description = "Where the person was killed or injured, as the source names it.") String place;
    @Option(names = "--cause", description = "How (the type of death or injury): airstrike, drone_strike, artillery, rocket, ground_fighting, explosive_device, shooting, other, unknown.") String cause;
    @Option(names = "--confidential", paramLabel = "yes|no", description = "Required: yes if the person must not be named in public views and exports (a protected family), no if they may be.") String confidential;

    RecordType type() { return RecordType.VICTIM; }

    @Override
    java.util.Map<String, String> options() {
      return java.util.Map.of("sources", "--source", "place", "--place", "cause", "--cause", "confidential", "--confidential");
    }

    void fill(ObjectNode o) {
      put(o, "name_original", nameOriginal); put(o, "name_latin", nameLatin); put(o, "outcome", outcome); put(o, "incident", incident);
      put(o, "place", place); put(o, "cause", cause);
      if (sources != null) o.set("sources", Json.tree(sources));
      // whether a person may be named is asked every time, as on the pages and in a CSV import:
      // no default, since the wrong one would name a protected family in public
      if (confidential != null) {
        switch (confidential.trim().toLowerCase(java.util.Locale.ROOT)) {
          case "yes", "true", "y" -> o.put("confidential", true);
          case "no", "false", "n" -> o.put("confidential", false);
          default -> throw new org.harmledger.domain.ValidationException(org.harmledger.domain.Problem.of("--confidential", confidential, "must be yes or no"));
        }
      }
      if (!o.has("confidential")) {
        throw new org.harmledger.domain.ValidationException(org.harmledger.domain.Problem.of("--confidential", "", "is required: yes or no (may this person be named in public views and exports?)"));
      }
    }
  }
}
