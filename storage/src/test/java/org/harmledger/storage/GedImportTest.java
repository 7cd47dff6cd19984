package org.harmledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import org.harmledger.domain.Claim;
import org.harmledger.domain.Incident;
import org.harmledger.domain.NotFoundException;
import org.harmledger.domain.PlacePrecision;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.io.GedImport;
import org.harmledger.io.IncidentExport;
import org.harmledger.ledger.Json;
import org.harmledger.service.Meta;
import org.harmledger.tally.TallyFilter;
import org.junit.jupiter.api.Test;

class GedImportTest extends DemoFileTest {
  private final Meta meta = new Meta("tester", "GED 24.1");

  /** GED's own column order (a subset of its 49, and one column this importer does not read), with its date-time format. */
  private static final String HEADER = "id,relid,year,type_of_violence,conflict_name,side_a,side_b,source_article,source_headline,where_prec,where_description,adm_1,"
      + "latitude,longitude,country,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low\n";

  private String ucdpSource() {
    return ledger.create(Json.convert(Json.readTree("""
        {"kind":"ngo_report","publisher":"Uppsala Conflict Data Program","role":"independent_monitor","title":"UCDP Georeferenced Event Dataset 24.1","published":"2024-06-10","language":"en","confidential":false,"secondary":false}"""),
        RecordType.SOURCE.recordClass()), meta).id();
  }

  private GedImport.Result load(String csv, String source) {
    return GedImport.csv(ledger, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "raqqa-2017", source, meta);
  }

  @Test
  void eventsInTheCampaignBecomeIncidentsWithAClaimForTheirCivilianDeaths() {
    String source = ucdpSource();
    String csv = HEADER
        // one-sided violence: every death a civilian's, so the claim keeps GED's low–high
        + "244001,SYR-1,2017,3,Syria: Government,Government of Syria,Civilians,\"Reuters 2017-08-21, \"\"Strikes on al-Badu\"\"\",Strikes on al-Badu,1,Raqqa town,Ar Raqqah governorate,35.95,39.01,Syria,1,2017-08-20 00:00:00.000,2017-08-20 00:00:00.000,0,0,27,0,27,40,19\n"
        // a battle: the civilians are some of the dead, so the claim is their count alone
        + "244002,SYR-2,2017,1,Syria: IS,SDF,IS,AFP,,2,Raqqa city,Ar Raqqah governorate,35.96,39.02,Syria,1,2017-09-01,2017-09-02,10,12,3,0,25,30,22\n"
        // no civilian deaths: an incident, no claim
        + "244003,SYR-3,2017,1,Syria: IS,SDF,IS,AFP,,4,Ar Raqqah governorate,Ar Raqqah governorate,,,Syria,4,2017-07-01,2017-07-31,5,5,0,0,10,10,10\n"
        // outside the campaign: Damascus (out of its area), and 2015 (out of its period)
        + "244004,SYR-4,2017,3,Syria: Government,Government of Syria,Civilians,SANA,,1,Damascus,Damascus governorate,33.51,36.29,Syria,1,2017-08-20,2017-08-20,0,0,5,0,5,5,5\n"
        + "244005,SYR-5,2015,3,Syria: IS,IS,Civilians,SOHR,,1,Raqqa town,Ar Raqqah governorate,35.95,39.01,Syria,1,2015-03-01,2015-03-01,0,0,9,0,9,9,9\n";
    long before = ledger.tally("raqqa-2017", Optional.empty(), TallyFilter.NONE).killed().documented().min();

    GedImport.Result r = load(csv, source);

    assertThat(r.incidents()).isEqualTo(3);
    assertThat(r.claims()).isEqualTo(2);
    assertThat(r.outside()).isEqualTo(2);
    Incident badu = ledger.get(RecordType.INCIDENT, "inc-ged-244001").as(Incident.class);
    assertThat(badu.campaign()).contains("raqqa-2017");
    assertThat(badu.time().start()).isEqualTo(LocalDate.parse("2017-08-20"));
    assertThat(badu.place().precision()).isEqualTo(PlacePrecision.EXACT);
    assertThat(badu.place().point().orElseThrow().lat()).isEqualTo(35.95);
    assertThat(badu.suspectedBelligerents()).containsExactly("Government of Syria");
    assertThat(badu.codes()).as("found again by GED's own id").containsExactly("ucdp-ged:244001");
    Claim oneSided = ledger.get(RecordType.CLAIM, "clm-ged-244001").as(Claim.class);
    assertThat(oneSided.source()).isEqualTo(source);
    assertThat(oneSided.killed().orElseThrow().toString()).isEqualTo("19–40");
    assertThat(oneSided.perpetrator()).contains("Government of Syria");
    assertThat(oneSided.notes().orElseThrow()).contains("UCDP GED event 244001", "low 19, high 40", "Strikes on al-Badu");
    Claim battle = ledger.get(RecordType.CLAIM, "clm-ged-244002").as(Claim.class);
    assertThat(battle.killed().orElseThrow().toString()).isEqualTo("3");
    assertThat(battle.perpetrator()).isEmpty();
    assertThat(ledger.get(RecordType.INCIDENT, "inc-ged-244002").as(Incident.class).suspectedBelligerents()).containsExactly("SDF", "IS");
    assertThat(ledger.get(RecordType.INCIDENT, "inc-ged-244003").as(Incident.class).place().precision()).isEqualTo(PlacePrecision.PROVINCE);
    assertThatThrownBy(() -> ledger.get(RecordType.CLAIM, "clm-ged-244003")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ledger.get(RecordType.INCIDENT, "inc-ged-244004")).isInstanceOf(NotFoundException.class);
    // the documented figure now counts the two events' civilians, each incident once
    long after = ledger.tally("raqqa-2017", Optional.empty(), TallyFilter.NONE).killed().documented().min();
    assertThat(after).isEqualTo(before + 19 + 3);
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();

    // and the campaign's GED export gives the events back with their figures
    StringWriter out = new StringWriter();
    IncidentExport.ged(ledger.get(RecordType.CAMPAIGN, "raqqa-2017").as(org.harmledger.domain.Campaign.class), IncidentExport.rows(ledger, "raqqa-2017"), out);
    assertThat(out.toString()).containsPattern("inc-ged-244001,.*,1,Raqqa town,Ar Raqqah governorate,.*,2017-08-20,2017-08-20,0,0,19,0,19,40,19,");
  }

