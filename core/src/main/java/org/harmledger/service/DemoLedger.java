package org.harmledger.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.Area;
import org.harmledger.domain.BoundingBox;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.Case;
import org.harmledger.domain.CaseState;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.Claim;
import org.harmledger.domain.ClaimStatus;
import org.harmledger.domain.ClaimSubject;
import org.harmledger.domain.Claimant;
import org.harmledger.domain.Coordinates;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Grading;
import org.harmledger.domain.Incident;
import org.harmledger.domain.NonCredibleReason;
import org.harmledger.domain.Place;
import org.harmledger.domain.PlacePrecision;
import org.harmledger.domain.Range;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.Role;
import org.harmledger.domain.Source;
import org.harmledger.domain.SourceKind;
import org.harmledger.domain.StatedPlace;
import org.harmledger.domain.StatedTime;
import org.harmledger.domain.StrikeType;

/**
 * The Raqqa 2017 case, entered from the seed story's facts (Ritzau, 2018) and, marked secondary,
 * the later public figures in {@code shared/docs/raqqa-figures.md}. Nothing here is invented: where
 * the sources do not say (which four incidents, when the cases were first closed) the records say
 * so and keep the uncertainty (whole-campaign time spans, "on or before" dates).
 */
public final class DemoLedger {
  public static final String CAMPAIGN = "raqqa-2017";
  public static final String COALITION = "US-led coalition (CJTF-OIR)";
  public static final String AMNESTY = "Amnesty International";
  public static final String SEED_FILE = "seed/ritzau-raqqa-2017.da.txt";

  private DemoLedger() {}

  /** True when the demo campaign is already in the ledger. */
  public static boolean isLoaded(LedgerService ledger) {
    return ledger.find(RecordType.CAMPAIGN, CAMPAIGN).isPresent();
  }

