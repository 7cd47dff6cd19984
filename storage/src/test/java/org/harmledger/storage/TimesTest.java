package org.harmledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimesTest {
  @Test
  void readsWhatInstantWritesExactlyAsInstantDoes() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      // whole seconds, milli-, micro- and nanosecond fractions: Instant.toString writes each differently
      long nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> r.nextInt(1000) * 1_000_000L;
        case 2 -> r.nextInt(1_000_000) * 1_000L;
        default -> r.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(r.nextLong(0, 4_102_444_800L), nanos);
      assertThat(Times.instant(t.toString())).isEqualTo(t);
    }
  }

  @Test
  void otherShapesGoToInstantParseAndBadOnesFailThere() {
    assertThat(Times.instant("2017-06-01T10:00:00.5Z")).isEqualTo(Instant.parse("2017-06-01T10:00:00.5Z"));
    assertThat(Times.instant("2017-06-01T10:00:00+00:00")).isEqualTo(Instant.parse("2017-06-01T10:00:00Z"));
    assertThatThrownBy(() -> Times.instant("2017-02-30T10:00:00Z")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Times.instant("2017-06-01T1x:00:00Z")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Times.instant("garbage")).isInstanceOf(DateTimeParseException.class);
  }
}
