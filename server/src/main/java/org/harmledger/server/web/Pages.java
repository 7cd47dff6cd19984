package org.harmledger.server.web;

import static org.harmledger.server.web.Forms.*;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.Case;
import org.harmledger.domain.CaseState;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.Claim;
import org.harmledger.domain.ClaimStatus;
import org.harmledger.domain.ClaimSubject;
import org.harmledger.domain.Claimant;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Grading;
import org.harmledger.domain.Incident;
import org.harmledger.domain.LinkDecision;
import org.harmledger.domain.NonCredibleReason;
import org.harmledger.domain.NotFoundException;
import org.harmledger.domain.Problem;
import org.harmledger.domain.Range;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.Role;
import org.harmledger.domain.Source;
import org.harmledger.domain.SourceKind;
import org.harmledger.domain.ValidationException;
import org.harmledger.domain.Victim;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;
import org.harmledger.service.VerifyReport;
import org.harmledger.store.RecordQuery;
import org.harmledger.tally.TallyFilter;
import org.harmledger.tally.TallyReport;

/**
 * The web pages: server-rendered JTE templates over the same services as the API, with htmx for
 * the incident list's partial updates and ECharts and Leaflet (shipped as WebJars) for charts and
 * maps. Forms post, the service checks, and a rejected form comes back with each problem beside
 * its field; a saved one redirects to the page that shows it (and its history).
 */
public final class Pages {
  private final LedgerService ledger;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final IncidentIndex index;

  private Pages(LedgerService ledger) {
    this.ledger = ledger;
    this.index = new IncidentIndex(ledger);
  }

  /**
   * Works out each live campaign's page for today, its incident list and its victim review ahead
   * of the first request (a cache, nothing written): on a ledger of 100,000 incidents the first
   * campaign page otherwise takes seconds, and linking 20,000 victims as long. Later writes update
   * the tally and the list rather than start again; the review is linked again when next asked for.
   */
  public void prepare() {
    LocalDate today = ledger.today();
    for (var c : ledger.listAll(RecordType.CAMPAIGN, RecordQuery.live())) {
      index.rows(c.id(), today);
      campaignView(c.id(), today, false);
      victimReview(c.id());
    }
  }

  /** Registers the pages and their static files on a server being configured. */
  public static Pages register(JavalinConfig config, LedgerService ledger) {
    Pages p = new Pages(ledger);
    config.staticFiles.enableWebjars();
    config.staticFiles.add(sf -> {
      sf.hostedPath = "/static";
      sf.directory = "/org/harmledger/server/web/static";
      sf.location = Location.CLASSPATH;
    });
    var r = config.routes;
    r.addHttpHandler(HandlerType.GET, "/", p::home);
    // A tile server for the maps, if the deployment has one (HARMLEDGER_TILES=https://…/{z}/{x}/{y}.png); else the shipped outline.
    r.addHttpHandler(HandlerType.GET, "/config.js", ctx -> ctx.contentType("text/javascript").result("window.HL_TILES = " + Json.write(nz(System.getenv("HARMLEDGER_TILES"))) + ";"));
    r.addHttpHandler(HandlerType.GET, "/campaigns/{id}", p::campaign);
    r.addHttpHandler(HandlerType.GET, "/campaigns/{id}/gap.svg", p::gapSvg);
    r.addHttpHandler(HandlerType.GET, "/incidents", p::incidents);
    r.addHttpHandler(HandlerType.GET, "/incidents.csv", ctx -> p.download(ctx, "csv"));
    r.addHttpHandler(HandlerType.GET, "/incidents.geojson", ctx -> p.download(ctx, "geojson"));
    r.addHttpHandler(HandlerType.GET, "/incidents/new", ctx -> p.incidentForm(ctx, Map.of("campaign", nz(ctx.queryParam("campaign"))), List.of()));
    r.addHttpHandler(HandlerType.POST, "/incidents", p::createIncident);
    r.addHttpHandler(HandlerType.GET, "/incidents/{id}", p::incident);
    r.addHttpHandler(HandlerType.GET, "/incidents/{id}/edit", p::editIncident);
    r.addHttpHandler(HandlerType.POST, "/incidents/{id}", p::amendIncident);
    r.addHttpHandler(HandlerType.POST, "/incidents/{id}/grade", p::grade);
    r.addHttpHandler(HandlerType.POST, "/incidents/{id}/victims", p::addVictim);
    r.addHttpHandler(HandlerType.GET, "/sources/new", ctx -> p.sourceForm(ctx, Map.of(), List.of()));
    r.addHttpHandler(HandlerType.POST, "/sources", p::createSource);
    r.addHttpHandler(HandlerType.GET, "/sources/{id}", p::source);
    r.addHttpHandler(HandlerType.GET, "/claims/new", ctx -> p.claimForm(ctx, Optional.empty(), Map.of("source", nz(ctx.queryParam("source")), "campaign", nz(ctx.queryParam("campaign")), "incident", nz(ctx.queryParam("incident"))), List.of()));
    r.addHttpHandler(HandlerType.POST, "/claims", p::createClaim);
    r.addHttpHandler(HandlerType.GET, "/claims/{id}/edit", p::editClaim);
    r.addHttpHandler(HandlerType.POST, "/claims/{id}", p::amendClaim);
    r.addHttpHandler(HandlerType.POST, "/claims/{id}/review", p::review);
    r.addHttpHandler(HandlerType.POST, "/claims/{id}/retract", ctx -> p.retract(ctx, RecordType.CLAIM));
    r.addHttpHandler(HandlerType.POST, "/sources/{id}/retract", ctx -> p.retract(ctx, RecordType.SOURCE));
    r.addHttpHandler(HandlerType.POST, "/incidents/{id}/retract", ctx -> p.retract(ctx, RecordType.INCIDENT));
    r.addHttpHandler(HandlerType.POST, "/cases/{id}/retract", ctx -> p.retract(ctx, RecordType.CASE));
    r.addHttpHandler(HandlerType.GET, "/cases/new", ctx -> p.caseForm(ctx, Map.of("campaign", nz(ctx.queryParam("campaign"))), List.of()));
    r.addHttpHandler(HandlerType.POST, "/cases", p::createCase);
    r.addHttpHandler(HandlerType.GET, "/cases/{id}", p::caseView);
    r.addHttpHandler(HandlerType.POST, "/cases/{id}/steps", p::caseStep);
    r.addHttpHandler(HandlerType.POST, "/cases/{id}/incidents", p::linkCaseIncident);
    r.addHttpHandler(HandlerType.POST, "/cases/{id}/unlink", p::unlinkCaseIncident);
    r.addHttpHandler(HandlerType.GET, "/verify", p::verify);
    r.addHttpHandler(HandlerType.GET, "/review", p::reviewQueue);
    r.addHttpHandler(HandlerType.GET, "/campaigns/{id}/victims/review", p::victimReview);
    r.addHttpHandler(HandlerType.POST, "/campaigns/{id}/victims/decisions", p::decideVictims);
    r.addHttpHandler(HandlerType.POST, "/campaigns/{id}/victims/import", p::importVictims);
    r.addHttpHandler(HandlerType.POST, "/campaigns/{id}/ged/import", p::importGed);
    r.addHttpHandler(HandlerType.POST, "/sources/{id}/archive", p::archiveSource);
    r.addHttpHandler(HandlerType.POST, "/link_decisions/{id}/retract", ctx -> p.retract(ctx, RecordType.LINK_DECISION));
    return p;
  }

  // ------------------------------------------------------------------ rendering

  private void render(Context ctx, int status, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    templates.render(template, params, out);
    ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
  }

