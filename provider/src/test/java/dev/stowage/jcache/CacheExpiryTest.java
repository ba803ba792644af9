package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * JSR-107 section 6 through a cache, on both kinds of storage (objects, encoded bytes), with the
 * store's clock moved by the test: when entries expire under each policy, and what accesses and
 * updates do to their expiry.
 */
class CacheExpiryTest extends ClockedCacheTest {

    private static final javax.cache.expiry.Duration ONE_MINUTE = new javax.cache.expiry.Duration(TimeUnit.MINUTES, 1);

    private Cache<String, String> cache(Backend backend, ExpiryPolicy policy) {
        return manager(backend).createCache("expiry", strings().setExpiryPolicyFactory(instance(policy)));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCreatedEntryLivesForItsDurationWhateverHappensToIt(Backend backend) {
        Cache<String, String> cache = cache(backend, new CreatedExpiryPolicy(ONE_MINUTE));
        cache.put("k", "v");
        clock.advance(Duration.ofSeconds(40));
        assertThat(cache.get("k")).isEqualTo("v");
        cache.put("k", "w");
        clock.advance(Duration.ofSeconds(19));
        assertThat(cache.get("k")).isEqualTo("w");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("k")).isNull();
        assertThat(cache.containsKey("k")).isFalse();
        assertThat(cache.iterator().hasNext()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAccessRenewsAnAccessedEntryOnGetAndGetAll(Backend backend) {
        Cache<String, String> cache = cache(backend, new AccessedExpiryPolicy(ONE_MINUTE));
        cache.put("a", "1");
        cache.put("b", "2");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(50));
            assertThat(cache.get("a")).isEqualTo("1");
            assertThat(cache.getAll(Set.of("b"))).isEqualTo(Map.of("b", "2"));
        }
        cache.put("a", "updated");
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.containsKey("a")).as("containsKey is no access").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("a")).as("an update leaves an accessed entry's expiry alone").isNull();
        assertThat(cache.get("b")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anUpdateRenewsAModifiedEntryAndAnAccessDoesNot(Backend backend) {
        Cache<String, String> cache = cache(backend, new ModifiedExpiryPolicy(ONE_MINUTE));
        cache.put("k", "v");
        clock.advance(Duration.ofSeconds(50));
        assertThat(cache.get("k")).isEqualTo("v");
        cache.put("k", "w");
        clock.advance(Duration.ofSeconds(50));
        assertThat(cache.get("k")).isEqualTo("w");
        clock.advance(Duration.ofSeconds(10));
        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTouchedEntryIsRenewedByBoth(Backend backend) {
        Cache<String, String> cache = cache(backend, new TouchedExpiryPolicy(ONE_MINUTE));
        cache.put("k", "v");
        clock.advance(Duration.ofSeconds(50));
        cache.get("k");
        clock.advance(Duration.ofSeconds(50));
        cache.replace("k", "w");
        clock.advance(Duration.ofSeconds(50));
        assertThat(cache.get("k")).isEqualTo("w");
        clock.advance(Duration.ofSeconds(60));
        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aZeroCreationDurationStoresNothing(Backend backend) {
        Cache<String, String> cache = cache(backend, new CreatedExpiryPolicy(javax.cache.expiry.Duration.ZERO));
        Recorders.Listener listener = new Recorders.Listener();
        cache.registerCacheEntryListener(new javax.cache.configuration.MutableCacheEntryListenerConfiguration<>(
                instance(listener), null, true, true));
        cache.put("k", "v");
        assertThat(cache.containsKey("k")).isFalse();
        assertThat(cache.putIfAbsent("k", "v")).isTrue();
        assertThat(cache.containsKey("k")).isFalse();
        assertThat(listener.events).as("nothing was created").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aZeroAccessDurationExpiresTheEntryOnceRead(Backend backend) {
        Cache<String, String> cache = cache(backend, new Policy(ONE_MINUTE, javax.cache.expiry.Duration.ZERO, null));
        cache.put("k", "v");
        assertThat(cache.get("k")).isEqualTo("v");
        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void nullAnswersLeaveTheExpiryAndACreationWithoutOneIsEternal(Backend backend) {
        Cache<String, String> eternal = cache(backend, new Policy(null, null, null));
        eternal.put("k", "v");
        clock.advance(Duration.ofDays(3650));
        assertThat(eternal.get("k")).isEqualTo("v");

        Cache<String, String> cache = manager(backend).createCache("created-then-null",
                strings().setExpiryPolicyFactory(instance(new Policy(ONE_MINUTE, null, null))));
        cache.put("k", "v");
        clock.advance(Duration.ofSeconds(30));
        cache.get("k");
        cache.put("k", "w");
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.get("k")).as("neither the access nor the update changed the expiry").isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPolicyThatThrowsLeavesTheExpiryAsItIs(Backend backend) {
        Policy policy = new Policy(ONE_MINUTE, ONE_MINUTE, ONE_MINUTE);
        Cache<String, String> cache = cache(backend, policy);
        cache.put("k", "v");
        policy.failing = true;
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.get("k")).isEqualTo("v");
        cache.put("k", "w");
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.get("k")).as("the expiry set on creation still holds").isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPerEntryTimeToLiveOverridesThePolicy(Backend backend) {
        Cache<String, String> cache = cache(backend, new CreatedExpiryPolicy(ONE_MINUTE));
        @SuppressWarnings("unchecked")
        StowageCache<String, String> stowage = cache.unwrap(StowageCache.class);
        stowage.put("short", "v", Duration.ofSeconds(5));
        stowage.put("forever", "v", null);
        assertThat(stowage.expiresIn("short")).hasValue(Duration.ofSeconds(5));
        assertThat(stowage.expiresIn("forever")).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.get("short")).isNull();
        clock.advance(Duration.ofDays(1));
        assertThat(cache.get("forever")).isEqualTo("v");
    }

    /** An application's policy answering the given durations, or throwing while {@link #failing}. */
    private static final class Policy implements ExpiryPolicy {
        private final javax.cache.expiry.Duration creation;
        private final javax.cache.expiry.Duration access;
        private final javax.cache.expiry.Duration update;
        volatile boolean failing;

        Policy(javax.cache.expiry.Duration creation, javax.cache.expiry.Duration access,
                javax.cache.expiry.Duration update) {
            this.creation = creation;
            this.access = access;
            this.update = update;
        }

        private javax.cache.expiry.Duration answer(javax.cache.expiry.Duration duration) {
            if (failing) {
                throw new IllegalStateException("policy down");
            }
            return duration;
        }

        @Override
        public javax.cache.expiry.Duration getExpiryForCreation() {
            return answer(creation);
        }

        @Override
        public javax.cache.expiry.Duration getExpiryForAccess() {
            return answer(access);
        }

        @Override
        public javax.cache.expiry.Duration getExpiryForUpdate() {
            return answer(update);
        }
    }
}