  /**
   * Loads the demo in one transaction. {@code shared}, if it holds the seed story, lets the
   * Ritzau source carry its archived copy and SHA-256.
   */
  public static void load(LedgerService ledger, Optional<Path> shared) {
    Meta meta = new Meta("harmledger-demo", "demo ledger: Raqqa 2017 from the seed story");
    Meta secondary = new Meta("harmledger-demo", "demo ledger: later figures from secondary reports (raqqa-figures.md)");
    LocalDate story = LocalDate.parse("2018-06-05");
    ledger.atomically(tx -> {
      tx.create(new Campaign(CAMPAIGN, "Battle of Raqqa, 2017",
          Optional.of("The US-led coalition's and the SDF's offensive to take Raqqa, Syria, from Islamic State."),
          new Area("Raqqa city, Syria", Optional.of(new BoundingBox(35.90, 38.92, 36.00, 39.08))),
          DateSpan.of("2017-06-06", "2017-10-17"),
          List.of(COALITION, "Syrian Democratic Forces (SDF)", "Islamic State (IS)")), meta);

      tx.create(source("ritzau-2018-06", SourceKind.NEWS, "Ritzau", Optional.empty(), "da", story, Role.MEDIA, false,
          "Danish wire story on Amnesty International's criticism of the coalition's Raqqa figures. The copy carries no date; "
              + "it reports Amnesty's report of 5 June 2018 as out, so 2018-06-05 is the earliest it can be."), meta);
      shared.map(p -> p.resolve(SEED_FILE)).filter(Files::isRegularFile).ifPresent(f -> {
        try {
          tx.archive("ritzau-2018-06", Files.readAllBytes(f), "text/plain; charset=utf-8", Optional.of(f.getFileName().toString()), OptionalLong.empty(), meta);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });

      Claimant coalition = new Claimant(COALITION, Role.ACCUSED_BELLIGERENT);
      Claimant amnesty = new Claimant(AMNESTY, Role.INDEPENDENT_MONITOR);
      StatedTime juneToOctober = new StatedTime("fra juni til oktober 2017", Optional.of(DateSpan.of("2017-06-01", "2017-10-31")));
      StatedPlace raqqa = new StatedPlace("den syriske by Raqqa", PlacePrecision.NEAR);

      tx.create(claim("clm-coalition-23", "ritzau-2018-06", coalition, aggregate(), Optional.of(Range.exactly(23)), Optional.empty(),
          Optional.empty(), "Under de hårde kampe i den syriske by Raqqa fra juni til oktober 2017 mistede 23 civile livet. I hvert fald hvis man skal tro den USA-ledede koalition", "da",
          Optional.of(juneToOctober), Optional.of(raqqa), Optional.empty()), meta);
      tx.create(claim("clm-amnesty-hundreds", "ritzau-2018-06", amnesty, aggregate(), Optional.of(Range.atLeast(200)), Optional.of(Range.atLeast(2000)),
          Optional.of(COALITION), "koalitionen \"dræbte hundredvis og sårede tusindvis af civile\" under den fire måneder lange offensiv sidste år", "da",
          Optional.of(new StatedTime("den fire måneder lange offensiv sidste år", Optional.of(DateSpan.of("2017-06-06", "2017-10-17")))), Optional.of(raqqa),
          Optional.of("'hundreds' kept as at least 200, 'thousands' as at least 2,000")), meta);

      List<String> four = List.of("inc-raqqa-amnesty-1", "inc-raqqa-amnesty-2", "inc-raqqa-amnesty-3", "inc-raqqa-amnesty-4");
      for (int i = 0; i < four.size(); i++) {
        tx.create(new Incident(four.get(i), Optional.of(CAMPAIGN),
            "Air strike investigated in detail by Amnesty International (" + (i + 1) + " of 4)",
            DateSpan.of("2017-06-06", "2017-10-17"),
            new Place("Raqqa", Optional.of(new Coordinates(35.9528, 39.0079)), Optional.of(5000.0), PlacePrecision.NEAR, Optional.of("Raqqa Governorate"), Optional.of("Syria")),
            StrikeType.AIRSTRIKE, List.of(COALITION), List.of(),
            Optional.of("One of the four incidents behind Amnesty's '70 civilians in four incidents'. The seed source does not name them, "
                + "so date and place are the campaign's until a source does.")), meta);
      }
      tx.create(new Claim("clm-amnesty-70", "ritzau-2018-06", Optional.of(amnesty), new ClaimSubject.IncidentSet(four),
          Optional.of(Range.exactly(70)), Optional.empty(), Map.of(), Map.of(),
          Optional.of("most of them women and children (de fleste var kvinder og børn)"), Optional.of(COALITION + ", air strikes"),
          Optional.of("I bare fire hændelser, som organisationen har undersøgt nærmere, kostede luftangreb 70 civile livet - de fleste var kvinder og børn."),
          Optional.of("da"), Optional.empty(), Optional.of(raqqa), Optional.empty(), ClaimStatus.ACCEPTED, Optional.empty()), meta);
      tx.create(claim("clm-sdf-losses", "ritzau-2018-06", new Claimant("Syrian Democratic Forces (SDF)", Role.PARTNER_FORCE), aggregate(),
          Optional.empty(), Optional.empty(), Optional.of(COALITION),
          "I et brev til Amnesty har SDF peget på \"mislykkede luftangreb\" og fejl fra koalitionens side, som resulterede i \"enorme menneskelige og materielle tab\".", "da",
          Optional.empty(), Optional.of(raqqa), Optional.of("No figure: 'enormous human and material losses', in a letter to Amnesty.")), meta);

      for (String incident : four) {
        tx.grade(incident, new Grading(Grade.WEAK,
            "A single source (Amnesty International, as reported by Ritzau); the incident's date and exact place are not in the source.", story),
            OptionalLong.empty(), meta);
      }

      // The coalition's four reopened cases and one new case; it named none of the incidents.
      for (int i = 1; i <= 4; i++) {
        CaseStep closed = new CaseStep(CaseState.CLOSED, story, true, "Already closed before Amnesty's new documentation (\"fire allerede lukkede sager\").",
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("ritzau-2018-06"));
        tx.create(new Case("case-raqqa-reopened-" + i, COALITION, Optional.of(CAMPAIGN), Optional.empty(), List.of(), List.of(closed),
            Optional.of("One of four closed cases the coalition said it would reopen after Amnesty's June 2018 report; not named.")), meta);
        tx.transition("case-raqqa-reopened-" + i, new CaseStep(CaseState.REOPENED, story, true,
            "The coalition will reopen four already closed cases (\"genåbne fire allerede lukkede sager\").",
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("ritzau-2018-06")), OptionalLong.empty(), meta);
      }
      tx.create(new Case("case-raqqa-new-1", COALITION, Optional.of(CAMPAIGN), Optional.empty(), List.of(),
          List.of(new CaseStep(CaseState.OPEN, story, true, "A new case the coalition will investigate (\"yderligere undersøge en ny sag\").",
              Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("ritzau-2018-06"))),
          Optional.of("Opened after Amnesty's June 2018 report; incident not named.")), meta);

      // Secondary reports, later.
      LocalDate mct = LocalDate.parse("2018-06-28");
      tx.create(source("mct-2018-06-28", SourceKind.NEWS, "Marine Corps Times", Optional.empty(), "en", mct, Role.MEDIA, true,
          "Secondary: of the four reopened Raqqa cases, one was closed again as non-credible; one new allegation opened; incidents not named."), secondary);
      tx.transition("case-raqqa-reopened-1", new CaseStep(CaseState.NON_CREDIBLE, mct, true,
          "One of the four reopened cases was found non-credible; which one, and why, was not reported (assigned to this case for the demo).",
          Optional.of(NonCredibleReason.NOT_STATED), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("mct-2018-06-28")), OptionalLong.empty(), secondary);
      tx.transition("case-raqqa-reopened-1", new CaseStep(CaseState.CLOSED, mct, true, "Closed again.",
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("mct-2018-06-28")), OptionalLong.empty(), secondary);

      LocalDate rvr = LocalDate.parse("2019-04-25");
      tx.create(source("rvr-2019-04-25", SourceKind.NGO_REPORT, "Amnesty International and Airwars", Optional.of("Rhetoric versus Reality"), "en", rvr,
          Role.INDEPENDENT_MONITOR, true, "Secondary: known from press coverage of the report."), secondary);
      tx.create(claim("clm-rvr-1600", "rvr-2019-04-25", amnesty, aggregate(), Optional.of(Range.atLeast(1601)), Optional.empty(), Optional.of(COALITION),
          "more than 1,600 civilians killed in Raqqa, June–October 2017", "en", Optional.of(new StatedTime("June–October 2017", Optional.of(DateSpan.of("2017-06-01", "2017-10-31")))),
          Optional.of(new StatedPlace("Raqqa", PlacePrecision.NEAR)),
          Optional.of("Joint investigation with Airwars; recorded under Amnesty International so it supersedes Amnesty's 2018 'hundreds'. 'More than 1,600' kept as at least 1,601.")), secondary);
      LocalDate acknowledged = LocalDate.parse("2019-04-30");
      tx.create(source("press-2019-04-coalition", SourceKind.NEWS, "swissinfo; tgcom24", Optional.empty(), "en", acknowledged, Role.MEDIA, true,
          "Secondary: press coverage, April 2019, of the coalition's acknowledged Raqqa figure. Only the month is known; dated at its end."), secondary);
      tx.create(claim("clm-coalition-180", "press-2019-04-coalition", coalition, aggregate(), Optional.of(Range.exactly(180)), Optional.empty(), Optional.empty(),
          "about 180 civilian deaths in Raqqa acknowledged", "en", Optional.empty(), Optional.of(new StatedPlace("Raqqa", PlacePrecision.NEAR)),
          Optional.of("'About 180' kept as 180.")), secondary);
      return null;
    });
  }

  private static ClaimSubject aggregate() {
    return new ClaimSubject.Aggregate(CAMPAIGN, Optional.empty(), Optional.empty());
  }

  private static Source source(String id, SourceKind kind, String publisher, Optional<String> title, String lang, LocalDate published, Role role, boolean secondary, String notes) {
    return new Source(id, kind, publisher, Optional.empty(), title, Optional.empty(), Optional.of(lang), Optional.of(published), Optional.empty(), role,
        Optional.empty(), false, secondary, Optional.of(notes));
  }

  private static Claim claim(String id, String source, Claimant claimant, ClaimSubject subject, Optional<Range> killed, Optional<Range> injured,
      Optional<String> perpetrator, String quote, String lang, Optional<StatedTime> time, Optional<StatedPlace> place, Optional<String> notes) {
    return new Claim(id, source, Optional.of(claimant), subject, killed, injured, Map.of(), Map.of(), Optional.empty(), perpetrator,
        Optional.of(quote), Optional.of(lang), time, place, Optional.empty(), ClaimStatus.ACCEPTED, notes);
  }
}