  private Map<String, Object> page(Context ctx, String title) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", title);
    m.put("actor", actorName(ctx));
    return m;
  }

  /** An error page for the HTML side (the API answers JSON). */
  public void error(Context ctx, int status, String message, List<Problem> problems) {
    Map<String, Object> m = page(ctx, status == 404 ? "Not found" : "Error");
    m.put("status", status);
    m.put("message", message);
    m.put("problems", problems);
    render(ctx, status, "error.jte", m);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String actorName(Context ctx) {
    String a = ctx.cookie("actor");
    return a == null || a.isBlank() ? "" : a;
  }

  /** Who makes a change from a form: the name given in it (remembered in a cookie), else web@address. */
  private static Meta meta(Context ctx, String reason) {
    String actor = nz(ctx.formParam("actor")).trim();
    if (!actor.isEmpty()) ctx.cookie("actor", actor.replaceAll("[^\\p{L}\\p{N} @._-]", ""), 60 * 60 * 24 * 365);
    else actor = actorName(ctx);
    if (actor.isEmpty()) actor = "web@" + ctx.ip();
    return new Meta(actor, reason);
  }

  private Optional<LocalDate> asOf(Context ctx) {
    String s = ctx.queryParam("as_of");
    if (s == null || s.isBlank()) return Optional.empty();
    try {
      return Optional.of(LocalDate.parse(s.trim()));
    } catch (DateTimeParseException e) {
      throw new ValidationException(Problem.of("as_of", s, "must be a date as YYYY-MM-DD"));
    }
  }

  // ------------------------------------------------------------------ reading pages

  private void home(Context ctx) {
    Map<String, Object> m = page(ctx, "Campaigns");
    m.put("campaigns", ledger.list(RecordType.CAMPAIGN, RecordQuery.live()).stream().map(s -> s.as(Campaign.class)).toList());
    m.put("drafts", (long) drafts().size());
    render(ctx, 200, "home.jte", m);
  }

  /** One month's incident-documented deaths as a range, for the chart of deaths over time. */
  public record Month(String month, long min, long max, boolean open, int incidents) {}

  /** What the campaign page shows on a date, kept until the ledger's head moves (a 100,000-incident gap history takes seconds). */
  private record CampaignView(TallyReport tally, List<Case> cases, String chart, Optional<org.harmledger.estimate.Estimation.Report> estimate, org.harmledger.tally.CaseReport caseReport) {}

  /** At most this many rows in the campaign page's case report: by month, else by quarter, else by year. */
  static final int CASE_REPORT_ROWS = 24;

  private org.harmledger.tally.CaseReport caseReport(String campaign, LocalDate date) {
    org.harmledger.tally.CaseReport r = null;
    for (var unit : org.harmledger.tally.CaseReport.Unit.values()) {
      r = ledger.caseReport(campaign, Optional.of(date), unit, Optional.empty());
      if (r.periods().size() <= CASE_REPORT_ROWS) break;
    }
    return r;
  }

  private record ViewKey(String campaign, long head, LocalDate date) {}

  private final Map<ViewKey, CampaignView> views = new java.util.concurrent.ConcurrentHashMap<>();

  private static Map<String, Object> compact(TallyReport.Figure f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("known", f.known());
    m.put("min", f.min());
    m.put("max", f.max());
    return m;
  }

  private CampaignView campaignView(String id, LocalDate date, boolean asOfGiven) {
    long head = index.head();
    ViewKey key = new ViewKey(id, head, date);
    CampaignView cached = views.get(key);
    if (cached != null) return cached;
    Campaign c = ledger.get(RecordType.CAMPAIGN, id).as(Campaign.class);
    TallyReport t = ledger.tally(id, Optional.of(date), TallyFilter.NONE);
    var history = ledger.gapHistory(id, Optional.of(date), TallyFilter.NONE, 40);
    TreeMap<String, long[]> months = new TreeMap<>();
    for (IncidentIndex.Row r : index.rows(id, date)) {
      if (r.killed().isEmpty()) continue;
      long[] a = months.computeIfAbsent(YearMonth.from(r.time().start()).toString(), k -> new long[4]);
      Range k = r.killed().get();
      a[0] += k.min();
      a[1] += k.max().orElse(k.min());
      if (k.max().isEmpty()) a[2] = 1;
      a[3]++;
    }
    List<Month> series = new ArrayList<>();
    months.forEach((k, a) -> series.add(new Month(k, a[0], a[1], a[2] == 1, (int) a[3])));
    List<Case> cases = ledger.list(RecordType.CASE, RecordQuery.live().withCampaign(id)).stream().map(s -> s.as(Case.class)).toList();
    Map<String, Object> chart = new LinkedHashMap<>();
    Map<String, Object> gap = new LinkedHashMap<>();
    gap.put("official", compact(t.killed().official()));
    gap.put("independent", compact(t.killed().independent()));
    gap.put("documented", compact(t.killed().documented()));
    chart.put("gap", gap);
    chart.put("history", history.stream().map(p -> Map.of("date", p.date().toString(), "official", compact(p.killed().official()), "independent", compact(p.killed().independent()), "documented", compact(p.killed().documented()))).toList());
    chart.put("months", series);
    // The map shows at most the 3,000 incidents with the most deaths; the list has them all.
    chart.put("map", "/incidents.geojson?campaign=" + id + "&sort=killed&dir=desc&limit=" + MAP_LIMIT + (asOfGiven ? "&as_of=" + date : ""));
    chart.put("map_limit", MAP_LIMIT);
    chart.put("area", c.area().bbox().orElse(null));
    // An estimate of the total when the campaign's victims are named on two or more lists.
    Optional<org.harmledger.estimate.Estimation.Report> estimate = Optional.empty();
    try {
      var tables = org.harmledger.estimate.FromLedger.tables(ledger, id, Optional.empty(), victimReview(id).personOf()); // who is who, linked once per head
      var req = new org.harmledger.estimate.Estimation.Request("loglinear", null, false, 1, org.harmledger.estimate.LatentClass.Settings.defaults(1), 0.5, 0, "1/N");
      estimate = Optional.of(org.harmledger.estimate.Estimation.run(tables, req));
      gap.put("estimate", Map.of("known", true, "min", Math.round(estimate.get().lower()), "max", Math.round(estimate.get().upper())));
    } catch (ValidationException e) {
      // no victims on two lists: no estimate to show
    }
    CampaignView v = new CampaignView(t, cases, Fmt.island(chart), estimate, caseReport(id, date));
    views.keySet().removeIf(k -> k.head() != head);
    if (views.size() > 32) views.clear();
    views.put(key, v);
    return v;
  }

  static final int MAP_LIMIT = 3000;

  private void campaign(Context ctx) {
    String id = ctx.pathParam("id");
    Campaign c = ledger.get(RecordType.CAMPAIGN, id).as(Campaign.class);
    Optional<LocalDate> asOf = asOf(ctx);
    LocalDate date = asOf.orElseGet(ledger::today);
    CampaignView v = campaignView(id, date, asOf.isPresent());
    Map<String, Object> m = page(ctx, c.name());
    m.put("campaign", c);
    m.put("tally", v.tally());
    m.put("asOf", date);
    m.put("asOfGiven", asOf.isPresent());
    m.put("cases", v.cases());
    m.put("chart", v.chart());
    m.put("estimate", v.estimate().orElse(null));
    m.put("caseReport", v.caseReport());
    // after a GED import: what it brought (numbers only; anything else in the address is ignored)
    List<Integer> ged = new ArrayList<>();
    for (String q : List.of("ged_incidents", "ged_claims", "ged_outside")) if (nz(ctx.queryParam(q)).matches("\\d{1,9}")) ged.add(Integer.parseInt(ctx.queryParam(q)));
    m.put("gedImported", ged.size() == 3 ? ged : List.of());
    render(ctx, 200, "campaign.jte", m);
  }

  /** The gap chart as one SVG file to publish: title, date, figures, who gives them, the ledger entry it comes from. */
  private void gapSvg(Context ctx) {
    String id = ctx.pathParam("id");
    Optional<LocalDate> asOf = asOf(ctx);
    LocalDate date = asOf.orElseGet(ledger::today);
    // A period or a box (as the API's tally takes them) draws the gap for part of the campaign.
    TallyFilter filter = TallyFilter.parse("period", Optional.ofNullable(ctx.queryParam("period")).filter(x -> !x.isBlank()),
        "bbox", Optional.ofNullable(ctx.queryParam("bbox")).filter(x -> !x.isBlank()));
    var head = ledger.store().read(r -> r.head()).orElseThrow();
    TallyReport t = filter.period().isEmpty() && filter.bbox().isEmpty()
        ? campaignView(id, date, asOf.isPresent()).tally()
        : ledger.tally(id, Optional.of(date), filter);
    ctx.header("Content-Disposition", "inline; filename=\"" + id + "-gap-" + date + ".svg\"");
    ctx.contentType("image/svg+xml; charset=utf-8").result(GapSvg.render(t, head.seq(), head.hash()));
  }

  private IncidentIndex.Query query(Context ctx) {
    List<Problem> problems = new ArrayList<>();
    Optional<DateSpan> period = Optional.empty();
    String from = nz(ctx.queryParam("from")).trim();
    String to = nz(ctx.queryParam("to")).trim();
    if (!from.isEmpty() || !to.isEmpty()) {
      try {
        period = Optional.of(new DateSpan(from.isEmpty() ? LocalDate.MIN : LocalDate.parse(from), to.isEmpty() ? LocalDate.MAX : LocalDate.parse(to)));
      } catch (DateTimeParseException e) {
        problems.add(Problem.of(from.isEmpty() || isDate(from) ? "to" : "from", from.isEmpty() || isDate(from) ? to : from, "must be a date as YYYY-MM-DD"));
      }
    }
    long min = 0;
    String minText = nz(ctx.queryParam("min_killed")).trim();
    if (!minText.isEmpty()) {
      try {
        min = Long.parseLong(minText);
        if (min < 0) problems.add(Problem.of("min_killed", minText, "must not be negative"));
      } catch (NumberFormatException e) {
        problems.add(Problem.of("min_killed", minText, "must be a whole number"));
      }
    }
    String sort = nz(ctx.queryParam("sort"));
    if (!IncidentIndex.Query.SORTS.contains(sort)) sort = "date";
    int page = 1;
    int size = 50;
    try {
      page = Integer.parseInt(nz(ctx.queryParam("page")).isEmpty() ? "1" : ctx.queryParam("page"));
      size = Math.min(500, Math.max(10, Integer.parseInt(nz(ctx.queryParam("size")).isEmpty() ? "50" : ctx.queryParam("size"))));
    } catch (NumberFormatException e) {
      problems.add(Problem.of("page", ctx.queryParam("page"), "must be a whole number"));
    }
    if (!problems.isEmpty()) throw new ValidationException(problems);
    return new IncidentIndex.Query(period, nz(ctx.queryParam("place")).trim(), nz(ctx.queryParam("grade")).trim(), nz(ctx.queryParam("belligerent")).trim(), min, sort, "desc".equals(ctx.queryParam("dir")), page, size);
  }

  private static boolean isDate(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private String campaignParam(Context ctx) {
    String c = nz(ctx.queryParam("campaign")).trim();
    if (!c.isEmpty()) return c;
    List<StoredRecord> all = ledger.list(RecordType.CAMPAIGN, RecordQuery.live());
    if (all.isEmpty()) throw new ValidationException(Problem.of("campaign", "", "there is no campaign in this ledger yet"));
    return all.get(0).id();
  }

  private void incidents(Context ctx) {
    String campaign = campaignParam(ctx);
    Map<String, Object> m = page(ctx, "Incidents");
    List<Problem> problems = List.of();
    IncidentIndex.Query q;
    try {
      q = query(ctx);
    } catch (ValidationException e) {
      problems = e.problems();
      q = new IncidentIndex.Query(Optional.empty(), "", "", "", 0, "date", false, 1, 50);
    }
    LocalDate date = asOf(ctx).orElseGet(ledger::today);
    List<IncidentIndex.Row> filtered = IncidentIndex.filter(index.rows(campaign, date), q);
    m.put("campaign", campaign);
    m.put("campaigns", ledger.list(RecordType.CAMPAIGN, RecordQuery.live()).stream().map(StoredRecord::id).toList());
    m.put("page", IncidentIndex.page(filtered, q));
    m.put("q", q);
    m.put("query", ctx.queryString() == null ? "" : ctx.queryString());
    m.put("problems", problems);
    m.put("grades", List.of("confirmed", "fair", "weak", "contested", "discounted", "ungraded"));
    boolean partial = ctx.header("HX-Request") != null && ctx.header("HX-Boosted") == null;
    render(ctx, problems.isEmpty() ? 200 : 400, partial ? "incidentRows.jte" : "incidents.jte", m);
  }

  private void download(Context ctx, String format) throws Exception {
    String campaign = campaignParam(ctx);
    IncidentIndex.Query q = query(ctx);
    LocalDate date = asOf(ctx).orElseGet(ledger::today);
    List<IncidentIndex.Row> rows = IncidentIndex.filter(index.rows(campaign, date), q);
    String limit = nz(ctx.queryParam("limit"));
    if (!limit.isEmpty()) {
      try {
        int n = Integer.parseInt(limit);
        if (n < 1) throw new NumberFormatException();
        if (rows.size() > n) rows = rows.subList(0, n);
      } catch (NumberFormatException e) {
        throw new ValidationException(Problem.of("limit", limit, "must be a whole number above 0"));
      }
    }
    if (format.equals("csv")) {
      StringWriter w = new StringWriter();
      try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("id", "campaign", "title", "start", "end", "place", "lat", "lon", "grading", "belligerents", "strike_type", "killed_min", "killed_max").get())) {
        for (IncidentIndex.Row r : rows) {
          p.printRecord(r.id(), r.campaign(), r.title(), r.time().start(), r.time().end(), r.place(), r.lat(), r.lon(), r.grade(), String.join(";", r.belligerents()), r.strikeType(),
              r.killed().map(Range::min).orElse(null), r.killed().flatMap(k -> k.max().isPresent() ? Optional.of(k.max().getAsLong()) : Optional.empty()).orElse(null));
        }
      }
      ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"incidents-" + campaign + ".csv\"").result(w.toString());
    } else {
      List<Object> features = new ArrayList<>();
      for (IncidentIndex.Row r : rows) {
        if (r.lat() == null) continue;
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", r.id());
        props.put("title", r.title());
        props.put("start", r.time().start().toString());
        props.put("end", r.time().end().toString());
        props.put("place", r.place());
        props.put("grading", r.grade());
        props.put("killed", r.killed().map(Fmt::range).orElse(""));
        features.add(Map.of("type", "Feature", "properties", props, "geometry", Map.of("type", "Point", "coordinates", List.of(r.lon(), r.lat()))));
      }
      ctx.contentType("application/geo+json").header("Content-Disposition", "inline; filename=\"incidents-" + campaign + ".geojson\"").result(Json.write(Map.of("type", "FeatureCollection", "features", features)));
    }
  }

  /** A claim as the incident and source pages show it, with its source resolved. */
  public record ClaimView(StoredRecord stored, Claim claim, Optional<Source> source) {
    /**
     * Who made the claim, as a page shows it: the claimant named in the claim, else the source's
     * publisher, unless the source is confidential (a protected witness), as in a tally.
     */
    public String claimantName() {
      if (claim.claimant().isPresent()) return claim.claimant().get().name();
      if (source.isEmpty()) return "";
      return source.get().confidential() ? "confidential source" : source.get().publisher();
    }
  }

  private List<ClaimView> claimViews(List<StoredRecord> claims) {
    Map<String, Optional<Source>> sources = new HashMap<>();
    List<ClaimView> out = new ArrayList<>();
    for (StoredRecord s : claims) {
      Claim c = s.as(Claim.class);
      Optional<Source> src = sources.computeIfAbsent(c.source(), id -> ledger.find(RecordType.SOURCE, id).map(x -> x.as(Source.class)));
      out.add(new ClaimView(s, c, src));
    }
    return out;
  }

  private void incident(Context ctx) {
    incidentPage(ctx, ctx.pathParam("id"), Map.of(), List.of(), 200);
  }

  private void incidentPage(Context ctx, String id, Map<String, String> form, List<Problem> problems, int status) {
    incidentPage(ctx, id, form, problems, Map.of(), List.of(), status);
  }

  /** The incident page; {@code form}/{@code problems} belong to its grading form, {@code victimForm}/{@code victimProblems} to its form adding a victim. */
  private void incidentPage(Context ctx, String id, Map<String, String> form, List<Problem> problems, Map<String, String> victimForm, List<Problem> victimProblems, int status) {
    StoredRecord s = ledger.get(RecordType.INCIDENT, id);
    Incident i = s.as(Incident.class);
    Map<String, Object> m = page(ctx, i.title());
    m.put("stored", s);
    m.put("incident", i);
    m.put("claims", claimViews(ledger.list(RecordType.CLAIM, RecordQuery.live().withIncident(id))));
    m.put("cases", ledger.list(RecordType.CASE, RecordQuery.live().withIncident(id)).stream().map(x -> x.as(Case.class)).toList());
    List<Victim> victims = ledger.list(RecordType.VICTIM, RecordQuery.live().withIncident(id)).stream().map(x -> x.as(Victim.class)).toList();
    m.put("victims", victims.stream().filter(v -> !v.confidential()).toList());
    m.put("confidentialVictims", victims.stream().filter(Victim::confidential).count()); // counted, never named here
    m.put("victimForm", victimForm);
    m.put("victimProblems", victimProblems);
    m.put("history", ledger.history(RecordType.INCIDENT, id));
    m.put("form", form);
    m.put("problems", problems);
    m.put("grades", Grade.values());
    m.put("point", Fmt.island(i.place().point().map(p -> Map.of("lat", p.lat(), "lon", p.lon(), "name", i.place().name(), "grading", i.gradings().isEmpty() ? "ungraded" : Fmt.grade(i.gradings().get(i.gradings().size() - 1).grade().name()))).orElse(null)));
    render(ctx, status, "incident.jte", m);
  }

  private void source(Context ctx) {
    String id = ctx.pathParam("id");
    StoredRecord s = ledger.get(RecordType.SOURCE, id);
    Source src = s.as(Source.class);
    List<ClaimView> claims = claimViews(ledger.listAll(RecordType.CLAIM, RecordQuery.all().withSource(id)));
    Map<String, Object> m = page(ctx, src.title().orElse(src.publisher()));
    m.put("stored", s);
    m.put("source", src);
    m.put("drafts", claims.stream().filter(c -> c.claim().status() == ClaimStatus.DRAFT && !c.stored().isRetracted()).toList());
    m.put("claims", claims.stream().filter(c -> c.claim().status() != ClaimStatus.DRAFT || c.stored().isRetracted()).toList());
    m.put("history", ledger.history(RecordType.SOURCE, id));
    render(ctx, 200, "source.jte", m);
  }

  private void caseView(Context ctx) {
    casePage(ctx, ctx.pathParam("id"), Map.of(), List.of(), 200);
  }

  /** Most incidents a case page offers to pick from by name (a larger campaign's are typed by id). */
  static final int CASE_INCIDENT_CHOICES = 500;

  private void casePage(Context ctx, String id, Map<String, String> form, List<Problem> problems, int status) {
    casePage(ctx, id, form, problems, Map.of(), List.of(), status);
  }

  /** The case page; {@code form}/{@code problems} belong to its step form, {@code linkForm}/{@code linkProblems} to its form naming an incident. */
  private void casePage(Context ctx, String id, Map<String, String> form, List<Problem> problems, Map<String, String> linkForm, List<Problem> linkProblems, int status) {
    StoredRecord s = ledger.get(RecordType.CASE, id);
    Case c = s.as(Case.class);
    Map<String, Object> m = page(ctx, "Case " + c.reference().orElse(c.id()));
    m.put("stored", s);
    m.put("kase", c);
    m.put("history", ledger.history(RecordType.CASE, id));
    m.put("form", form);
    m.put("problems", problems);
    // only the states the rules allow next: a closed case offers "reopened" alone
    m.put("states", c.nextStates());
    m.put("reasons", NonCredibleReason.values());
    m.put("linkForm", linkForm);
    m.put("linkProblems", linkProblems);
    List<Incident> choices = List.of();
    if (c.campaign().isPresent()) {
      List<StoredRecord> inCampaign = ledger.list(RecordType.INCIDENT, RecordQuery.live().withCampaign(c.campaign().get()).withLimit(CASE_INCIDENT_CHOICES + 1));
      if (inCampaign.size() <= CASE_INCIDENT_CHOICES) {
        choices = inCampaign.stream().map(x -> x.as(Incident.class)).filter(i -> !c.incidents().contains(i.id())).toList();
      }
    }
    m.put("incidentChoices", choices);
    m.put("confidences", org.harmledger.domain.MatchConfidence.values());
    // who reported each step, as the pages name a source: its publisher, unless it is confidential
    Map<String, String> stepSources = new HashMap<>();
    for (CaseStep st : c.history()) {
      st.source().ifPresent(x -> stepSources.computeIfAbsent(x, k -> {
        try {
          Source src = ledger.get(RecordType.SOURCE, k).as(Source.class);
          return src.confidential() ? "confidential source" : src.publisher();
        } catch (NotFoundException gone) {
          return k;
        }
      }));
    }
    m.put("stepSources", stepSources);
    List<StoredRecord> sources = ledger.list(RecordType.SOURCE, RecordQuery.live().withLimit(CASE_INCIDENT_CHOICES + 1));
    m.put("sourceChoices", sources.size() > CASE_INCIDENT_CHOICES ? List.<Source>of() : sources.stream().map(x -> x.as(Source.class)).toList());
    render(ctx, status, "case.jte", m);
  }

  private void verify(Context ctx) {
    long t0 = System.nanoTime();
    VerifyReport r = ledger.verify(Optional.empty(), n -> {});
    Map<String, Object> m = page(ctx, "Ledger integrity");
    m.put("report", r);
    m.put("millis", (System.nanoTime() - t0) / 1_000_000);
    m.put("store", ledger.store().describe());
    render(ctx, 200, "verify.jte", m);
  }

  private record Drafts(long head, List<StoredRecord> claims) {}

  private volatile Drafts drafts = new Drafts(-1, List.of());

  /** Every draft claim (all claims read, so kept until the ledger's head moves). */
  private List<StoredRecord> drafts() {
    long head = index.head();
    Drafts d = drafts;
    if (d.head() != head) {
      d = new Drafts(head, ledger.listAll(RecordType.CLAIM, RecordQuery.live()).stream().filter(s -> s.as(Claim.class).status() == ClaimStatus.DRAFT).toList());
      drafts = d;
    }
    return d.claims();
  }

  private void reviewQueue(Context ctx) {
    Map<String, Object> m = page(ctx, "Review");
    m.put("drafts", claimViews(drafts()));
    m.put("campaigns", ledger.list(RecordType.CAMPAIGN, RecordQuery.live()).stream().map(s -> s.as(Campaign.class)).toList());
    render(ctx, 200, "review.jte", m);
  }

  private record ReviewKey(String campaign, long head) {}

  private final Map<ReviewKey, VictimReview> reviews = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A campaign's victim review, kept until the ledger's head moves: linking 20,000 victims takes
   * seconds, and the page and the API ask for it again after every look.
   */
  public VictimReview victimReview(String campaign) {
    long head = index.head();
    ReviewKey key = new ReviewKey(campaign, head);
    VictimReview cached = reviews.get(key);
    if (cached != null) return cached;
    VictimReview r = VictimReview.of(ledger, campaign);
    reviews.keySet().removeIf(k -> k.head() != head);
    if (reviews.size() > 16) reviews.clear();
    reviews.put(key, r);
    return r;
  }

  /** The victims record linkage is unsure of, for a person to decide; see {@link VictimReview}. */
  private void victimReview(Context ctx) {
    String id = ctx.pathParam("id");
    Campaign c = ledger.get(RecordType.CAMPAIGN, id).as(Campaign.class);
    Map<String, Object> m = page(ctx, "Victims of " + c.name() + ": the same person?");
    m.put("campaign", c);
    m.put("review", victimReview(id));
    m.put("imported", nz(ctx.queryParam("imported")).matches("\\d{1,9}") ? Integer.parseInt(ctx.queryParam("imported")) : -1);
    render(ctx, 200, "victimReview.jte", m);
  }

  /**
   * A list of victims uploaded from the review page (CSV, as {@code import victims}): all or
   * nothing; a rejected file comes back as a page naming every bad row.
   */
  private void importVictims(Context ctx) {
    String campaign = ctx.pathParam("id");
    ledger.get(RecordType.CAMPAIGN, campaign);
    io.javalin.http.UploadedFile file = ctx.uploadedFile("file");
    if (file == null || file.size() == 0) throw new ValidationException(Problem.of("file", file == null ? "" : file.filename(), "choose a CSV file of victims to import"));
    List<org.harmledger.ledger.StoredRecord> created;
    try (java.io.InputStream in = file.content()) {
      created = org.harmledger.io.RecordImport.victimsCsv(ledger, in, meta(ctx, "import of " + file.filename()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ctx.redirect("/campaigns/" + campaign + "/victims/review?imported=" + created.size() + "#queue", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /**
   * A UCDP GED file uploaded from the campaign page (as {@code import ged}): its events in the
   * campaign become incidents with the chosen source's claims; all or nothing, a rejected file
   * comes back as a page naming every bad row.
   */
  private void importGed(Context ctx) {
    String campaign = ctx.pathParam("id");
    ledger.get(RecordType.CAMPAIGN, campaign);
    io.javalin.http.UploadedFile file = ctx.uploadedFile("file");
    String source = nz(ctx.formParam("source")).trim();
    List<Problem> problems = new ArrayList<>();
    if (file == null || file.size() == 0) problems.add(Problem.of("file", file == null ? "" : file.filename(), "choose a UCDP GED CSV file to import"));
    if (source.isEmpty()) problems.add(Problem.of("source", "", "name the source record of the dataset (add one first: publisher UCDP, role independent monitor)"));
    if (!problems.isEmpty()) throw new ValidationException(problems);
    org.harmledger.io.GedImport.Result r;
    try (java.io.InputStream in = file.content()) {
      r = org.harmledger.io.GedImport.csv(ledger, in, campaign, source, meta(ctx, "import of " + file.filename()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ctx.redirect("/campaigns/" + campaign + "?ged_incidents=" + r.incidents() + "&ged_claims=" + r.claims() + "&ged_outside=" + r.outside() + "#map-h", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /**
   * A source's original file uploaded from its page: hashed at intake and kept in the ledger's
   * file (as {@code archive}), the source amended to name it. A copy already there is replaced
   * by a new entry; the earlier bytes and hash stay, and the history says who changed it.
   */
  private void archiveSource(Context ctx) {
    String id = ctx.pathParam("id");
    io.javalin.http.UploadedFile file = ctx.uploadedFile("file");
    if (file == null || file.size() == 0) throw new ValidationException(Problem.of("file", file == null ? "" : file.filename(), "choose the file to archive (the page, PDF, video or statement as received)"));
    byte[] bytes;
    try (java.io.InputStream in = file.content()) {
      bytes = in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String reason = nz(ctx.formParam("reason")).trim();
    if (reason.isEmpty() && ledger.get(RecordType.SOURCE, id).as(Source.class).archive().isPresent()) {
      throw new ValidationException(Problem.of("reason", "", "say why the archived copy is replaced (the earlier one stays in the history)"));
    }
    String type = file.contentType() == null || file.contentType().isBlank() ? "application/octet-stream" : file.contentType();
    Map<String, String> f = new HashMap<>();
    f.put("version", nz(ctx.formParam("version")));
    ledger.archive(id, bytes, type, Optional.ofNullable(file.filename()).filter(x -> !x.isBlank()), Forms.formVersion(f), meta(ctx, reason.isEmpty() ? "archived copy" : reason));
    ctx.redirect("/sources/" + id + "#archive", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** A decision on two victims from the review page: a ledger entry that every later linkage respects. */
  private void decideVictims(Context ctx) {
    String campaign = ctx.pathParam("id");
    ledger.get(RecordType.CAMPAIGN, campaign);
    Map<String, String> f = form(ctx);
    List<Problem> problems = new ArrayList<>();
    LinkDecision.Decision decision = enumField(LinkDecision.Decision.class, f, "decision", problems);
    if (!problems.isEmpty()) throw new ValidationException(problems);
    LinkDecision d = new LinkDecision(null, f.getOrDefault("a", ""), f.getOrDefault("b", ""), decision, opt(f, "note"));
    ledger.create(d, meta(ctx, f.getOrDefault("reason", ""))); // the service requires the reason
    ctx.redirect("/campaigns/" + campaign + "/victims/review#decided", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ------------------------------------------------------------------ forms

  /** A form page: shown empty (200), or again with what was typed and its problems (400). */
  private void formPage(Context ctx, String title, String template, Map<String, String> form, List<Problem> problems, Map<String, Object> choices) {
    Map<String, Object> m = page(ctx, title);
    m.put("form", form);
    m.put("problems", problems);
    m.putAll(choices);
    render(ctx, problems.isEmpty() ? 200 : 400, template, m);
  }

  private void sourceForm(Context ctx, Map<String, String> form, List<Problem> problems) {
    formPage(ctx, "Add a source", "sourceForm.jte", form, problems, Map.of("kinds", SourceKind.values(), "roles", Role.values()));
  }

  private void createSource(Context ctx) {
    Map<String, String> f = form(ctx);
    List<Problem> problems = new ArrayList<>();
    SourceKind kind = enumField(SourceKind.class, f, "kind", problems);
    Role role = enumField(Role.class, f, "role", problems);
    Optional<LocalDate> published = dateField(f, "published", problems);
    Optional<LocalDate> retrieved = dateField(f, "retrieved", problems);
    Source s = new Source(opt(f, "id").orElse(null), kind, f.getOrDefault("publisher", "").trim(), opt(f, "author"), opt(f, "title"), opt(f, "url"), opt(f, "language"),
        published, retrieved, role, Optional.empty(), f.containsKey("confidential"), f.containsKey("secondary"), opt(f, "notes"));
    if (!problems.isEmpty()) {
      // every problem at once: the record's own rules too, not only the values that did not parse
      sourceForm(ctx, f, withRecordRules(problems, s));
      return;
    }
    try {
      StoredRecord stored = ledger.create(s, meta(ctx, opt(f, "reason").orElse("")));
      ctx.redirect("/sources/" + stored.id(), io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      sourceForm(ctx, f, e.problems());
    }
  }

  private List<String> campaignIds() {
    return ledger.list(RecordType.CAMPAIGN, RecordQuery.live()).stream().map(StoredRecord::id).toList();
  }

  private static final Map<String, String> INCIDENT_FIELDS = new LinkedHashMap<>();
  private static final Map<String, String> CASE_FIELDS = new LinkedHashMap<>();
  private static final Map<String, String> CLAIM_FIELDS = new LinkedHashMap<>();

  static {
    INCIDENT_FIELDS.put("place.names", "other_names");
    INCIDENT_FIELDS.put("codes", "codes");
    INCIDENT_FIELDS.put("time.start", "from");
    INCIDENT_FIELDS.put("time.end", "to");
    INCIDENT_FIELDS.put("time", "from");
    INCIDENT_FIELDS.put("place.name", "place");
    INCIDENT_FIELDS.put("place.point.lat", "lat");
    INCIDENT_FIELDS.put("place.point.lon", "lon");
    INCIDENT_FIELDS.put("place.uncertainty_metres", "uncertainty");
    INCIDENT_FIELDS.put("place", "place");
    INCIDENT_FIELDS.put("suspected_belligerents", "belligerents");
    CASE_FIELDS.put("history[0].conceded_killed", "conceded_killed");
    CASE_FIELDS.put("history[0].reason", "reason_code");
    CASE_FIELDS.put("history[0].state", "state");
    CASE_FIELDS.put("history[0].on", "on");
    CASE_FIELDS.put("history[0].note", "note");
    CASE_FIELDS.put("history", "state");
    CASE_FIELDS.put("allegation.time.text", "alleged_time");
    CASE_FIELDS.put("allegation.time.span", "alleged_from");
    CASE_FIELDS.put("allegation.place.precision", "alleged_precision");
    CASE_FIELDS.put("allegation.place", "alleged_place");
    CASE_FIELDS.put("allegation.source", "alleged_source");
    CASE_FIELDS.put("allegation.channel", "channel");
    CASE_FIELDS.put("allegation.by", "alleged_by");
    // an unknown or retracted incident is said beside the incident input, not under the fieldset
    CLAIM_FIELDS.put("subject.incident", "incident");
    CLAIM_FIELDS.put("subject.incidents", "incident");
    CLAIM_FIELDS.put("subject.campaign", "campaign");
    CLAIM_FIELDS.put("claimant.name", "claimant");
    CLAIM_FIELDS.put("claimant.role", "claimant_role");
  }

  /** The incident form: empty to add one; with {@code form}'s "editing" (an id) to amend that one. */
  private void incidentForm(Context ctx, Map<String, String> form, List<Problem> problems) {
    formPage(ctx, form.containsKey("editing") ? "Amend incident " + form.get("editing") : "Add an incident", "incidentForm.jte", form, problems,
        Map.of("campaigns", campaignIds(), "strikeTypes", org.harmledger.domain.StrikeType.values(), "precisions", org.harmledger.domain.PlacePrecision.values()));
  }

  private void createIncident(Context ctx) {
    Map<String, String> f = form(ctx);
    f.remove("editing"); // only the server says which incident a form amends
    List<Problem> problems = new ArrayList<>();
    Incident i = incidentFrom(f, Optional.empty(), problems);
    createOrShowAgain(ctx, i, problems.isEmpty() ? problems : withRecordRules(problems, i, INCIDENT_FIELDS), f, INCIDENT_FIELDS, this::incidentForm);
  }

  /**
   * The incident a form describes; problems with its values are added to {@code problems}. With
   * {@code before} (an edit), what the form does not show is kept from it: id, gradings, the
   * place's administrative area and country. Other names go as {@code ar=الرقة; ku=Reqa}, codes
   * separated by commas or spaces.
   */
  private static Incident incidentFrom(Map<String, String> f, Optional<Incident> before, List<Problem> problems) {
    Optional<LocalDate> from = dateField(f, "from", problems);
    Optional<LocalDate> to = dateField(f, "to", problems);
    if (from.isEmpty() && problems.stream().noneMatch(p -> p.field().equals("from"))) problems.add(Problem.of("from", "", "is required: the day it happened, or the first it may have"));
    Optional<Double> lat = numberField(f, "lat", problems);
    Optional<Double> lon = numberField(f, "lon", problems);
    Optional<Double> within = numberField(f, "uncertainty", problems);
    if (lat.isPresent() != lon.isPresent() && problems.stream().noneMatch(p -> p.field().equals("lat") || p.field().equals("lon"))) {
      problems.add(Problem.of(lat.isPresent() ? "lon" : "lat", "", "give both latitude and longitude, or neither"));
    }
    org.harmledger.domain.PlacePrecision precision = enumField(org.harmledger.domain.PlacePrecision.class, f, "precision", problems);
    org.harmledger.domain.StrikeType strike = enumField(org.harmledger.domain.StrikeType.class, f, "strike_type", problems);
    Optional<org.harmledger.domain.Coordinates> point = lat.isPresent() && lon.isPresent() ? Optional.of(new org.harmledger.domain.Coordinates(lat.get(), lon.get())) : Optional.empty();
    if (point.isEmpty()) {
      // no point to check (the other half is missing or unreadable): each half on its own, so every problem shows at once
      org.harmledger.domain.Problems half = new org.harmledger.domain.Problems();
      new org.harmledger.domain.Coordinates(lat.orElse(0.0), lon.orElse(0.0)).check(half, "place.point");
      problems.addAll(asFormFields(half.list(), INCIDENT_FIELDS));
    }
    org.harmledger.domain.Problems nameProblems = new org.harmledger.domain.Problems();
    var names = org.harmledger.domain.Place.namesFrom(List.of(f.getOrDefault("other_names", "").split("[;\n]")), nameProblems, "other_names");
    problems.addAll(nameProblems.list());
    org.harmledger.domain.Place place = new org.harmledger.domain.Place(f.getOrDefault("place", "").trim(), point, within, precision,
        before.flatMap(b -> b.place().admin1()), before.flatMap(b -> b.place().country()), names);
    DateSpan time = from.map(d -> new DateSpan(d, to.orElse(d))).orElse(null);
    List<String> codes = java.util.Arrays.stream(f.getOrDefault("codes", "").split("[,;\\s]+")).filter(x -> !x.isBlank()).toList();
    return new Incident(before.map(Incident::id).orElse(opt(f, "id").orElse(null)), opt(f, "campaign"), f.getOrDefault("title", "").trim(), time, place, strike,
        commaList(f, "belligerents"), before.map(Incident::gradings).orElse(List.of()), opt(f, "notes"), codes);
  }

  /** An incident's fields as its form shows them. */
  private static Map<String, String> formOf(Incident i, long version) {
    Map<String, String> f = new HashMap<>();
    f.put("title", i.title());
    i.campaign().ifPresent(c -> f.put("campaign", c));
    f.put("from", i.time().start().toString());
    if (!i.time().end().equals(i.time().start())) f.put("to", i.time().end().toString());
    f.put("place", i.place().name());
    i.place().point().ifPresent(pt -> {
      f.put("lat", Double.toString(pt.lat()));
      f.put("lon", Double.toString(pt.lon()));
    });
    i.place().uncertaintyMetres().ifPresent(u -> f.put("uncertainty", u == Math.rint(u) ? Long.toString(Math.round(u)) : Double.toString(u)));
    f.put("precision", i.place().precision().name().toLowerCase(Locale.ROOT));
    f.put("strike_type", i.strikeType().name().toLowerCase(Locale.ROOT));
    f.put("belligerents", String.join(", ", i.suspectedBelligerents()));
    i.notes().ifPresent(n -> f.put("notes", n));
    f.put("other_names", i.place().namesAsText("; "));
    f.put("codes", String.join(", ", i.codes()));
    f.put("version", Long.toString(version));
    return f;
  }

  private void editIncident(Context ctx) {
    StoredRecord s = ledger.get(RecordType.INCIDENT, ctx.pathParam("id"));
    Map<String, String> f = formOf(s.as(Incident.class), s.version());
    f.put("editing", s.id());
    incidentForm(ctx, f, List.of());
  }

  /** An incident amended from its form: a JSON merge patch of what changed, on the version the form was shown with. */
  private void amendIncident(Context ctx) {
    StoredRecord s = ledger.get(RecordType.INCIDENT, ctx.pathParam("id"));
    Incident before = s.as(Incident.class);
    Map<String, String> f = form(ctx);
    f.put("editing", before.id());
    List<Problem> problems = new ArrayList<>();
    Incident after = incidentFrom(f, Optional.of(before), problems);
    if (opt(f, "reason").isEmpty()) problems.add(Problem.of("reason", "", "say why the incident is amended (kept in the ledger)"));
    if (!problems.isEmpty()) {
      incidentForm(ctx, f, asFormFields(withRecordRules(problems, after, INCIDENT_FIELDS), INCIDENT_FIELDS));
      return;
    }
    try {
      var patch = mergePatch(Json.tree(before), Json.tree(after));
      if (!patch.isEmpty()) ledger.amend(RecordType.INCIDENT, before.id(), patch, formVersion(f), meta(ctx, f.get("reason").trim()));
      ctx.redirect("/incidents/" + before.id() + "#history", io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      incidentForm(ctx, f, asFormFields(e.problems(), INCIDENT_FIELDS));
    } catch (org.harmledger.domain.ConflictException e) {
      incidentForm(ctx, f, List.of(Problem.of("version", f.get("version"), e.getMessage() + " Open the incident to see the other change, then make yours again.")));
    }
  }

  /**
   * Creates {@code r} and goes to its page; or, when the form's values had problems or the
   * service refuses it, shows the form again with what was typed and every problem beside its
   * field ({@code fields} renames the record's fields to the form's).
   */
  private void createOrShowAgain(Context ctx, org.harmledger.domain.LedgerRecord r, List<Problem> problems, Map<String, String> f, Map<String, String> fields,
      FormAgain again) {
    if (!problems.isEmpty()) {
      again.show(ctx, f, asFormFields(problems, fields));
      return;
    }
    try {
      StoredRecord stored = ledger.create(r, meta(ctx, opt(f, "reason").orElse("")));
      ctx.redirect("/" + r.type().plural() + "/" + stored.id(), io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      again.show(ctx, f, asFormFields(e.problems(), fields));
    }
  }

  private interface FormAgain {
    void show(Context ctx, Map<String, String> form, List<Problem> problems);
  }

  private void caseForm(Context ctx, Map<String, String> form, List<Problem> problems) {
    // the campaigns' parties are offered as belligerents (any name may be typed)
    java.util.Set<String> parties = new java.util.LinkedHashSet<>();
    for (StoredRecord c : ledger.list(RecordType.CAMPAIGN, RecordQuery.live())) parties.addAll(c.as(Campaign.class).parties());
    List<CaseState> first = new Case("x", "x", Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty()).nextStates();
    formPage(ctx, "Open a case", "caseForm.jte", form, problems,
        Map.of("campaigns", campaignIds(), "belligerents", List.copyOf(parties), "states", first, "reasons", NonCredibleReason.values(),
            "channels", org.harmledger.domain.AllegationChannel.values(), "precisions", org.harmledger.domain.PlacePrecision.values()));
  }

  private void createCase(Context ctx) {
    Map<String, String> f = form(ctx);
    List<Problem> problems = new ArrayList<>();
    CaseState state = enumField(CaseState.class, f, "state", problems);
    Optional<LocalDate> on = dateField(f, "on", problems);
    if (on.isEmpty() && problems.stream().noneMatch(p -> p.field().equals("on"))) problems.add(Problem.of("on", "", "is required: the date of this state, or the report's date with \"on or before\""));
    Optional<NonCredibleReason> reason = Optional.empty();
    if (opt(f, "reason_code").isPresent()) reason = Optional.ofNullable(enumField(NonCredibleReason.class, f, "reason_code", problems));
    Optional<Range> conceded = rangeField(f, "conceded_killed", problems);
    List<CaseStep> history = state == null || on.isEmpty() ? List.of()
        : List.of(new CaseStep(state, on.get(), f.containsKey("on_or_before"), f.getOrDefault("note", "").trim(), reason, conceded, Optional.empty(), Optional.empty(), Optional.empty()));
    Case c = new Case(opt(f, "id").orElse(null), f.getOrDefault("belligerent", "").trim(), opt(f, "campaign"), opt(f, "reference"), commaList(f, "incidents"), history, Optional.empty(),
        null, allegationFrom(f, problems));
    List<Problem> all = problems.isEmpty() ? problems : withRecordRules(problems, c, CASE_FIELDS);
    if (history.isEmpty()) all = all.stream().filter(p -> !p.field().equals("history")).toList(); // said as the state's or the date's problem
    createOrShowAgain(ctx, c, all, f, CASE_FIELDS, this::caseForm);
  }

  /** The allegation a new case's form describes (when, where, how it came in, by whom), if it says anything of it. */
  private static Optional<org.harmledger.domain.Allegation> allegationFrom(Map<String, String> f, List<Problem> problems) {
    Optional<LocalDate> from = dateField(f, "alleged_from", problems);
    Optional<LocalDate> to = dateField(f, "alleged_to", problems);
    if (to.isPresent() && from.isEmpty() && problems.stream().noneMatch(p -> p.field().equals("alleged_from"))) {
      problems.add(Problem.of("alleged_from", "", "is needed when \"to\" is given (the first day the allegation covers)"));
    }
    Optional<DateSpan> span = from.map(d -> new DateSpan(d, to.orElse(d)));
    Optional<String> words = opt(f, "alleged_time");
    Optional<org.harmledger.domain.StatedTime> time = words.isPresent() || span.isPresent()
        ? Optional.of(new org.harmledger.domain.StatedTime(words.orElseGet(() -> span.get().toString()), span))
        : Optional.empty();
    org.harmledger.domain.PlacePrecision precision = opt(f, "alleged_precision").isEmpty() ? org.harmledger.domain.PlacePrecision.UNKNOWN
        : enumField(org.harmledger.domain.PlacePrecision.class, f, "alleged_precision", problems);
    if (opt(f, "alleged_precision").isPresent() && opt(f, "alleged_place").isEmpty() && problems.stream().noneMatch(p -> p.field().equals("alleged_precision"))) {
      problems.add(Problem.of("alleged_precision", f.get("alleged_precision"), "goes with \"where, in its words\": give the place too, or leave it unknown"));
    }
    Optional<org.harmledger.domain.StatedPlace> place = opt(f, "alleged_place").map(t -> new org.harmledger.domain.StatedPlace(t, precision));
    Optional<org.harmledger.domain.AllegationChannel> channel = opt(f, "channel").isEmpty() ? Optional.empty()
        : Optional.ofNullable(enumField(org.harmledger.domain.AllegationChannel.class, f, "channel", problems));
    Optional<String> by = opt(f, "alleged_by");
    Optional<String> source = opt(f, "alleged_source");
    if (time.isEmpty() && place.isEmpty() && channel.isEmpty() && by.isEmpty() && source.isEmpty()) return Optional.empty();
    return Optional.of(new org.harmledger.domain.Allegation(time, place, channel, by, source));
  }

  private void claimForm(Context ctx, Optional<StoredRecord> existing, Map<String, String> form, List<Problem> problems) {
    Map<String, Object> choices = new HashMap<>();
    choices.put("existing", existing.orElse(null)); // null for a new claim, which Map.of refuses
    choices.put("roles", Role.values());
    choices.put("campaigns", campaignIds());
    formPage(ctx, existing.isPresent() ? "Amend claim " + existing.get().id() : "Add a claim", "claimForm.jte", form, asFormFields(problems, CLAIM_FIELDS), choices);
  }

  private static Map<String, String> formOf(Claim c) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("source", c.source());
    switch (c.subject()) {
      case ClaimSubject.Aggregate a -> f.put("campaign", a.campaign());
      case ClaimSubject.OneIncident o -> f.put("incident", o.incident());
      case ClaimSubject.IncidentSet s -> f.put("incident", String.join(", ", s.incidents()));
    }
    c.killed().ifPresent(r -> f.put("killed", Fmt.editable(r)));
    c.injured().ifPresent(r -> f.put("injured", Fmt.editable(r)));
    c.claimant().ifPresent(cl -> {
      f.put("claimant", cl.name());
      f.put("claimant_role", cl.role().name().toLowerCase(Locale.ROOT));
    });
    c.quote().ifPresent(q -> f.put("quote", q));
    c.quoteLanguage().ifPresent(q -> f.put("quote_language", q));
    c.dated().ifPresent(d -> f.put("dated", d.toString()));
    c.perpetrator().ifPresent(p -> f.put("perpetrator", p));
    c.notes().ifPresent(n -> f.put("notes", n));
    return f;
  }

  private Claim claimFrom(Map<String, String> f, String id, ClaimStatus status, List<Problem> problems) {
    Optional<Range> killed = rangeField(f, "killed", problems);
    Optional<Range> injured = rangeField(f, "injured", problems);
    Optional<LocalDate> dated = dateField(f, "dated", problems);
    ClaimSubject subject;
    Optional<String> incident = opt(f, "incident");
    if (incident.isPresent()) {
      List<String> ids = java.util.Arrays.stream(incident.get().split("[,\\s]+")).filter(x -> !x.isBlank()).toList();
      subject = ids.size() == 1 ? new ClaimSubject.OneIncident(ids.get(0)) : new ClaimSubject.IncidentSet(ids);
    } else {
      subject = new ClaimSubject.Aggregate(f.getOrDefault("campaign", "").trim(), Optional.empty(), Optional.empty());
    }
    Optional<Claimant> claimant = Optional.empty();
    if (opt(f, "claimant").isPresent()) {
      Role role = enumField(Role.class, f, "claimant_role", problems);
      if (role != null) claimant = Optional.of(new Claimant(f.get("claimant").trim(), role));
    }
    if (killed.isEmpty() && injured.isEmpty() && problems.stream().noneMatch(p -> p.field().startsWith("killed") || p.field().startsWith("injured"))) {
      problems.add(Problem.of("killed", "", "give killed or injured (or both), e.g. 23, 10-12 or 200+"));
    }
    return new Claim(id, f.getOrDefault("source", "").trim(), claimant, subject, killed, injured, Map.of(), Map.of(), Optional.empty(), opt(f, "perpetrator"), opt(f, "quote"), opt(f, "quote_language"),
        Optional.empty(), Optional.empty(), dated, status, opt(f, "notes"));
  }

  private void createClaim(Context ctx) {
    Map<String, String> f = form(ctx);
    List<Problem> problems = new ArrayList<>();
    Claim c = claimFrom(f, opt(f, "id").orElse(null), ClaimStatus.ACCEPTED, problems);
    if (!problems.isEmpty()) {
      claimForm(ctx, Optional.empty(), f, withRecordRules(problems, c));
      return;
    }
    try {
      ledger.create(c, meta(ctx, opt(f, "reason").orElse("")));
      ctx.redirect("/sources/" + c.source(), io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      claimForm(ctx, Optional.empty(), f, e.problems());
    }
  }

  private void editClaim(Context ctx) {
    StoredRecord s = ledger.get(RecordType.CLAIM, ctx.pathParam("id"));
    Map<String, String> f = formOf(s.as(Claim.class));
    f.put("version", Long.toString(s.version()));
    claimForm(ctx, Optional.of(s), f, List.of());
  }

  private void amendClaim(Context ctx) {
    StoredRecord s = ledger.get(RecordType.CLAIM, ctx.pathParam("id"));
    Claim before = s.as(Claim.class);
    Map<String, String> f = form(ctx);
    List<Problem> problems = new ArrayList<>();
    Claim after = claimFrom(f, before.id(), before.status(), problems);
    if (opt(f, "reason").isEmpty()) problems.add(Problem.of("reason", "", "say why the claim is amended (kept in the ledger)"));
    if (!problems.isEmpty()) {
      claimForm(ctx, Optional.of(s), f, problems);
      return;
    }
    // The form edits the fields it shows; the rest of the claim (categories, stated time and place) stays as it was.
    Claim merged = new Claim(before.id(), after.source(), after.claimant(), after.subject(), after.killed(), after.injured(), before.killedBy(), before.injuredBy(), before.breakdownNote(),
        after.perpetrator(), after.quote(), after.quoteLanguage(), before.statedTime(), before.statedPlace(), after.dated(), before.status(), after.notes());
    var patch = mergePatch(Json.tree(before), Json.tree(merged));
    try {
      if (!patch.isEmpty()) ledger.amend(RecordType.CLAIM, before.id(), patch, formVersion(f), meta(ctx, f.get("reason").trim()));
      ctx.redirect("/sources/" + after.source() + "#" + before.id(), io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      claimForm(ctx, Optional.of(s), f, e.problems());
    } catch (org.harmledger.domain.ConflictException e) {
      claimForm(ctx, Optional.of(ledger.get(RecordType.CLAIM, before.id())), f, List.of(Problem.of("version", f.get("version"), e.getMessage() + " Reload the claim to see the other change, then make yours again.")));
    }
  }

  private void review(Context ctx) {
    Map<String, String> f = form(ctx);
    String id = ctx.pathParam("id");
    ClaimStatus decision = "accepted".equals(f.get("decision")) ? ClaimStatus.ACCEPTED : "rejected".equals(f.get("decision")) ? ClaimStatus.REJECTED : null;
    if (decision == null) throw new ValidationException(Problem.of("decision", f.getOrDefault("decision", ""), "must be accepted or rejected"));
    ledger.review(id, decision, OptionalLong.empty(), meta(ctx, opt(f, "reason").orElse(decision == ClaimStatus.ACCEPTED ? "reviewed: accepted" : "")));
    ctx.redirect(opt(f, "back").filter(b -> b.startsWith("/")).orElse("/review"), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void retract(Context ctx, RecordType type) {
    Map<String, String> f = form(ctx);
    String id = ctx.pathParam("id");
    ledger.retract(type, id, formVersion(f), meta(ctx, opt(f, "reason").orElse(""))); // changed since the page was shown: 409
    ctx.redirect(opt(f, "back").filter(b -> b.startsWith("/")).orElse("/"), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void grade(Context ctx) {
    Map<String, String> f = form(ctx);
    String id = ctx.pathParam("id");
    List<Problem> problems = new ArrayList<>();
    Grade g = enumField(Grade.class, f, "grade", problems);
    Optional<LocalDate> on = dateField(f, "on", problems);
    if (problems.isEmpty()) {
      try {
        ledger.grade(id, new Grading(g, f.getOrDefault("rationale", "").trim(), on.orElseGet(ledger::today)), formVersion(f), meta(ctx, opt(f, "rationale").orElse("")));
        ctx.redirect("/incidents/" + id + "#history", io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      } catch (ValidationException e) {
        problems.addAll(e.problems());
      } catch (org.harmledger.domain.ConflictException e) {
        // graded or changed by someone else since this page was shown: shown again with that change, what was typed kept
        incidentPage(ctx, id, f, List.of(Problem.of("version", f.get("version"), e.getMessage())), 409);
        return;
      }
    }
    incidentPage(ctx, id, f, problems, 400);
  }

  /**
   * A victim of this incident, from the form on its page. Whether the person may be named in
   * public is a required choice, not a default: a wrong default either hides a name a family
   * wants known or publishes one that endangers them.
   */
  private void addVictim(Context ctx) {
    Map<String, String> f = form(ctx);
    String id = ctx.pathParam("id");
    List<Problem> problems = new ArrayList<>();
    Victim.Sex sex = opt(f, "sex").isEmpty() ? Victim.Sex.UNKNOWN : enumField(Victim.Sex.class, f, "sex", problems);
    Victim.AgeGroup group = opt(f, "age_group").isEmpty() ? Victim.AgeGroup.UNKNOWN : enumField(Victim.AgeGroup.class, f, "age_group", problems);
    Victim.Outcome outcome = enumField(Victim.Outcome.class, f, "outcome", problems);
    Optional<LocalDate> date = dateField(f, "date", problems);
    Optional<Integer> age = Optional.empty();
    if (opt(f, "age").isPresent()) {
      try {
        age = Optional.of(Integer.parseInt(opt(f, "age").get()));
      } catch (NumberFormatException e) {
        problems.add(Problem.of("age", opt(f, "age").get(), "must be a whole number of years"));
      }
    }
    String publicly = f.getOrDefault("named_publicly", "");
    if (!publicly.equals("yes") && !publicly.equals("no")) {
      problems.add(Problem.of("named_publicly", publicly, "is required: may this person be named publicly? (no keeps the name out of every public page and export)"));
    }
    boolean confidential = !publicly.equals("yes"); // unanswered stands as confidential while the rest is checked
    Victim v = new Victim(null, opt(f, "name_original"), opt(f, "name_latin"), sex, age, group, outcome, date, Optional.of(id), commaList(f, "sources"),
        opt(f, "family_group"), confidential, opt(f, "description"));
    if (problems.isEmpty()) {
      try {
        ledger.create(v, meta(ctx, opt(f, "reason").orElse("")));
        ctx.redirect("/incidents/" + id + "#victims-h", io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      } catch (ValidationException e) {
        problems.addAll(e.problems());
      }
    } else {
      problems = withRecordRules(problems, v);
    }
    incidentPage(ctx, id, Map.of(), List.of(), f, problems, 400);
  }

  /** Names an incident the case concerns (the belligerent named it, or a recorder matched it, with a confidence); a ledger "link" entry. */
  private void linkCaseIncident(Context ctx) {
    Map<String, String> f = form(ctx);
    String id = ctx.pathParam("id");
    List<Problem> problems = new ArrayList<>();
    Optional<String> incident = opt(f, "incident");
    if (incident.isEmpty()) problems.add(Problem.of("incident", "", "name the incident this case concerns (its id)"));
    Optional<org.harmledger.domain.MatchConfidence> confidence = opt(f, "confidence").isEmpty() ? Optional.empty() : Optional.ofNullable(enumField(org.harmledger.domain.MatchConfidence.class, f, "confidence", problems));
    Optional<String> basis = opt(f, "basis");
    if (confidence.isEmpty() && basis.isPresent() && opt(f, "confidence").isEmpty()) problems.add(Problem.of("confidence", "", "say how sure the match is (confirmed, probable or possible) when you give its basis"));
    Optional<LocalDate> since = dateField(f, "matched_on", problems);
    if (confidence.isEmpty() && since.isPresent() && opt(f, "confidence").isEmpty()) problems.add(Problem.of("confidence", "", "say how sure the match is (confirmed, probable or possible) when you give the day it is known from"));
    if (problems.isEmpty()) {
      try {
        Optional<org.harmledger.domain.IncidentMatch> match = confidence.map(c -> new org.harmledger.domain.IncidentMatch(c, basis.orElse(""), since));
        ledger.link(RecordType.CASE, id, List.of(incident.get()), match, formVersion(f), meta(ctx, opt(f, "why").orElse("")));
        ctx.redirect("/cases/" + id + "#history", io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      } catch (ValidationException e) {
        problems.addAll(asLinkFormFields(e.problems()));
      } catch (org.harmledger.domain.ConflictException e) {
        casePage(ctx, id, Map.of(), List.of(), f, List.of(Problem.of("version", f.get("version"), e.getMessage())), 409);
        return;
      }
    }
    casePage(ctx, id, Map.of(), List.of(), f, problems, 400);
  }

  /** The service names the reference "incidents[0]", the reason "reason" and the match's day "on": the case page's link forms call them "incident", "why" and "matched_on". */
  private static List<Problem> asLinkFormFields(List<Problem> problems) {
    return problems.stream().map(p -> Problem.of(p.field().startsWith("incidents") ? "incident" : p.field().equals("reason") ? "why" : p.field().equals("on") ? "matched_on" : p.field(), p.value(), p.rule())).toList();
  }

  /** Takes an incident off a case because the match was wrong; a ledger "unlink" entry with the reason. */
  private void unlinkCaseIncident(Context ctx) {
    Map<String, String> f = form(ctx);
    String id = ctx.pathParam("id");
    List<Problem> problems = new ArrayList<>();
    try {
      ledger.unlink(RecordType.CASE, id, opt(f, "incident").map(List::of).orElse(List.of()), formVersion(f), meta(ctx, opt(f, "why").orElse("")));
      ctx.redirect("/cases/" + id + "#history", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    } catch (ValidationException e) {
      problems.addAll(asLinkFormFields(e.problems()));
    } catch (org.harmledger.domain.ConflictException e) {
      casePage(ctx, id, Map.of(), List.of(), Map.of(), List.of(Problem.of("version", f.get("version"), e.getMessage())), 409);
      return;
    }
    // shown above the link form: the unlink form has no room for messages of its own
    String what = "unlinking " + opt(f, "incident").orElse("an incident");
    List<Problem> shown = problems.stream().map(p -> Problem.of(p.field().equals("why") ? what + ", why" : what + " (" + p.field() + ")", p.value(), p.rule())).toList();
    casePage(ctx, id, Map.of(), List.of(), Map.of(), shown, 400);
  }

  private static final java.util.regex.Pattern STEP_FIELD = java.util.regex.Pattern.compile("history\\[\\d+\\]\\.([a-z_]+)");

  private void caseStep(Context ctx) {
    Map<String, String> f = form(ctx);
    String id = ctx.pathParam("id");
    List<Problem> problems = new ArrayList<>();
    CaseState state = enumField(CaseState.class, f, "state", problems);
    Optional<LocalDate> on = dateField(f, "on", problems);
    Optional<NonCredibleReason> reason = Optional.empty();
    if (opt(f, "reason_code").isPresent()) reason = Optional.ofNullable(enumField(NonCredibleReason.class, f, "reason_code", problems));
    Optional<Range> conceded = rangeField(f, "conceded_killed", problems);
    Optional<Range> concededInjured = rangeField(f, "conceded_injured", problems);
    if (problems.isEmpty()) {
      try {
        ledger.transition(id, new CaseStep(state, on.orElseGet(ledger::today), f.containsKey("on_or_before"), f.getOrDefault("note", "").trim(), reason, conceded, concededInjured, opt(f, "duplicate_of"), opt(f, "source")),
            formVersion(f), meta(ctx, opt(f, "note").orElse("")));
        ctx.redirect("/cases/" + id + "#history", io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      } catch (ValidationException e) {
        // the new step's problems ("history[4].source") are shown beside the form's field ("source")
        for (Problem x : e.problems()) {
          java.util.regex.Matcher mt = STEP_FIELD.matcher(x.field());
          String field = mt.matches() ? (mt.group(1).equals("reason") ? "reason_code" : mt.group(1)) : x.field();
          problems.add(new Problem(field, x.value(), x.rule()));
        }
      } catch (org.harmledger.domain.ConflictException e) {
        casePage(ctx, id, f, List.of(Problem.of("version", f.get("version"), e.getMessage())), 409); // the page shown again is the reading again
        return;
      }
    }
    casePage(ctx, id, f, problems, 400);
  }

  /** For the exception handler: whether a failed request was for a page rather than the API. */
  public static boolean isPage(Context ctx) {
    return !ctx.path().startsWith("/api");
  }

  static NotFoundException notFound(RecordType t, String id) {
    return new NotFoundException(t, id);
  }
}
