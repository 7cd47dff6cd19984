package org.harmledger.cli;

import java.io.PrintWriter;
import org.harmledger.server.ApiServer;
import org.harmledger.server.RequestGuard;
import org.harmledger.service.LedgerService;
import picocli.CommandLine.Option;

/** Options shared by {@code serve} and {@code demo}. */
final class ServeOptions {
  @Option(names = "--port", description = "Port to listen on. Default: ${DEFAULT-VALUE}.", defaultValue = "8080")
  int port;

  @Option(names = "--host", description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--allowed-host", paramLabel = "NAME", description = "A name besides localhost and 127.0.0.1 that requests may call this server by, "
      + "such as the public name a proxy forwards (repeatable). While the server listens on this machine only, requests naming any other host "
      + "are refused, which keeps a web page from reaching the ledger by DNS rebinding.")
  java.util.List<String> allowedHosts = new java.util.ArrayList<>();

  int run(LedgerService ledger, PrintWriter err) throws InterruptedException {
    if (!RequestGuard.isLoopback(host)) {
      err.println("warning: serving on " + host + " makes every record readable and writable from the network: there is no "
          + "authentication yet, and confidential sources are only kept out of exports and tallies. Prefer 127.0.0.1 behind a proxy.");
    }
    ApiServer server = ApiServer.start(ledger, host, port, java.util.Set.copyOf(allowedHosts));
    // Read each campaign's tally facts and pages now rather than on the first request (a cache, nothing written).
    Thread.ofPlatform().daemon().name("prepare-tallies").start(() -> {
      try {
        long t0 = System.nanoTime();
        server.prepare();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (seconds >= 2) { // on a large ledger, say when the first views stop waiting
          err.printf("Ready: every campaign's tally, page, incident list and victim review prepared in %.1f s.%n", seconds);
          err.flush();
        }
      } catch (RuntimeException e) {
        err.println("warning: could not prepare the tallies and pages in advance (each will be read on first use): " + e.getMessage());
        err.flush();
      }
    });
    err.println("Serving " + ledger.store().describe() + " on http://" + host + ":" + server.port() + "/  (pages: / and /incidents; API: /api, OpenAPI: /api/openapi.json). Ctrl-C stops.");
    err.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    Thread.currentThread().join();
    return 0;
  }
}
