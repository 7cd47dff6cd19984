package org.harmledger.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The accuracy targets on the shared data, with the example settings, no labels used. */
class SharedDataLinkageTest {
  static Path shared(String p) {
    Path f = Path.of(System.getProperty("harmledger.shared", "../shared")).resolve("data/linkage").resolve(p);
    Assumptions.assumeTrue(Files.isRegularFile(f), "skipped: " + f + " is not here; a clone outside the workplace has none");
    return f;
  }

  static Path example(String name) {
    return Path.of(System.getProperty("harmledger.root", "..")).resolve("examples/linkage").resolve(name);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "febrl/dataset1.csv,,febrl1.json,0.99",
    "febrl/dataset3.csv,,febrl3.json,0.99",
    "febrl/dataset4a.csv,febrl/dataset4b.csv,febrl4.json,0.99",
    "splink/fake_1000.csv,,splink_fake_1000.json,0.90",
  })
  void pairwiseF1MeetsTheTarget(String a, String b, String settings, double goal) throws Exception {
    List<Path> inputs = b == null ? List.of(shared(a)) : List.of(shared(a), shared(b));
    Settings s = Settings.parse(Files.readString(example(settings)));
    List<Linker.Record> records = Inputs.read(inputs, s.idColumn());
    long t0 = System.nanoTime();
    Linker.Result r = new Linker(s, records, inputs.size()).run(null);
    Evaluation.Scores e = Evaluation.score(r.clusters(), Evaluation.truth(records, s.truth()));
    System.out.printf("%s: precision %.4f recall %.4f F1 %.4f (clusters exact %.3f/%.3f) in %.2f s; %s%n", a, e.precision(), e.recall(), e.f1(), e.clusterPrecision(), e.clusterRecall(), (System.nanoTime() - t0) / 1e9, r.stats());
    assertThat(e.f1()).isGreaterThanOrEqualTo(goal);
  }
}
