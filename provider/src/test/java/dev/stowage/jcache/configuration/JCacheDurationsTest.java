package dev.stowage.jcache.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JCacheDurationsTest {

    @Test
    void convertsToSecondsOrMillisecondsRoundedUp() {
        assertThat(JCacheDurations.toJCache(Duration.ZERO)).isEqualTo(javax.cache.expiry.Duration.ZERO);
        assertThat(JCacheDurations.toJCache(Duration.ofMinutes(10))).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.SECONDS, 600));
        assertThat(JCacheDurations.toJCache(Duration.ofMillis(1500))).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 1500));
        assertThat(JCacheDurations.toJCache(Duration.ofNanos(250_000))).isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 1));
        assertThat(JCacheDurations.toJCache(Duration.ofMillis(2001).plusNanos(7)))
                .isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 2002));
    }
}
