package org.harmledger.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.ClaimStatus;
import org.harmledger.domain.ConflictException;
import org.harmledger.domain.Grading;
import org.harmledger.domain.IncidentMatch;
import org.harmledger.domain.LedgerRecord;
import org.harmledger.domain.NotFoundException;
import org.harmledger.domain.Problem;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.io.IncidentExport;
import org.harmledger.io.LedgerFile;
import org.harmledger.io.RecordImport;
import org.harmledger.io.Utf8;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;
import org.harmledger.store.RecordQuery;
import org.harmledger.tally.TallyFilter;

/**
 * The JSON HTTP API over {@link LedgerService}. Every handler is one method that reads the
 * request, calls the service and writes JSON; errors become 4xx with a body naming field, value
 * and rule. Writes take the actor from {@code X-Actor}, the reason from {@code X-Reason} (or the
 * body), and require {@code If-Match} with a record's version (its ETag) on every change to an existing
 * record, so that concurrent edits never silently overwrite each other. The document of it all is {@code /api/openapi.json}.
 */
public final class ApiServer {
  private final LedgerService ledger;
  private final Javalin app;
  private org.harmledger.server.web.Pages pages;

  /** Routes as (method, path) pairs, so the OpenAPI document can be checked against them. */
  public static final List<String> ROUTES = new ArrayList<>();

