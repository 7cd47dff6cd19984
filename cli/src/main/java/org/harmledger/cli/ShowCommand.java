package org.harmledger.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.harmledger.domain.RecordType;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one record as JSON, with its version (for --expect-version) and any retraction.")
final class ShowCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", description = "campaign, source, claim, incident, case or victim") String type;
  @Parameters(index = "1", description = "The record's id.") String id;

  @Override
  public Integer call() {
    StoredRecord s = ledger().get(RecordType.parse(type), id);
    printJson(view(s));
    return 0;
  }

  static Map<String, Object> view(StoredRecord s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", s.type().label());
    m.put("id", s.id());
    m.put("version", s.version());
    m.put("created_at", s.createdAt().toString());
    m.put("updated_at", s.updatedAt().toString());
    s.retracted().ifPresent(r -> m.put("retracted", r));
    m.put("record", s.record());
    return m;
  }
}
