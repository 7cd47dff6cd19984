package org.harmledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.harmledger.domain.RecordType;
import org.harmledger.ledger.Json;
import org.harmledger.service.DemoLedger;
import org.harmledger.service.LedgerService;
import org.harmledger.storage.SqliteLedgerStore;
import org.harmledger.store.RecordQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard against requests a web page elsewhere makes the recorder's browser send, over real
 * HTTP: the headers are the ones a browser sets (Origin, Sec-Fetch-Site) or that a rebound name
 * brings (Host), and every refusal is checked to have written nothing.
 */
class RequestGuardTest {
  @TempDir Path dir;
  SqliteLedgerStore store;
  LedgerService ledger;
  ApiServer server;
  final HttpClient http = HttpClient.newHttpClient();

  static final String SOURCE = """
      {"kind":"news","publisher":"Forged","role":"media","published":"2018-09-01","language":"en","confidential":false,"secondary":false}""";

  @BeforeEach
  void start() {
    store = SqliteLedgerStore.open(dir.resolve("guard.db"));
    ledger = new LedgerService(store);
    DemoLedger.load(ledger, Optional.empty());
    server = ApiServer.start(ledger, "127.0.0.1", 0, Set.of("Ledger.Example.org:443")); // as a user may type it
  }

  @AfterEach
  void stop() {
    server.stop();
    store.close();
  }

  long head() {
    return store.read(r -> r.head().orElseThrow().seq());
  }

  HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request with a Host header of our choosing, which Java's HTTP client will not send. */
  String rawGet(String path, String host) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aCrossSiteWriteIsRefusedWith403NamingTheHeaderAndWritesNothing() throws Exception {
    long before = head();
    // The forgery a page can make without asking: a text/plain body carrying JSON, from its own origin.
    HttpResponse<String> r = send("POST", "/api/sources", "text/plain", SOURCE, "Origin", "https://evil.example", "X-Actor", "mallory");
    assertThat(r.statusCode()).isEqualTo(403);
    JsonNode body = Json.readTree(r.body());
    assertThat(body.get("error").asText()).isEqualTo("forbidden");
    assertThat(body.get("message").asText()).contains("https://evil.example").contains("nothing was written");
    assertThat(body.at("/problems/0/field").asText()).isEqualTo("Origin");
    assertThat(body.at("/problems/0/value").asText()).isEqualTo("https://evil.example");
    assertThat(head()).isEqualTo(before);

    for (String site : new String[] {"cross-site", "same-site"}) {
      HttpResponse<String> f = send("POST", "/api/sources", "application/json", SOURCE, "Sec-Fetch-Site", site);
      assertThat(f.statusCode()).as(site).isEqualTo(403);
      assertThat(Json.readTree(f.body()).at("/problems/0/field").asText()).isEqualTo("Sec-Fetch-Site");
    }
    // an origin a sandboxed frame sends, another port of this machine, another scheme
    for (String origin : new String[] {"null", "http://127.0.0.1:1", "file://", "http://127.0.0.1:" + server.port() + ".evil.example"}) {
      assertThat(send("POST", "/api/sources", "application/json", SOURCE, "Origin", origin).statusCode()).as(origin).isEqualTo(403);
    }
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void aCrossSiteFormPostToARetractionIsRefusedWithAPage() throws Exception {
    String reason = "reason=forged&back=%2F";
    HttpResponse<String> r = send("POST", "/claims/clm-coalition-23/retract", "application/x-www-form-urlencoded", reason,
        "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(r.body()).contains("Nothing was written").contains("Sec-Fetch-Site");
    assertThat(ledger.list(RecordType.CLAIM, RecordQuery.live()).stream().map(c -> c.id())).contains("clm-coalition-23");
  }

  @Test
  void writesFromThisServersOwnPagesFromAnAllowedHostAndFromNonBrowserClientsPass() throws Exception {
    String self = "http://127.0.0.1:" + server.port();
    assertThat(send("POST", "/api/sources", "application/json", SOURCE, "Origin", self, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(201);
    assertThat(send("POST", "/api/sources", "application/json", SOURCE, "Origin", "https://ledger.example.org").statusCode()).isEqualTo(201);
    assertThat(send("POST", "/api/sources", "application/json", SOURCE).statusCode()).isEqualTo(201);
    assertThat(ledger.list(RecordType.SOURCE, RecordQuery.live()).stream().filter(s -> s.payload().contains("Forged")).count()).isEqualTo(3);
    // reading needs no origin: another site cannot read the answer without CORS, which this server never grants
    HttpResponse<String> g = send("GET", "/api/campaigns/raqqa-2017/tally?as_of=2018-12-31", "application/json", "", "Origin", "https://evil.example");
    assertThat(g.statusCode()).isEqualTo(200);
    assertThat(g.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void aRequestCallingTheServerByAReboundNameIsRefusedEvenToRead() throws Exception {
    String rebound = rawGet("/api/sources", "attacker.example:" + server.port());
    assertThat(rebound).startsWith("HTTP/1.1 403").contains("attacker.example").contains("--allowed-host").doesNotContain("ritzau");
    assertThat(rawGet("/api/sources", "localhost:" + server.port())).startsWith("HTTP/1.1 200").contains("ritzau");
    assertThat(rawGet("/api/sources", "[::1]:" + server.port())).startsWith("HTTP/1.1 200");
    assertThat(rawGet("/api/sources", "ledger.example.org")).startsWith("HTTP/1.1 200");
    // a name that only begins like a loopback address is not one
    assertThat(rawGet("/", "127.0.0.1.attacker.example:" + server.port())).startsWith("HTTP/1.1 403");
  }

  @Test
  void onANetworkAddressAnyNameIsAnsweredButCrossSiteWritesAreStillRefused() throws Exception {
    server.stop();
    server = ApiServer.start(ledger, "0.0.0.0", 0);
    assertThat(rawGet("/api", "ledger.lan:" + server.port())).startsWith("HTTP/1.1 200");
    assertThat(send("POST", "/api/sources", "application/json", SOURCE, "Origin", "https://evil.example").statusCode()).isEqualTo(403);
  }

  @Test
  void loopbackNamesAreRecognisedWithoutALookUp() {
    assertThat(RequestGuard.hostName("LocalHost:8080")).isEqualTo("localhost");
    assertThat(RequestGuard.hostName("[::1]:8080")).isEqualTo("::1");
    assertThat(RequestGuard.hostName("::1")).isEqualTo("::1");
    assertThat(RequestGuard.hostName("example.org")).isEqualTo("example.org");
    assertThat(RequestGuard.isLoopbackName("127.0.0.1")).isTrue();
    assertThat(RequestGuard.isLoopbackName("127.1.2.3")).isTrue();
    assertThat(RequestGuard.isLoopbackName("app.localhost")).isTrue();
    assertThat(RequestGuard.isLoopbackName("127.0.0.256")).isFalse();
    assertThat(RequestGuard.isLoopbackName("128.0.0.1")).isFalse();
    assertThat(RequestGuard.isLoopbackName("localhost.attacker.example")).isFalse();
    assertThat(RequestGuard.isLoopbackName("127.0.0.1.nip.io")).isFalse();
  }
}
