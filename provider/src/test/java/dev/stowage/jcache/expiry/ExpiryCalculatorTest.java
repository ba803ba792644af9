package dev.stowage.jcache.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.store.MutableClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;

/** JSR-107 section 6: what each policy's answers turn into, as absolute expiries or "unchanged". */
class ExpiryCalculatorTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration FIVE_MINUTES = new Duration(TimeUnit.MINUTES, 5);
    private static final Instant IN_FIVE_MINUTES = NOW.plusSeconds(300);

    /** A policy of the application's answering the given durations (null = "leave it"). */
    private record Answers(Duration creation, Duration access, Duration update) implements ExpiryPolicy {
        @Override
        public Duration getExpiryForCreation() {
            return creation;
        }

        @Override
        public Duration getExpiryForAccess() {
            return access;
        }

        @Override
        public Duration getExpiryForUpdate() {
            return update;
        }
    }

    /** A policy whose every answer throws. */
    private static final class Throwing implements ExpiryPolicy {
        @Override
        public Duration getExpiryForCreation() {
            throw new IllegalStateException("creation");
        }

        @Override
        public Duration getExpiryForAccess() {
            throw new IllegalStateException("access");
        }

        @Override
        public Duration getExpiryForUpdate() {
            throw new IllegalStateException("update");
        }
    }

    /** A clock that must not be read. */
    private static final class Unreadable extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            throw new AssertionError("the clock was read");
        }
    }

    @Test
    void createdSetsTheExpiryOnCreationOnly() {
        ExpiryCalculator created = new ExpiryCalculator(new CreatedExpiryPolicy(FIVE_MINUTES));
        assertThat(created.onCreate(NOW)).isEqualTo(IN_FIVE_MINUTES);
        assertThat(created.onAccess(NOW)).isSameAs(ExpiryCalculator.UNCHANGED);
        assertThat(created.onUpdate(NOW)).isSameAs(ExpiryCalculator.UNCHANGED);
        assertThat(created.accessDuration()).isNull();
        assertThat(created.pure()).isTrue();
        assertThat(created.keepOnUpdate()).isTrue();
        assertThat(created.createdExpiry(new MutableClock(NOW))).isEqualTo(IN_FIVE_MINUTES);
    }

    @Test
    void accessedRenewsOnAccessButNotOnUpdate() {
        ExpiryCalculator accessed = new ExpiryCalculator(new AccessedExpiryPolicy(FIVE_MINUTES));
        assertThat(accessed.onCreate(NOW)).isEqualTo(IN_FIVE_MINUTES);
        assertThat(accessed.onAccess(NOW.plusSeconds(60))).isEqualTo(IN_FIVE_MINUTES.plusSeconds(60));
        assertThat(accessed.onUpdate(NOW)).isSameAs(ExpiryCalculator.UNCHANGED);
        assertThat(accessed.accessDuration()).isEqualTo(FIVE_MINUTES);
        assertThat(accessed.keepOnUpdate()).isTrue();
    }

    @Test
    void modifiedRenewsOnUpdateButNotOnAccess() {
        ExpiryCalculator modified = new ExpiryCalculator(new ModifiedExpiryPolicy(FIVE_MINUTES));
        assertThat(modified.onCreate(NOW)).isEqualTo(IN_FIVE_MINUTES);
        assertThat(modified.onAccess(NOW)).isSameAs(ExpiryCalculator.UNCHANGED);
        assertThat(modified.onUpdate(NOW.plusSeconds(60))).isEqualTo(IN_FIVE_MINUTES.plusSeconds(60));
        assertThat(modified.keepOnUpdate()).as("an update sets a new expiry, so a put must read").isFalse();
    }

    @Test
    void touchedRenewsOnEverything() {
        ExpiryCalculator touched = new ExpiryCalculator(new TouchedExpiryPolicy(FIVE_MINUTES));
        assertThat(touched.onCreate(NOW)).isEqualTo(IN_FIVE_MINUTES);
        assertThat(touched.onAccess(NOW)).isEqualTo(IN_FIVE_MINUTES);
        assertThat(touched.onUpdate(NOW)).isEqualTo(IN_FIVE_MINUTES);
        assertThat(touched.keepOnUpdate()).isFalse();
    }

    @Test
    void eternalNeverExpiresAndDoesNotReadTheClockForANewEntry() {
        ExpiryCalculator eternal = new ExpiryCalculator(new EternalExpiryPolicy());
        assertThat(eternal.onCreate(NOW)).isNull();
        assertThat(eternal.onAccess(NOW)).isSameAs(ExpiryCalculator.UNCHANGED);
        assertThat(eternal.onUpdate(NOW)).isSameAs(ExpiryCalculator.UNCHANGED);
        assertThat(eternal.keepOnUpdate()).isTrue();
        assertThat(eternal.createdExpiry(new Unreadable())).isNull();
        assertThat(ExpiryCalculator.isExpired(null, Instant.MAX)).isFalse();
    }

    @Test
    void zeroMeansExpiredAtOnce() {
        ExpiryCalculator zero = new ExpiryCalculator(new CreatedExpiryPolicy(Duration.ZERO));
        Instant expiresAt = zero.onCreate(NOW);
        assertThat(expiresAt).isEqualTo(NOW);
        assertThat(ExpiryCalculator.isExpired(expiresAt, NOW)).isTrue();
        assertThat(zero.keepOnUpdate()).as("a put must not create an entry that is expired already").isFalse();
        ExpiryCalculator zeroOnAccess = new ExpiryCalculator(new Answers(FIVE_MINUTES, Duration.ZERO, null));
        assertThat(ExpiryCalculator.isExpired(zeroOnAccess.onAccess(NOW), NOW)).isTrue();
    }

    @Test
    void nullAnswersLeaveTheExpiryAsItIsAndACreationWithoutOneIsEternal() {
        ExpiryCalculator nothing = new ExpiryCalculator(new Answers(null, null, null));
        assertThat(nothing.pure()).as("an application's policy is asked every time").isFalse();
        assertThat(nothing.keepOnUpdate()).isFalse();
        assertThat(nothing.onCreate(NOW)).isNull();
        assertThat(nothing.onAccess(NOW)).isSameAs(ExpiryCalculator.UNCHANGED);
        assertThat(nothing.onUpdate(NOW)).isSameAs(ExpiryCalculator.UNCHANGED);
        assertThat(ExpiryCalculator.resolve(nothing.onUpdate(NOW), IN_FIVE_MINUTES)).isEqualTo(IN_FIVE_MINUTES);
        assertThat(ExpiryCalculator.resolve(nothing.onUpdate(NOW), null)).isNull();
        assertThat(ExpiryCalculator.resolve(NOW, IN_FIVE_MINUTES)).isEqualTo(NOW);
    }

    @Test
    void aPolicyThatThrowsIsTreatedAsOneThatAnswersNull() {
        ExpiryCalculator throwing = new ExpiryCalculator(new Throwing());
        assertThat(throwing.onCreate(NOW)).isNull();
        assertThat(throwing.onAccess(NOW)).isSameAs(ExpiryCalculator.UNCHANGED);
        assertThat(throwing.onUpdate(NOW)).isSameAs(ExpiryCalculator.UNCHANGED);
        assertThat(throwing.accessDuration()).isNull();
    }

    @Test
    void anApplicationsPolicyWithTheAnswersOfAStandardOneIsStillAskedEveryTime() {
        ExpiryCalculator lookalike = new ExpiryCalculator(new Answers(FIVE_MINUTES, null, null));
        assertThat(lookalike.pure()).isFalse();
        assertThat(lookalike.keepOnUpdate()).as("its answers may change, so puts read first").isFalse();
        assertThat(lookalike.onCreate(NOW)).isEqualTo(IN_FIVE_MINUTES);
    }

    @Test
    void durationsKeepTheirUnitAndEternalIsNoExpiry() {
        assertThat(ExpiryCalculator.toInstant(NOW, new Duration(TimeUnit.MILLISECONDS, 1_500))).isEqualTo(NOW.plusMillis(1_500));
        assertThat(ExpiryCalculator.toInstant(NOW, Duration.ETERNAL)).isNull();
        assertThat(ExpiryCalculator.toInstant(NOW, new Duration(TimeUnit.DAYS, Long.MAX_VALUE)))
                .as("too long to count in nanoseconds: saturates, never overflows into the past")
                .isAfter(NOW.plusSeconds(100L * 365 * 24 * 3600));
    }
}
