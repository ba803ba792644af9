package dev.stowage.jcache.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.StowageCachingProvider;
import java.io.Closeable;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JSR-107 section 8 as {@link EventDispatcher} delivers it: synchronous listeners on the caller's
 * thread, asynchronous ones on the executor in order per key, filters, old values, failures.
 */
class EventDispatcherTest {

    private final StowageCachingProvider provider = new StowageCachingProvider();
    private final Cache<String, String> source = provider.getCacheManager(URI.create("memory:/events"), null)
            .createCache("events", new MutableConfiguration<String, String>().setTypes(String.class, String.class));

    @AfterEach
    void close() {
        provider.close();
    }

    /** Runs nothing until the test says so. */
    private static final class ManualExecutor implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (true) {
                Runnable task;
                synchronized (this) {
                    task = tasks.poll();
                }
                if (task == null) {
                    return;
                }
                task.run();
            }
        }
    }

    /** Records "TYPE key value old [thread]" for created, updated and removed events; may fail. */
    private static class Recording implements CacheEntryCreatedListener<String, String>,
            CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>, Closeable {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;
        volatile boolean closed;

        private void record(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            if (failure != null) {
                throw failure;
            }
            for (CacheEntryEvent<? extends String, ? extends String> event : batch) {
                events.add(event.getEventType() + " " + event.getKey() + " " + event.getValue() + " "
                        + (event.isOldValueAvailable() ? event.getOldValue() : "-"));
                threads.add(Thread.currentThread());
            }
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static <T> Factory<T> instance(T instance) {
        return () -> instance;
    }

    private static CacheEntryListenerConfiguration<String, String> listening(CacheEntryListener<String, String> listener,
            CacheEntryEventFilter<String, String> filter, boolean synchronous) {
        return new MutableCacheEntryListenerConfiguration<>(instance(listener), filter == null ? null : instance(filter),
                true, synchronous);
    }

    private EventDispatcher<String, String> dispatcher(Executor executor) {
        return new EventDispatcher<>(source, executor);
    }

    @Test
    void synchronousListenersHearEventsOnTheCallersThreadBeforeDispatchReturns() {
        EventDispatcher<String, String> events = dispatcher(task -> {
            throw new AssertionError("a synchronous listener must not need the executor");
        });
        Recording listener = new Recording();
        events.register(listening(listener, null, true));
        events.dispatch(events.event(EventType.CREATED, "k", "v", null));
        assertThat(listener.events).containsExactly("CREATED k v -");
        assertThat(listener.threads).containsExactly(Thread.currentThread());
    }

    @Test
    void asynchronousListenersHearEventsOnTheExecutorAfterDispatchReturns() {
        ManualExecutor executor = new ManualExecutor();
        EventDispatcher<String, String> events = dispatcher(executor);
        Recording listener = new Recording();
        events.register(listening(listener, null, false));
        events.dispatch(List.of(events.event(EventType.CREATED, "k", "v", null),
                events.event(EventType.UPDATED, "k", "w", "v")));
        assertThat(listener.events).isEmpty();
        executor.runAll();
        assertThat(listener.events).containsExactly("CREATED k v -", "UPDATED k w v");
    }

    @Test
    void oneOperationsEventsReachASynchronousListenerInOrderGroupedByType() {
        EventDispatcher<String, String> events = dispatcher(Runnable::run);
        Recording listener = new Recording();
        events.register(listening(listener, null, true));
        events.dispatch(List.of(events.event(EventType.CREATED, "a", "1", null),
                events.event(EventType.CREATED, "b", "2", null),
                events.event(EventType.UPDATED, "a", "3", "1"),
                events.event(EventType.REMOVED, "b", "2", "2")));
        assertThat(listener.events).containsExactly("CREATED a 1 -", "CREATED b 2 -", "UPDATED a 3 1", "REMOVED b 2 2");
    }

    @Test
    void filtersChooseTheEventsEachListenerHears() {
        ManualExecutor executor = new ManualExecutor();
        EventDispatcher<String, String> events = dispatcher(executor);
        Recording startsWithA = new Recording();
        Recording all = new Recording();
        Recording asyncStartsWithA = new Recording();
        CacheEntryEventFilter<String, String> filter = event -> event.getKey().startsWith("a");
        events.register(listening(startsWithA, filter, true));
        events.register(listening(all, null, true));
        events.register(listening(asyncStartsWithA, filter, false));
        events.dispatch(List.of(events.event(EventType.CREATED, "apple", "1", null),
                events.event(EventType.CREATED, "banana", "2", null)));
        executor.runAll();
        assertThat(startsWithA.events).containsExactly("CREATED apple 1 -");
        assertThat(asyncStartsWithA.events).containsExactly("CREATED apple 1 -");
        assertThat(all.events).containsExactly("CREATED apple 1 -", "CREATED banana 2 -");
    }

    @Test
    void eventsCarryTheOldValueOfAnUpdateAndTheRemovedValueOfARemoval() {
        EventDispatcher<String, String> events = dispatcher(Runnable::run);
        StowageCacheEntryEvent<String, String> created = events.event(EventType.CREATED, "k", "v", null);
        StowageCacheEntryEvent<String, String> updated = events.event(EventType.UPDATED, "k", "w", "v");
        StowageCacheEntryEvent<String, String> removed = events.event(EventType.REMOVED, "k", "w", "w");
        assertThat(created.isOldValueAvailable()).isFalse();
        assertThat(created.getOldValue()).isNull();
        assertThat(updated.isOldValueAvailable()).isTrue();
        assertThat(updated.getOldValue()).isEqualTo("v");
        assertThat(updated.getValue()).isEqualTo("w");
        assertThat(removed.getValue()).isEqualTo("w");
        assertThat(removed.getOldValue()).isEqualTo("w");
        assertThat((Object) updated.getSource()).isSameAs(source);
        assertThat((Object) updated.unwrap(StowageCacheEntryEvent.class)).isSameAs(updated);
        assertThatThrownBy(() -> updated.unwrap(String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingSynchronousListenerIsRethrownWrappedAfterTheOthersHeardTheEvent() {
        ManualExecutor executor = new ManualExecutor();
        EventDispatcher<String, String> events = dispatcher(executor);
        Recording failing = new Recording();
        failing.failure = new IllegalStateException("listener down");
        Recording other = new Recording();
        Recording failingAsync = new Recording();
        failingAsync.failure = new IllegalStateException("async listener down");
        Recording otherAsync = new Recording();
        events.register(listening(failing, null, true));
        events.register(listening(other, null, true));
        events.register(listening(failingAsync, null, false));
        events.register(listening(otherAsync, null, false));
        assertThatThrownBy(() -> events.dispatch(events.event(EventType.CREATED, "k", "v", null)))
                .isInstanceOf(CacheEntryListenerException.class)
                .hasRootCauseMessage("listener down");
        assertThat(other.events).containsExactly("CREATED k v -");
        executor.runAll();
        assertThat(otherAsync.events).as("an asynchronous failure is logged, never thrown at anyone")
                .containsExactly("CREATED k v -");
    }

    @Test
    void listenersAreAskedOnlyForTheirTypesAndCanBeDeregisteredAndClosed() {
        EventDispatcher<String, String> events = dispatcher(Runnable::run);
        assertThat(events.hasListeners()).isFalse();
        CacheEntryCreatedListener<String, String> createdOnly = batch -> { };
        CacheEntryListenerConfiguration<String, String> configuration = listening(createdOnly, null, true);
        events.register(configuration);
        assertThat(events.hasListeners()).isTrue();
        assertThat(events.wants(EventType.CREATED)).isTrue();
        assertThat(events.wants(EventType.UPDATED)).isFalse();
        assertThat(events.wants(EventType.REMOVED)).isFalse();
        assertThatThrownBy(() -> events.register(configuration)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is registered already");
        assertThat(events.deregister(configuration)).isTrue();
        assertThat(events.deregister(configuration)).isFalse();
        assertThat(events.hasListeners()).isFalse();
        Recording closeable = new Recording();
        events.register(listening(closeable, null, true));
        events.close();
        assertThat(closeable.closed).isTrue();
        assertThat(events.hasListeners()).isFalse();
    }

    @Test
    void asynchronousEventsOfOneKeyArriveInOrderWhileOtherKeysRunInParallel() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            EventDispatcher<String, String> events = dispatcher(pool);
            int perKey = 300;
            List<String> keys = List.of("a", "b", "c", "d", "e");
            CountDownLatch delivered = new CountDownLatch(perKey * keys.size());
            Recording listener = new Recording() {
                @Override
                public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
                    super.onUpdated(batch);
                    batch.forEach(event -> delivered.countDown());
                }
            };
            events.register(listening(listener, null, false));
            for (int i = 0; i < perKey; i++) {
                for (String key : keys) {
                    events.dispatch(events.event(EventType.UPDATED, key, Integer.toString(i), null));
                }
            }
            assertThat(delivered.await(30, TimeUnit.SECONDS)).isTrue();
            for (String key : keys) {
                List<String> values = new ArrayList<>();
                for (String event : listener.events) {
                    String[] parts = event.split(" ");
                    if (parts[1].equals(key)) {
                        values.add(parts[2]);
                    }
                }
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < perKey; i++) {
                    expected.add(Integer.toString(i));
                }
                assertThat(values).as("events of key %s", key).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
