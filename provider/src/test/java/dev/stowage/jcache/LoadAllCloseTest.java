package dev.stowage.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CompletionListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@code loadAll} runs on the provider's executor; closing or destroying its cache must not leave it
 * calling a closed loader (the TCK's {@code CacheLoaderTest} reconnected a closed loader that way) nor
 * storing into a destroyed cache.
 */
class LoadAllCloseTest extends ClockedCacheTest {

    /** A closeable loader that records its calls and, while {@link #gate} is shut, blocks in {@code loadAll}. */
    static class GatedLoader implements CacheLoader<String, String>, Closeable {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public String load(String key) {
            calls.add("load " + key);
            return "loaded-" + key;
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            calls.add("loadAll");
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add("loadAll returns");
            Set<String> all = new java.util.TreeSet<>();
            keys.forEach(all::add);
            return all.stream().collect(Collectors.toMap(k -> k, k -> "loaded-" + k));
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    /** Remembers what the cache reports of one {@code loadAll}. */
    static final class Outcome implements CompletionListener {
        final AtomicReference<Object> result = new AtomicReference<>();

        @Override
        public void onCompletion() {
            result.set("completed");
        }

        @Override
        public void onException(Exception e) {
            result.set(e);
        }
    }

    private Cache<String, String> cache(StowageCacheManager manager, GatedLoader loader) {
        return manager.createCache("loading", strings().setCacheLoaderFactory(instance(loader)).setReadThrough(true));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLoadAllNotStartedWhenTheCacheClosesNeverCallsTheLoaderAndTellsItsListener(Backend backend) {
        Queue<Runnable> queued = new ArrayDeque<>();
        StowageCacheManager manager = manager(backend.open(clock, directory), queued::add);
        GatedLoader loader = new GatedLoader();
        Cache<String, String> cache = cache(manager, loader);
        Outcome outcome = new Outcome();
        cache.loadAll(Set.of("a", "b"), false, outcome);
        cache.close();
        assertThat(queued).hasSize(1);
        queued.poll().run();
        assertThat(loader.calls).containsExactly("close");
        assertThat(outcome.result.get()).isInstanceOf(CacheException.class)
                .asString().contains("'loading'", "closed before its loadAll ran");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCompletionListenerOrALoaderMayCloseTheCacheWithoutWaitingForItself(Backend backend) throws Exception {
        StowageCacheManager manager = manager(backend.open(clock, directory),
                task -> new Thread(task, "load-all-close-test").start());
        GatedLoader loader = new GatedLoader();
        loader.gate.countDown();
        Cache<String, String> cache = cache(manager, loader);
        CountDownLatch closed = new CountDownLatch(1);
        cache.loadAll(Set.of("a"), false, new CompletionListener() {
            @Override
            public void onCompletion() {
                cache.close();
                closed.countDown();
            }

            @Override
            public void onException(Exception e) {
                closed.countDown();
            }
        });
        assertThat(closed.await(10, TimeUnit.SECONDS)).as("the listener's close returned").isTrue();
        assertThat(cache.isClosed()).isTrue();

        GatedLoader closing = new GatedLoader() {
            @Override
            public Map<String, String> loadAll(Iterable<? extends String> keys) {
                manager.getCache("self-closing", String.class, String.class).close();
                return super.loadAll(keys);
            }
        };
        closing.gate.countDown();
        Cache<String, String> selfClosing = manager.createCache("self-closing",
                strings().setCacheLoaderFactory(instance(closing)).setReadThrough(true));
        Outcome outcome = new Outcome();
        selfClosing.loadAll(Set.of("b"), false, outcome);
        for (int i = 0; i < 1000 && outcome.result.get() == null; i++) {
            Thread.sleep(10);
        }
        assertThat(outcome.result.get()).as("the loadAll whose loader closed its cache ended").isNotNull();
        // the close does not wait for the call it is made from; the loader goes on after it
        assertThat(closing.calls).containsExactly("close", "loadAll", "loadAll returns");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void destroyingTheCacheWaitsForARunningLoadAllThenClosesTheLoaderAndLeavesNothingStored(Backend backend)
            throws Exception {
        StowageCacheManager manager = manager(backend.open(clock, directory),
                task -> new Thread(task, "load-all-close-test").start());
        GatedLoader loader = new GatedLoader();
        Cache<String, String> cache = cache(manager, loader);
        cache.loadAll(Set.of("a", "b"), false, null);
        assertThat(loader.entered.await(10, TimeUnit.SECONDS)).isTrue();

        Thread destroying = new Thread(() -> manager.destroyCache("loading"), "destroying");
        destroying.start();
        destroying.join(300);
        assertThat(destroying.isAlive()).as("destroyCache returned while loadAll was in the loader").isTrue();
        assertThat(loader.calls).doesNotContain("close");

        loader.gate.countDown();
        destroying.join(10_000);
        assertThat(destroying.isAlive()).isFalse();
        assertThat(loader.calls).containsExactly("loadAll", "loadAll returns", "close");

        Cache<String, String> again = manager.createCache("loading", strings());
        assertThat(again.iterator().hasNext()).as("an entry loaded before the destroy survived it").isFalse();
    }
}
