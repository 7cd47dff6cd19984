package org.harmledger.cli;

import java.io.PrintWriter;
import org.harmledger.server.ApiServer;
import org.harmledger.service.LedgerService;
import picocli.CommandLine.Option;

/** Options shared by {@code serve} and {@code demo}. */
final class ServeOptions {
  @Option(names = "--port", description = "Port to listen on. Default: ${DEFAULT-VALUE}.", defaultValue = "8080")
  int port;

  @Option(names = "--host", description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).", defaultValue = "127.0.0.1")
  String host;

  int run(LedgerService ledger, PrintWriter err) throws InterruptedException {
    ApiServer server = ApiServer.start(ledger, host, port);
    err.println("Serving " + ledger.store().describe() + " on http://" + host + ":" + server.port() + "/  (API: /api, OpenAPI: /api/openapi.json). Ctrl-C stops.");
    err.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    Thread.currentThread().join();
    return 0;
  }
}
