package org.harmledger.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on standard error, so that standard output stays clean for data. (The process's
 * own stream: the bar library writes to a PrintStream, and a command's err is a PrintWriter.)
 */
final class Progress implements AutoCloseable, org.harmledger.linkage.Linker.Listener {
  /** Below this many entries a job is over before a bar would help. */
  static final long WORTH_A_BAR = 50_000;

  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar when {@code show}, else a silent counter. */
  static Progress of(String task, long max, boolean show) {
    return new Progress(show ? bar(task, max) : null);
  }

  /** A bar whose phases count different things: no unit after the count, the phase names it. */
  static Progress phased(String task, long max) {
    return new Progress(builder(task, max).setUnit("", 1).build());
  }

  @Override
  public void accept(long done) {
    if (bar != null) bar.stepTo(done);
  }

  /** A new phase of a job: its name beside the bar, and its count from 0 to {@code steps} (0: not counted). */
  @Override
  public void phase(String name, long steps) {
    if (bar == null) return;
    // in this order, so that the bar (drawn by its own thread) never shows one phase's name with
    // another's count
    bar.maxHint(-1);
    bar.reset();
    bar.setExtraMessage(name);
    if (steps > 0) bar.maxHint(steps);
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
  }

  /** A bar counting to {@code max} entries ({@code -1}: unknown total). */
  static ProgressBar bar(String task, long max) {
    return builder(task, max).setUnit(" entries", 1).build();
  }

  private static ProgressBarBuilder builder(String task, long max) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err));
  }
}
