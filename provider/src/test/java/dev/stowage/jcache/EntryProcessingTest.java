package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.integration.CacheWriterException;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * JSR-107 section 7.4 through a cache on both kinds of storage: what a processor does becomes one
 * atomic change with the writer, the expiry policy and the events it calls for; a read-only
 * processor writes nothing; any failure surfaces as an {@link EntryProcessorException} and leaves
 * the entry as it was.
 */
class EntryProcessingTest extends ClockedCacheTest {

    private static final javax.cache.expiry.Duration ONE_MINUTE = new javax.cache.expiry.Duration(TimeUnit.MINUTES, 1);

    private final Recorders.Writer writer = new Recorders.Writer();
    private final Recorders.Listener listener = new Recorders.Listener();

    private Cache<String, String> cache(Backend backend, MutableConfiguration<String, String> configuration) {
        configuration.setCacheWriterFactory(instance(writer)).setWriteThrough(true)
                .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(instance(listener),
                        null, true, true));
        return manager(backend).createCache("processed", configuration);
    }

    private Cache<String, String> cache(Backend backend) {
        return cache(backend, strings().setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(ONE_MINUTE)));
    }

    private static final EntryProcessor<String, String, String> APPEND = (entry, arguments) -> {
        String before = entry.getValue();
        entry.setValue((before == null ? "" : before) + arguments[0]);
        return before;
    };

    @ParameterizedTest
    @EnumSource(Backend.class)
    void settingAMissingEntryCreatesItThroughTheWriter(Backend backend) {
        Cache<String, String> cache = cache(backend);
        assertThat(cache.invoke("k", APPEND, "a")).isNull();
        assertThat(cache.get("k")).isEqualTo("a");
        assertThat(writer.calls).containsExactly("write k=a");
        assertThat(listener.events).containsExactly("CREATED k a null");
        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.get("k")).as("created with the policy's creation expiry").isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void settingAPresentEntryUpdatesItWithItsOldValueAndRenewsAModifiedExpiry(Backend backend) {
        Cache<String, String> cache = cache(backend);
        cache.put("k", "a");
        clock.advance(Duration.ofSeconds(40));
        assertThat(cache.invoke("k", APPEND, "b")).isEqualTo("a");
        assertThat(writer.calls).containsExactly("write k=a", "write k=ab");
        assertThat(listener.events).containsExactly("CREATED k a null", "UPDATED k ab a");
        clock.advance(Duration.ofSeconds(40));
        assertThat(cache.get("k")).isEqualTo("ab");
        clock.advance(Duration.ofSeconds(20));
        assertThat(cache.get("k")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void removingDeletesThroughTheWriterAndTellsTheListeners(Backend backend) {
        Cache<String, String> cache = cache(backend);
        cache.put("k", "a");
        assertThat(cache.<Boolean>invoke("k", (entry, arguments) -> {
            entry.remove();
            return entry.exists();
        })).isFalse();
        assertThat(cache.containsKey("k")).isFalse();
        assertThat(writer.calls).containsExactly("write k=a", "delete k");
        assertThat(listener.events).containsExactly("CREATED k a null", "REMOVED k a a");
        cache.invoke("absent", (entry, arguments) -> {
            entry.remove();
            return null;
        });
        assertThat(writer.calls).as("a write-through cache passes the removal of a missing entry on")
                .containsExactly("write k=a", "delete k", "delete absent");
        assertThat(listener.events).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReadOnlyProcessorWritesNothingAndCountsAsAnAccess(Backend backend) {
        Cache<String, String> cache = cache(backend, strings().setExpiryPolicyFactory(
                AccessedExpiryPolicy.factoryOf(ONE_MINUTE)));
        cache.put("k", "a");
        writer.calls.clear();
        listener.events.clear();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(50));
            String read = cache.invoke("k", (entry, arguments) -> entry.getValue());
            assertThat(read).isEqualTo("a");
        }
        Boolean exists = cache.invoke("absent", (entry, arguments) -> entry.exists());
        assertThat(exists).isFalse();
        assertThat(cache.containsKey("absent")).isFalse();
        assertThat(writer.calls).isEmpty();
        assertThat(listener.events).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.containsKey("k")).as("each access renewed the entry").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void creatingThenRemovingInOneProcessorLeavesNoTrace(Backend backend) {
        Cache<String, String> cache = cache(backend);
        cache.invoke("k", (entry, arguments) -> {
            entry.setValue("temporary");
            entry.remove();
            return null;
        });
        assertThat(cache.containsKey("k")).isFalse();
        assertThat(writer.calls).isEmpty();
        assertThat(listener.events).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailingProcessorSurfacesWrappedAndLeavesTheEntryAsItWas(Backend backend) {
        Cache<String, String> cache = cache(backend);
        cache.put("k", "a");
        assertThatThrownBy(() -> cache.invoke("k", (entry, arguments) -> {
            entry.setValue("b");
            throw new IllegalArgumentException("processor bug");
        })).isInstanceOf(EntryProcessorException.class).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("processor bug");
        EntryProcessorException own = new EntryProcessorException("mine");
        assertThatThrownBy(() -> cache.invoke("k", (entry, arguments) -> {
            throw own;
        })).isSameAs(own);
        assertThat(cache.get("k")).isEqualTo("a");
        assertThat(writer.calls).containsExactly("write k=a");
        assertThat(listener.events).containsExactly("CREATED k a null");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailingWriterSurfacesWrappedAndLeavesTheEntryAsItWas(Backend backend) {
        Cache<String, String> cache = cache(backend);
        cache.put("k", "a");
        writer.failing = true;
        assertThatThrownBy(() -> cache.invoke("k", APPEND, "b")).isInstanceOf(EntryProcessorException.class)
                .hasCauseInstanceOf(CacheWriterException.class);
        assertThatThrownBy(() -> cache.invoke("new", APPEND, "b")).isInstanceOf(EntryProcessorException.class);
        writer.failing = false;
        assertThat(cache.get("k")).isEqualTo("a");
        assertThat(cache.containsKey("new")).isFalse();
        assertThat(listener.events).containsExactly("CREATED k a null");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void invokeAllGivesEachKeyItsResultOrItsFailure(Backend backend) {
        Cache<String, String> cache = cache(backend);
        cache.put("a", "1");
        EntryProcessor<String, String, String> failOnB = (entry, arguments) -> {
            if (entry.getKey().equals("b")) {
                throw new IllegalStateException("no b");
            }
            return APPEND.process(entry, arguments);
        };
        Map<String, EntryProcessorResult<String>> results =
                cache.invokeAll(new LinkedHashSet<>(List.of("a", "b", "c")), failOnB, "x");
        assertThat(results.get("a").get()).isEqualTo("1");
        assertThat(results).as("a null result is left out").doesNotContainKey("c");
        assertThatThrownBy(() -> results.get("b").get()).isInstanceOf(EntryProcessorException.class)
                .hasRootCauseMessage("no b");
        assertThat(cache.get("a")).isEqualTo("1x");
        assertThat(cache.get("c")).isEqualTo("x");
        assertThat(cache.containsKey("b")).isFalse();
    }
}