  @Test
  void aBadRowIsNamedByItsGedColumnAndNothingIsWritten() {
    String source = ucdpSource();
    long before = entries();
    String csv = HEADER
        + "1,R,2017,3,C,A,Civilians,S,,9,Raqqa,,35.9,39.0,Syria,1,2017-08-20,2017-08-20,0,0,many,0,5,5,5\n"
        + "2,R,2017,3,C,A,Civilians,S,,1,Raqqa,,95.9,39.0,Syria,1,2017-08-21,2017-08-19,0,0,4,0,4,4,4\n"
        + "3,R,2017,3,C,A,Civilians,S,,1,Raqqa,,35.9,39.0,Syria,1,2017-08-32,2017-08-20,0,0,4,0,4,4,4\n"
        + "4,R,2017,3,C,A,Civilians,S,,1,Raqqa,,35.9,39.0,Syria,1,2017-08-20,2017-08-20,0,0,4,0,4,4,4\n";
    assertThatThrownBy(() -> load(csv, source))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field() + " = " + p.value())
            .containsExactly("row 2: deaths_civilians = many", "row 2: where_prec = 9", "row 3: date_end = 2017-08-19", "row 3: latitude = 95.9", "row 4: date_start = 2017-08-32"));
    assertThat(entries()).as("the good row is not written either").isEqualTo(before);

    assertThatThrownBy(() -> load("id,date_start\n1,2017-08-20\n", source)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("needs the GED column date_end").hasMessageContaining("needs the GED column deaths_civilians");
    assertThatThrownBy(() -> load(HEADER, "no-such-source")).isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-source");
    // imported twice: the second time every event is already there, named by its id
    load(HEADER + "4,R,2017,3,C,A,Civilians,S,,1,Raqqa,,35.9,39.0,Syria,1,2017-08-20,2017-08-20,0,0,4,0,4,4,4\n", source);
    long once = entries();
    assertThatThrownBy(() -> load(HEADER + "4,R,2017,3,C,A,Civilians,S,,1,Raqqa,,35.9,39.0,Syria,1,2017-08-20,2017-08-20,0,0,4,0,4,4,4\n", source))
        .isInstanceOf(ValidationException.class).hasMessageContaining("row 2").hasMessageContaining("inc-ged-4");
    assertThat(entries()).isEqualTo(once);
  }

  @Test
  void aFileNotInUtf8IsRefusedNamingTheRowAndItsBytesAndNothingIsWritten() {
    String source = ucdpSource();
    long before = entries();
    byte[] good = (HEADER + "1,R,2017,3,C,A,Civilians,S,,1,Raqqa,,35.9,39.0,Syria,1,2017-08-20,2017-08-20,0,0,4,0,4,4,4\n").getBytes(StandardCharsets.UTF_8);
    // the next row's place in Arabic, as Excel saves it in Windows-1256
    byte[] bad = "2,R,2017,3,C,A,Civilians,S,,1,الرقة,,35.9,39.0,Syria,1,2017-08-21,2017-08-21,0,0,4,0,4,4,4\n".getBytes(java.nio.charset.Charset.forName("windows-1256"));
    byte[] both = java.util.Arrays.copyOf(good, good.length + bad.length);
    System.arraycopy(bad, 0, both, good.length, bad.length);
    assertThatThrownBy(() -> GedImport.csv(ledger, new ByteArrayInputStream(both), "raqqa-2017", source, meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).singleElement().satisfies(p -> {
          assertThat(p.field()).isEqualTo("row 3");
          assertThat(p.value()).startsWith("bytes C7 E1"); // ا ل in Windows-1256
          assertThat(p.rule()).contains("not UTF-8", "CSV UTF-8");
        }));
    assertThat(entries()).as("the good row before it is not written either").isEqualTo(before);
  }

  @Test
  void aFileOfAWholeCountryIsReadAsItStreamsKeepingOnlyTheCampaignsEvents() {
    String source = ucdpSource();
    int elsewhere = 50_000;
    // made as it is read, never whole in memory: Damascus events, then two in Raqqa
    java.util.Iterator<String> rows = java.util.stream.Stream.concat(
        java.util.stream.Stream.concat(java.util.stream.Stream.of(HEADER),
            java.util.stream.IntStream.range(0, elsewhere).mapToObj(i -> (900000 + i) + ",R,2017,3,C,A,Civilians,S,,1,Damascus,,33.5,36.3,Syria,1,2017-08-20,2017-08-20,0,0,2,0,2,2,2\n")),
        java.util.stream.Stream.of("7,R,2017,3,C,A,Civilians,S,,1,Raqqa,,35.9,39.0,Syria,1,2017-08-20,2017-08-20,0,0,4,0,4,4,4\n",
            "8,R,2017,3,C,A,Civilians,S,,1,Raqqa,,35.9,39.0,Syria,1,2017-08-22,2017-08-22,0,0,6,0,6,6,6\n")).iterator();
    java.io.InputStream generated = new java.io.InputStream() {
      byte[] row = new byte[0];
      int at;

      @Override
      public int read() {
        while (at == row.length) {
          if (!rows.hasNext()) return -1;
          row = rows.next().getBytes(StandardCharsets.UTF_8);
          at = 0;
        }
        return row[at++] & 0xFF;
      }
    };
    GedImport.Result r = GedImport.csv(ledger, generated, "raqqa-2017", source, meta);
    assertThat(r.outside()).isEqualTo(elsewhere);
    assertThat(r.incidents()).isEqualTo(2);
    assertThat(r.claims()).isEqualTo(2);
    assertThat(ledger.get(RecordType.CLAIM, "clm-ged-8").as(Claim.class).killed().orElseThrow().toString()).isEqualTo("6");
  }
}
