package org.harmledger.extract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Extraction speed on one thread (so: one core): the given stories are repeated as separate
 * documents up to a target size and extracted, several times after a warm-up. Tokenizing alone
 * is timed over the same documents in the same runs as a baseline, so the ratio between the two
 * is a figure that machine noise hardly moves.
 */
public final class ExtractBenchmark {
  private ExtractBenchmark() {}

  /** Megabytes (10^6 bytes of UTF-8) per second for each run, and what the last run found. */
  public record Result(long bytes, int documents, List<Double> extractMBps, List<Double> tokenizeMBps, int claimsPerPass) {
    public double medianExtract() {
      return median(extractMBps);
    }

    public double medianTokenize() {
      return median(tokenizeMBps);
    }

    static double median(List<Double> xs) {
      List<Double> s = new ArrayList<>(xs);
      s.sort(Double::compare);
      int n = s.size();
      return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
  }

  public static Result run(List<String> stories, String language, long targetBytes, int runs, int warmups, LongConsumer progress) {
    if (stories.isEmpty()) throw new IllegalArgumentException("no stories to extract from");
    Extractor extractor = new Extractor(Lexicon.forLanguage(language));
    List<String> docs = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; bytes < targetBytes; i++) {
      String d = stories.get(i % stories.size());
      docs.add(d);
      bytes += d.getBytes(StandardCharsets.UTF_8).length;
    }
    List<Double> extract = new ArrayList<>();
    List<Double> tokenize = new ArrayList<>();
    int claims = 0;
    java.util.Set<String> abbreviations = Lexicon.forLanguage(language).abbreviations;
    for (int r = 0; r < warmups + runs; r++) {
      long t0 = System.nanoTime();
      int found = 0;
      for (String d : docs) found += extractor.extract(d).claims().size();
      long t1 = System.nanoTime();
      long tokens = 0;
      for (String d : docs) tokens += Text.of(d, abbreviations).size;
      long t2 = System.nanoTime();
      if (tokens < 0) throw new AssertionError(); // keeps the baseline's work alive
      if (r >= warmups) {
        extract.add(bytes / 1e6 / ((t1 - t0) / 1e9));
        tokenize.add(bytes / 1e6 / ((t2 - t1) / 1e9));
      }
      claims = found;
      progress.accept(r + 1);
    }
    return new Result(bytes, docs.size(), extract, tokenize, claims);
  }
}
