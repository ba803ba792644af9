package dev.stowage.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Durations}: the one syntax, its errors naming the parameter and the value, and its writing. */
class DurationsTest {

    @Test
    void readsUnitsCombinationsAndIso8601() {
        assertThat(Durations.parse("t", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("t", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("t", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("t", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("t", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("t", " 1h 30m ")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("t", "250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.parse("t", "7ns")).isEqualTo(Duration.ofNanos(7));
        assertThat(Durations.parse("t", "0s")).isEqualTo(Duration.ZERO);
        assertThat(Durations.parse("t", "PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("t", "p1dt2h")).isEqualTo(Duration.ofHours(26));
    }

    @Test
    void anErrorNamesTheParameterAndTheValue() {
        assertThatThrownBy(() -> Durations.parse("timeout", "5x"))
                .isInstanceOf(InvalidDurationException.class)
                .hasMessage("timeout '5x' is not a duration (use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)");
        for (String bad : new String[] {"10 parsecs", "", "m", "-5s", "10M", "1.5h", "P5X"}) {
            assertThatThrownBy(() -> Durations.parse("ttl", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ttl '" + bad + "' is not a duration (use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)");
        }
        assertThatThrownBy(() -> Durations.parse("ttl", "PT-5M")).hasMessage("ttl 'PT-5M' is negative");
        assertThatThrownBy(() -> Durations.parse("ttl", "9999999999999999999d"))
                .hasMessage("ttl '9999999999999999999d' is too long a duration");
    }

    @Test
    void aBareNumberIsAnErrorThatAsksForAUnit() {
        for (String bare : new String[] {"250", "0", " 60000 ", "1.5", "-3"}) {
            assertThatThrownBy(() -> Durations.parse("block", bare)).as(bare)
                    .isInstanceOf(InvalidDurationException.class)
                    .hasMessage("block '" + bare + "' is not a duration: a number needs a unit "
                            + "(use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)");
        }
    }

    @Test
    void theProblemAloneLeavesTheNamingToTheCaller() {
        assertThatThrownBy(() -> Durations.parse("duration", "10 parsecs"))
                .isInstanceOfSatisfying(InvalidDurationException.class, e -> assertThat(e.problem())
                        .isEqualTo("is not a duration (use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)"));
    }

    @Test
    void writesDurationsAsTheyAreRead() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofSeconds(3))).isEqualTo("3s");
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofDays(2).plusNanos(1_001))).isEqualTo("2d1us1ns");
        for (Duration d : new Duration[] {Duration.ofMillis(1500), Duration.ofHours(49).plusMillis(7), Duration.ofNanos(3)}) {
            assertThat(Durations.parse("d", Durations.format(d))).isEqualTo(d);
        }
        assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }
}
