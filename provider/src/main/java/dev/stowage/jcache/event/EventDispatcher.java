package dev.stowage.jcache.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;

/**
 * Delivers a cache's entry events to its listeners (JSR-107 section 8): synchronous listeners on the
 * caller's thread before the operation returns, their failures rethrown as
 * {@link CacheEntryListenerException}; asynchronous listeners on the executor, in order per key
 * (events for one key go through one of a fixed set of serial lanes). Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EventDispatcher<K, V> {

    private static final int LANES = 16;

    private final Cache<K, V> source;
    private final Executor executor;
    private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
    private final CompletableFuture<?>[] lanes = new CompletableFuture<?>[LANES];

    /**
     * Creates a dispatcher with no listeners.
     *
     * @param source the cache events come from, not {@code null}
     * @param executor runs asynchronous listeners, not {@code null}
     */
    public EventDispatcher(Cache<K, V> source, Executor executor) {
        this.source = source;
        this.executor = executor;
        for (int i = 0; i < LANES; i++) {
            lanes[i] = CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Registers a listener (JSR-107 {@code Cache.registerCacheEntryListener}).
     *
     * @param configuration the listener configuration, not {@code null}
     * @throws IllegalArgumentException if an equal configuration is registered already
     */
    public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.configuration().equals(configuration)) {
                throw new IllegalArgumentException("cache entry listener configuration " + configuration
                        + " is registered already");
            }
        }
        registrations.add(new ListenerRegistration<>(configuration));
    }

    /**
     * Removes a listener; a no-op when it is not registered.
     *
     * @param configuration the configuration it was registered with, not {@code null}
     * @return {@code true} when one was removed
     */
    public synchronized boolean deregister(CacheEntryListenerConfiguration<K, V> configuration) {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.configuration().equals(configuration)) {
                registrations.remove(registration);
                registration.close();
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether any listener wants events of {@code type}, so that callers can skip building them.
     *
     * @param type the event type
     * @return {@code true} when some registered listener listens to it
     */
    public boolean wants(EventType type) {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.listensTo(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether any listener is registered.
     *
     * @return {@code true} when there is at least one
     */
    public boolean hasListeners() {
        return !registrations.isEmpty();
    }

    /**
     * Makes an event of this cache.
     *
     * @param type the type
     * @param key the key
     * @param value the value (for removals, the removed one)
     * @param oldValue the previous value or {@code null}
     * @return the event
     */
    public StowageCacheEntryEvent<K, V> event(EventType type, K key, V value, V oldValue) {
        return new StowageCacheEntryEvent<>(source, type, key, value, oldValue);
    }

    /**
     * Delivers {@code events}; returns once every synchronous listener has seen them.
     *
     * @param events the events of one operation, in order; may be empty
     * @throws CacheEntryListenerException if a synchronous listener failed; the others still ran
     */
    public void dispatch(List<StowageCacheEntryEvent<K, V>> events) {
        if (events.isEmpty() || registrations.isEmpty()) {
            return;
        }
        CacheEntryListenerException failure = null;
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.synchronous()) {
                try {
                    registration.deliver(events);
                } catch (CacheEntryListenerException e) {
                    failure = failure == null ? e : failure;
                }
            } else {
                for (StowageCacheEntryEvent<K, V> event : events) {
                    enqueue(registration, event);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Delivers one event; see {@link #dispatch(List)}.
     *
     * @param event the event, or {@code null} for none
     */
    public void dispatch(StowageCacheEntryEvent<K, V> event) {
        if (event != null) {
            dispatch(List.of(event));
        }
    }

    private void enqueue(ListenerRegistration<K, V> registration, StowageCacheEntryEvent<K, V> event) {
        int lane = (event.getKey().hashCode() & Integer.MAX_VALUE) % LANES;
        synchronized (lanes) {
            lanes[lane] = lanes[lane].handle((ignored, error) -> null).thenRunAsync(() -> {
                try {
                    registration.deliver(List.of(event));
                } catch (CacheEntryListenerException e) {
                    System.getLogger(EventDispatcher.class.getName())
                            .log(System.Logger.Level.WARNING, "asynchronous cache entry listener failed", e);
                }
            }, executor);
        }
    }

    /**
     * Deregisters every listener, closing those that are {@link java.io.Closeable}.
     */
    public synchronized void close() {
        List<ListenerRegistration<K, V>> all = new ArrayList<>(registrations);
        registrations.clear();
        all.forEach(ListenerRegistration::close);
    }
}
