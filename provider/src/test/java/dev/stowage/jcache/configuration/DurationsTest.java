package dev.stowage.jcache.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsUnitsCombinationsAndIso8601() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse(" 1h 30m ")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.parse("7ns")).isEqualTo(Duration.ofNanos(7));
        assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("p1dt2h")).isEqualTo(Duration.ofHours(26));
    }

    @Test
    void refusesWhatIsNotADuration() {
        for (String bad : new String[] {"10 parsecs", "10", "", "m", "-5s", "10M", "1.5h", "PT-5M", "P5X"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageMatching("is (not a duration \\(use e\\.g\\. 10m, 30s, 500ms, 1h30m, PT5M\\)|negative)");
        }
        assertThatThrownBy(() -> Durations.parse("9999999999999999999d")).hasMessage("is too long a duration");
    }

    @Test
    void convertsToSecondsOrMillisecondsRoundedUp() {
        assertThat(Durations.toJCache(Duration.ZERO)).isEqualTo(javax.cache.expiry.Duration.ZERO);
        assertThat(Durations.toJCache(Duration.ofMinutes(10))).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.SECONDS, 600));
        assertThat(Durations.toJCache(Duration.ofMillis(1500))).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 1500));
        assertThat(Durations.toJCache(Duration.ofNanos(250_000))).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 1));
        assertThat(Durations.toJCache(Duration.ofMillis(2001).plusNanos(7)))
                .isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 2002));
    }
}