  private ApiServer(LedgerService ledger, String host, int port, java.util.Set<String> allowedHosts) {
    this.ledger = ledger;
    RequestGuard guard = new RequestGuard(host, allowedHosts);
    this.app = Javalin.create(config -> {
      config.jetty.host = host;
      config.jetty.port = port;
      config.startup.showJavalinBanner = false;
      config.http.maxRequestSize = 256L * 1024 * 1024;
      config.http.prefer405over404 = true; // a known path asked with another method: 405 naming the methods it takes
      config.routes.before(guard::check);
      org.harmledger.server.web.Pages pages = org.harmledger.server.web.Pages.register(config, ledger);
      this.pages = pages;
      route(config, HandlerType.GET, "/api", this::index);
      route(config, HandlerType.GET, "/api/openapi.json", this::openApi);
      route(config, HandlerType.GET, "/api/verify", this::verify);
      route(config, HandlerType.GET, "/api/campaigns/{id}/tally", this::tally);
      route(config, HandlerType.GET, "/api/campaigns/{id}/gap-history", this::gapHistory);
      route(config, HandlerType.GET, "/api/campaigns/{id}/case-report", this::caseReport);
      route(config, HandlerType.GET, "/api/campaigns/{id}/case-report.csv", this::caseReportCsv);
      route(config, HandlerType.GET, "/api/campaigns/{id}/incidents.csv", ctx -> incidents(ctx, "csv"));
      route(config, HandlerType.GET, "/api/campaigns/{id}/incidents.geojson", ctx -> incidents(ctx, "geojson"));
      route(config, HandlerType.GET, "/api/campaigns/{id}/ged.csv", ctx -> incidents(ctx, "ged"));
      route(config, HandlerType.GET, "/api/campaigns/{id}/acled.csv", ctx -> incidents(ctx, "acled"));
      route(config, HandlerType.GET, "/api/export/ledger", this::exportLedger);
      route(config, HandlerType.POST, "/api/import/{kind}", this::importFile);
      route(config, HandlerType.GET, "/api/archives/{sha256}", this::archive);
      route(config, HandlerType.POST, "/api/extract", this::extract);
      route(config, HandlerType.POST, "/api/estimate", this::estimateTable);
      route(config, HandlerType.GET, "/api/campaigns/{id}/estimate", this::estimateCampaign);
      route(config, HandlerType.GET, "/api/campaigns/{id}/victims/review", this::victimReview);
      route(config, HandlerType.POST, "/api/sources/{id}/extract", this::extractIntoSource);
      route(config, HandlerType.GET, "/api/{type}", this::list);
      route(config, HandlerType.POST, "/api/{type}", this::create);
      route(config, HandlerType.GET, "/api/{type}/{id}", this::get);
      route(config, HandlerType.PATCH, "/api/{type}/{id}", this::amend);
      route(config, HandlerType.GET, "/api/{type}/{id}/history", this::history);
      route(config, HandlerType.POST, "/api/{type}/{id}/retract", this::retract);
      route(config, HandlerType.POST, "/api/{type}/{id}/links", this::link);
      route(config, HandlerType.POST, "/api/{type}/{id}/unlink", this::unlink);
      route(config, HandlerType.POST, "/api/incidents/{id}/gradings", this::grade);
      route(config, HandlerType.POST, "/api/cases/{id}/steps", this::transition);
      route(config, HandlerType.POST, "/api/claims/{id}/review", this::review);
      route(config, HandlerType.POST, "/api/sources/{id}/archive", this::archiveUpload);
      // Pages answer errors with a page, the API with JSON; both name field, value and rule.
      config.routes.exception(ValidationException.class, (e, ctx) -> {
        if (org.harmledger.server.web.Pages.isPage(ctx)) pages.error(ctx, 400, RequestGuard.isSafe(ctx.method().name()) ? "Rejected." : "Rejected, nothing was written.", e.problems());
        else error(ctx, 400, "invalid", RequestGuard.isSafe(ctx.method().name()) ? "rejected" : "rejected, nothing was written", e.problems());
      });
      config.routes.exception(NotFoundException.class, (e, ctx) -> {
        if (org.harmledger.server.web.Pages.isPage(ctx)) pages.error(ctx, 404, e.getMessage(), List.of());
        else error(ctx, 404, "not_found", e.getMessage(), List.of());
      });
      config.routes.exception(ConflictException.class, (e, ctx) -> {
        if (org.harmledger.server.web.Pages.isPage(ctx)) pages.error(ctx, 409, e.getMessage(), List.of());
        else error(ctx, ctx.header("If-Match") != null ? 412 : 409, "conflict", e.getMessage(), List.of());
      });
      config.routes.exception(PreconditionRequired.class, (e, ctx) ->
          error(ctx, 428, "precondition_required", e.getMessage() + "; nothing was written",
              List.of(Problem.of("If-Match", "", "is required on a change to an existing record: send the ETag of the version you read (GET it: the ETag header, e.g. \"3\"), or * to change it whatever its version"))));
      config.routes.exception(RequestGuard.Refused.class, (e, ctx) -> {
        boolean write = !RequestGuard.isSafe(ctx.method().name());
        if (org.harmledger.server.web.Pages.isPage(ctx)) pages.error(ctx, 403, "Refused: " + e.getMessage() + (write ? ". Nothing was written." : "."), e.problems());
        else error(ctx, 403, "forbidden", e.getMessage() + (write ? "; nothing was written" : ""), e.problems());
      });
      // No route for the path at all: the same 404 as an unknown record, as a page or as JSON.
      config.routes.exception(io.javalin.router.EndpointNotFound.class, (e, ctx) -> {
        if (org.harmledger.server.web.Pages.isPage(ctx)) pages.error(ctx, 404, "No such page: " + ctx.path(), List.of());
        else error(ctx, 404, "not_found", "no such path: " + ctx.path() + " (the paths are listed at /api/openapi.json)", List.of());
      });
      // A path some route takes, with a method none of them does (DELETE on a record, PUT).
      config.routes.exception(io.javalin.http.MethodNotAllowedResponse.class, (e, ctx) -> {
        // a fixed path's own methods (Javalin's list would add those of the record-type routes that shadow it)
        List<String> fixed = methodsOf(ctx.path());
        List<String> allowed = !fixed.isEmpty() ? fixed
            : e.getDetails().values().stream().flatMap(v -> java.util.Arrays.stream(v.split(",\\s*"))).filter(m -> !m.isBlank()).distinct().toList();
        ctx.header("Allow", String.join(", ", allowed));
        String message = ctx.method() + " is not allowed on " + ctx.path() + "; use " + String.join(" or ", allowed);
        if (ctx.method() == HandlerType.DELETE && fixed.isEmpty() && ctx.path().matches("/api/[a-z_]+/[^/]+")) {
          message += ". Nothing is deleted from the ledger: to withdraw a record, retract it (POST " + ctx.path() + "/retract with a reason), which keeps its history";
        }
        if (org.harmledger.server.web.Pages.isPage(ctx)) pages.error(ctx, 405, message, List.of());
        else error(ctx, 405, "method_not_allowed", message, List.of());
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        org.slf4j.LoggerFactory.getLogger(ApiServer.class).error("request failed: {} {}", ctx.method(), ctx.path(), e);
        if (org.harmledger.server.web.Pages.isPage(ctx)) pages.error(ctx, 500, "The server failed: " + e.getMessage(), List.of());
        else error(ctx, 500, "internal", "the server failed: " + e.getMessage(), List.of());
      });
      config.routes.error(404, ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty()) {
          if (org.harmledger.server.web.Pages.isPage(ctx)) pages.error(ctx, 404, "No such page: " + ctx.path(), List.of());
          else error(ctx, 404, "not_found", "no such path: " + ctx.path(), List.of());
        }
      });
    });
  }

  private static void route(io.javalin.config.JavalinConfig config, HandlerType method, String path, io.javalin.http.Handler h) {
    String key = method.name() + " " + path;
    if (!ROUTES.contains(key)) ROUTES.add(key);
    config.routes.addHttpHandler(method, path, h);
  }

  public static ApiServer start(LedgerService ledger, String host, int port) {
    return start(ledger, host, port, java.util.Set.of());
  }

  /**
   * Serves on {@code host:port}. {@code allowedHosts} are names besides the loopback ones that a
   * request may call this server by while it listens on a loopback address (a proxy's public
   * name); see {@link RequestGuard}.
   */
  public static ApiServer start(LedgerService ledger, String host, int port, java.util.Set<String> allowedHosts) {
    ApiServer s = new ApiServer(ledger, host, port, allowedHosts);
    s.app.start();
    return s;
  }

  /**
   * Reads what the first requests would otherwise wait for: each campaign's tally facts, its
   * page for today and its incident list (a cache, nothing written). The CLI's serve calls it in
   * the background once the server is listening.
   */
  public void prepare() {
    ledger.prepareTallies();
    pages.prepare();
  }

  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }

  // ------------------------------------------------------------------ handlers

  private void index(Context ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "Harm Ledger");
    m.put("store", ledger.store().describe());
    m.put("openapi", "/api/openapi.json");
    m.put("campaigns", ledger.list(RecordType.CAMPAIGN, RecordQuery.live()).stream().map(s -> {
      Campaign c = s.as(Campaign.class);
      return Map.of("id", c.id(), "name", c.name(), "tally", "/api/campaigns/" + c.id() + "/tally");
    }).toList());
    json(ctx, 200, m);
  }

  private void openApi(Context ctx) throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }

  private void verify(Context ctx) {
    var report = ledger.verify(Optional.ofNullable(ctx.queryParam("anchor")), n -> {});
    json(ctx, 200, report);
  }

  private void tally(Context ctx) {
    Optional<LocalDate> asOf = Optional.ofNullable(ctx.queryParam("as_of")).map(s -> date("as_of", s));
    TallyFilter f = filter(ctx);
    json(ctx, 200, ledger.tally(ctx.pathParam("id"), asOf, f, !"false".equals(ctx.queryParam("basis"))));
  }

  private void gapHistory(Context ctx) {
    Optional<LocalDate> until = Optional.ofNullable(ctx.queryParam("until")).map(s -> date("until", s));
    TallyFilter f = filter(ctx);
    int points = intParam(ctx, "points", Integer.MAX_VALUE, 2, Integer.MAX_VALUE);
    json(ctx, 200, ledger.gapHistory(ctx.pathParam("id"), until, f, points));
  }

  private void caseReport(Context ctx) {
    json(ctx, 200, caseReportOf(ctx));
  }

  private org.harmledger.tally.CaseReport caseReportOf(Context ctx) {
    Optional<LocalDate> asOf = Optional.ofNullable(ctx.queryParam("as_of")).map(s -> date("as_of", s));
    var unit = org.harmledger.tally.CaseReport.Unit.parse("by", Optional.ofNullable(ctx.queryParam("by")).orElse("month"));
    return ledger.caseReport(ctx.pathParam("id"), asOf, unit, Optional.ofNullable(ctx.queryParam("belligerent")).filter(b -> !b.isBlank()));
  }

  private void caseReportCsv(Context ctx) {
    var r = caseReportOf(ctx);
    java.io.StringWriter w = new java.io.StringWriter();
    org.harmledger.io.CaseReportCsv.write(r, w);
    ctx.header("Content-Disposition", "attachment; filename=\"" + r.campaign() + "-cases-by-" + r.by() + "-" + r.asOf() + ".csv\"");
    ctx.contentType("text/csv; charset=utf-8").result(w.toString());
  }

  private void incidents(Context ctx, String format) {
    String campaign = ctx.pathParam("id");
    var rows = IncidentExport.rows(ledger, campaign);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    OutputStreamWriter w = new OutputStreamWriter(buf, StandardCharsets.UTF_8);
    switch (format) {
      case "csv" -> IncidentExport.csv(rows, w);
      case "geojson" -> IncidentExport.geoJson(rows, w);
      case "acled" -> IncidentExport.acled(rows, w);
      default -> IncidentExport.ged(ledger.get(RecordType.CAMPAIGN, campaign).as(Campaign.class), rows, w);
    }
    try {
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.contentType(format.equals("geojson") ? "application/geo+json" : "text/csv; charset=utf-8").result(buf.toByteArray());
  }

  private void exportLedger(Context ctx) throws IOException {
    // Streamed: a large ledger is hundreds of megabytes.
    ctx.header("Content-Disposition", "attachment; filename=\"ledger.json\"").contentType("application/json");
    try (var out = ctx.outputStream()) {
      LedgerFile.export(ledger.store(), out, n -> {});
    }
  }

  private void importFile(Context ctx) {
    InputStream in = new ByteArrayInputStream(ctx.bodyAsBytes());
    Meta meta = meta(ctx, "import over HTTP");
    Object result = switch (ctx.pathParam("kind")) {
      case "ledger" -> Map.of("entries", LedgerFile.importInto(ledger.store(), in, n -> {}));
      case "records" -> Map.of("created", ids(RecordImport.jsonLines(ledger, in, meta)));
      case "claims" -> Map.of("created", ids(RecordImport.claimsCsv(ledger, in, meta)));
      case "incidents" -> Map.of("created", ids(RecordImport.incidentsCsv(ledger, in, meta)));
      case "victims" -> Map.of("created", ids(RecordImport.victimsCsv(ledger, in, meta)));
      case "ged" -> {
        List<Problem> missing = new ArrayList<>();
        if (blank(ctx.queryParam("campaign"))) missing.add(Problem.of("campaign", "", "is required for ged: the campaign its events go into"));
        if (blank(ctx.queryParam("source"))) missing.add(Problem.of("source", "", "is required for ged: the source record of the dataset"));
        if (!missing.isEmpty()) throw new ValidationException(missing);
        var r = org.harmledger.io.GedImport.csv(ledger, in, ctx.queryParam("campaign"), ctx.queryParam("source"), meta);
        yield Map.of("created", ids(r.created()), "incidents", r.incidents(), "claims", r.claims(), "outside", r.outside());
      }
      default -> throw new ValidationException(Problem.of("kind", ctx.pathParam("kind"), "must be ledger, records, claims, incidents, victims or ged"));
    };
    json(ctx, 201, result);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static List<String> ids(List<StoredRecord> rs) {
    return rs.stream().map(StoredRecord::id).toList();
  }

  private void archive(Context ctx) {
    String sha = ctx.pathParam("sha256");
    byte[] bytes = ledger.archiveBytes(sha).orElseThrow(() -> new NotFoundException(RecordType.SOURCE, "archive " + sha));
    ctx.header("ETag", "\"" + sha + "\"").contentType("application/octet-stream").result(bytes);
  }

  private void list(Context ctx) {
    RecordType type = type(ctx);
    RecordQuery q = new RecordQuery(Optional.ofNullable(ctx.queryParam("campaign")), Optional.ofNullable(ctx.queryParam("source")), Optional.ofNullable(ctx.queryParam("incident")),
        "true".equals(ctx.queryParam("include_retracted")), intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE), intParam(ctx, "limit", 100, 1, RecordQuery.MAX_LIMIT));
    json(ctx, 200, ledger.list(type, q).stream().map(StoredRecord::view).toList());
  }

  private void create(Context ctx) {
    RecordType type = type(ctx);
    LedgerRecord r = Json.convert(body(ctx), type.recordClass());
    StoredRecord s = ledger.create(r, meta(ctx, ""));
    ctx.header("Location", "/api/" + type.plural() + "/" + s.id());
    stored(ctx, 201, s);
  }

  private void get(Context ctx) {
    stored(ctx, 200, ledger.get(type(ctx), ctx.pathParam("id")));
  }

  private void amend(Context ctx) {
    StoredRecord s = ledger.amend(type(ctx), ctx.pathParam("id"), body(ctx), ifMatch(ctx), meta(ctx, ""));
    stored(ctx, 200, s);
  }

  private void history(Context ctx) {
    json(ctx, 200, ledger.history(type(ctx), ctx.pathParam("id")));
  }

  private void retract(Context ctx) {
    JsonNode b = body(ctx);
    String reason = b.path("reason").asText(ctx.header("X-Reason") == null ? "" : ctx.header("X-Reason"));
    stored(ctx, 200, ledger.retract(type(ctx), ctx.pathParam("id"), ifMatch(ctx), new Meta(actor(ctx), reason)));
  }

  private void link(Context ctx) {
    JsonNode b = body(ctx);
    try {
      Optional<IncidentMatch> match = Optional.empty();
      if (b.has("confidence") || b.has("basis") || b.has("matched_on")) {
        // Either without the other is refused by the match's own check, naming the missing field.
        var m = Json.MAPPER.createObjectNode();
        if (b.has("confidence")) m.set("confidence", b.get("confidence"));
        if (b.has("basis")) m.set("basis", b.get("basis"));
        if (b.has("matched_on")) m.set("on", b.get("matched_on"));
        match = Optional.of(Json.convert(m, IncidentMatch.class));
      }
      stored(ctx, 200, ledger.link(type(ctx), ctx.pathParam("id"), incidentList(b), match, ifMatch(ctx), meta(ctx, b.path("reason").asText(""))));
    } catch (ValidationException e) {
      throw asMatchedOn(e);
    }
  }

  /** The match's day is "on" in the record and "matched_on" in the link's body: problems name the body's field. */
  private static ValidationException asMatchedOn(ValidationException e) {
    return new ValidationException(e.problems().stream().map(p -> p.field().equals("on") ? Problem.of("matched_on", p.value(), p.rule()) : p).toList());
  }

  private void unlink(Context ctx) {
    JsonNode b = body(ctx);
    stored(ctx, 200, ledger.unlink(type(ctx), ctx.pathParam("id"), incidentList(b), ifMatch(ctx), meta(ctx, b.path("reason").asText(""))));
  }

  /** The body's {@code incidents}: a list of ids. */
  private static List<String> incidentList(JsonNode b) {
    JsonNode n = b.path("incidents");
    if (!n.isMissingNode() && !n.isArray()) throw new ValidationException(Problem.of("incidents", n.toString(), "must be a list of incident ids"));
    List<String> incidents = new ArrayList<>();
    for (JsonNode i : n) {
      if (!i.isTextual()) throw new ValidationException(Problem.of("incidents", i.toString(), "must be a list of incident ids (text)"));
      incidents.add(i.asText());
    }
    return incidents;
  }

  private void grade(Context ctx) {
    JsonNode b = body(ctx);
    if (!b.has("on")) ((com.fasterxml.jackson.databind.node.ObjectNode) b).put("on", ledger.today().toString());
    Grading g = Json.convert(b, Grading.class);
    stored(ctx, 201, ledger.grade(ctx.pathParam("id"), g, ifMatch(ctx), meta(ctx, g.rationale())));
  }

  private void transition(Context ctx) {
    JsonNode b = body(ctx);
    var o = (com.fasterxml.jackson.databind.node.ObjectNode) b;
    if (!o.has("on")) o.put("on", ledger.today().toString());
    if (!o.has("on_or_before")) o.put("on_or_before", false);
    CaseStep step = Json.convert(o, CaseStep.class);
    stored(ctx, 201, ledger.transition(ctx.pathParam("id"), step, ifMatch(ctx), meta(ctx, step.note())));
  }

  private void review(Context ctx) {
    JsonNode b = body(ctx);
    ClaimStatus status = Json.convert(b.path("status"), ClaimStatus.class);
    if (status == null) throw new ValidationException(Problem.of("status", "", "is required: accepted, rejected or draft"));
    stored(ctx, 200, ledger.review(ctx.pathParam("id"), status, ifMatch(ctx), meta(ctx, b.path("reason").asText(""))));
  }

  private void archiveUpload(Context ctx) {
    String type = Optional.ofNullable(ctx.contentType()).orElse("application/octet-stream");
    StoredRecord s = ledger.archive(ctx.pathParam("id"), ctx.bodyAsBytes(), type, Optional.ofNullable(ctx.queryParam("file_name")), ifMatch(ctx), meta(ctx, "archived copy"));
    stored(ctx, 201, s);
  }

  /** Proposals from the request body's text; nothing is written. */
  private void extract(Context ctx) {
    String lang = language(ctx);
    json(ctx, 200, org.harmledger.extract.Extractor.extract(Utf8.decode(ctx.bodyAsBytes(), "line"), lang));
  }

  /** Archives the body on the source and writes each proposal as a draft claim, in one transaction. */
  private void extractIntoSource(Context ctx) {
    String lang = language(ctx);
    String campaign = ctx.queryParam("campaign");
    if (campaign == null || campaign.isBlank()) throw new ValidationException(Problem.of("campaign", "", "is required: the campaign the draft claims are about"));
    var staged = org.harmledger.extract.review.DraftClaims.stage(ledger, ctx.pathParam("id"), campaign, ctx.bodyAsBytes(), lang, Optional.ofNullable(ctx.queryParam("file_name")), meta(ctx, ""));
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("source", staged.source());
    out.put("archive_sha256", staged.archiveSha256());
    out.put("drafts", staged.drafts().stream().map(StoredRecord::view).toList());
    out.put("extraction", staged.extraction());
    json(ctx, 201, out);
  }

  private static org.harmledger.estimate.Estimation.Request estimation(Context ctx) {
    String method = Optional.ofNullable(ctx.queryParam("method")).orElse("loglinear");
    long seed = 1;
    try {
      if (ctx.queryParam("seed") != null) seed = Long.parseLong(ctx.queryParam("seed"));
    } catch (NumberFormatException e) {
      throw new ValidationException(Problem.of("seed", ctx.queryParam("seed"), "must be a whole number"));
    }
    String het = ctx.queryParam("heterogeneity");
    if (het != null && !het.equalsIgnoreCase("darroch")) throw new ValidationException(Problem.of("heterogeneity", het, "the one heterogeneity term offered is darroch"));
    return new org.harmledger.estimate.Estimation.Request(method, ctx.queryParam("model"), het != null, seed,
        new org.harmledger.estimate.LatentClass.Settings(10, 1000, 10_000, 10, 4, seed, 0.25, 0.25), 0.5, 0, Optional.ofNullable(ctx.queryParam("prior")).orElse("1/N"));
  }

  /** A list-overlap table in the body (CSV), estimated by the method asked. */
  private void estimateTable(Context ctx) throws java.io.IOException {
    var tables = org.harmledger.estimate.ListTable.readStrata(new java.io.StringReader(Utf8.decode(ctx.bodyAsBytes(), "row")));
    json(ctx, 200, org.harmledger.estimate.Estimation.run(tables, estimation(ctx)));
  }

  /** The campaign's linked victims, each source a list, optionally by stratum. */
  private void estimateCampaign(Context ctx) {
    String campaign = ctx.pathParam("id");
    var tables = org.harmledger.estimate.FromLedger.tables(ledger, campaign, Optional.ofNullable(ctx.queryParam("stratify")), pages.victimReview(campaign).personOf());
    json(ctx, 200, org.harmledger.estimate.Estimation.run(tables, estimation(ctx)));
  }

  /** The victims' review queue as the page shows it (pairs by victim id; confidential ones counted, not listed). */
  private void victimReview(Context ctx) {
    json(ctx, 200, pages.victimReview(ctx.pathParam("id")).toJson());
  }

  private static String language(Context ctx) {
    String lang = ctx.queryParam("lang");
    if (lang == null || !org.harmledger.extract.Lexicon.LANGUAGES.contains(lang)) {
      throw new ValidationException(Problem.of("lang", lang == null ? "" : lang, "is required and must be one of " + String.join(", ", org.harmledger.extract.Lexicon.LANGUAGES)));
    }
    return lang;
  }

  // ------------------------------------------------------------------ helpers

  private static void stored(Context ctx, int status, StoredRecord s) {
    ctx.header("ETag", "\"" + s.version() + "\"");
    json(ctx, status, s.view());
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
  }

  private static void error(Context ctx, int status, String code, String message, List<Problem> problems) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", code);
    m.put("message", message);
    m.put("problems", problems);
    json(ctx, status, m);
  }

  private static RecordType type(Context ctx) {
    // "/api/{type}" also catches a fixed path asked with a method it does not answer (POST
    // /api/verify): that is a 405 naming the methods it does answer, not "no such record type".
    List<String> allowed = methodsOf(ctx.path());
    // (the same 405 as Javalin's for a path no route of the method takes; its handler names the methods)
    if (!allowed.isEmpty() && !allowed.contains(ctx.method().name())) throw new io.javalin.http.MethodNotAllowedResponse();
    String t = ctx.pathParam("type");
    RecordType r = RecordType.parse(t);
    if (!r.plural().equals(t)) throw new NotFoundException(r, "(use /api/" + r.plural() + ")");
    return r;
  }

  /** The methods of the routes, other than those by record type, whose path pattern fits this path. */
  static List<String> methodsOf(String path) {
    String[] asked = path.split("/", -1);
    List<String> methods = new ArrayList<>();
    for (String route : ROUTES) {
      String method = route.substring(0, route.indexOf(' '));
      String pattern = route.substring(method.length() + 1);
      if (pattern.startsWith("/api/{type}")) continue;
      String[] parts = pattern.split("/", -1);
      boolean fits = parts.length == asked.length;
      for (int i = 0; fits && i < parts.length; i++) fits = parts[i].startsWith("{") || parts[i].equals(asked[i]);
      if (fits && !methods.contains(method)) methods.add(method);
    }
    return methods;
  }

  private static JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) return Json.MAPPER.createObjectNode();
    JsonNode n = Json.readTree(text);
    if (!n.isObject()) throw new ValidationException(Problem.of("(body)", n.getNodeType().name().toLowerCase(), "must be a JSON object"));
    return n;
  }

  private static String actor(Context ctx) {
    String a = ctx.header("X-Actor");
    return a == null || a.isBlank() ? "api@" + ctx.ip() : a;
  }

  private static Meta meta(Context ctx, String fallbackReason) {
    String reason = ctx.header("X-Reason");
    return new Meta(actor(ctx), reason == null || reason.isBlank() ? fallbackReason : reason);
  }

  /**
   * The version a write to an existing record was based on, from {@code If-Match}, which every
   * such write must send (RFC 6585's 428 otherwise): without it two people who read version 3
   * would both write, and the second would replace the first's change without either being told.
   * {@code *} says "whatever its version", for a script that means to override.
   */
  private static OptionalLong ifMatch(Context ctx) {
    String h = ctx.header("If-Match");
    if (h == null || h.isBlank()) throw new PreconditionRequired(ctx.method() + " " + ctx.path());
    if (h.trim().equals("*")) return OptionalLong.empty();
    String v = h.trim().replaceAll("^W/", "").replace("\"", "");
    try {
      return OptionalLong.of(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new ValidationException(Problem.of("If-Match", h, "must be the record's ETag, e.g. \"3\""));
    }
  }

  /** A change to an existing record sent without {@code If-Match}: 428. */
  static final class PreconditionRequired extends RuntimeException {
    PreconditionRequired(String request) {
      super(request + " needs an If-Match header naming the version it changes");
    }
  }

  /** A whole-number query parameter from {@code min} to {@code max}; refused by name otherwise (not quietly clamped). */
  private static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null) return dflt;
    String rule = max == Integer.MAX_VALUE ? "must be a whole number, " + min + " or more" : "must be a whole number from " + min + " to " + max;
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) throw new ValidationException(Problem.of(name, v, rule));
      return n;
    } catch (NumberFormatException e) {
      throw new ValidationException(Problem.of(name, v, rule));
    }
  }

  private static LocalDate date(String field, String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new ValidationException(Problem.of(field, s, "must be a date as YYYY-MM-DD"));
    }
  }

  private static TallyFilter filter(Context ctx) {
    return TallyFilter.parse("period", Optional.ofNullable(ctx.queryParam("period")), "bbox", Optional.ofNullable(ctx.queryParam("bbox")));
  }
}
