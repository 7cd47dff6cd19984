package org.harmledger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the JSON API (and pages) over HTTP.")
final class ServeCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Mixin ServeOptions serve;

  @Override
  boolean createsRecords() {
    return true;
  }

  @Override
  public Integer call() throws Exception {
    return serve.run(ledger(), err());
  }
}
