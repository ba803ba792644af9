package dev.stowage.jcache.event;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * A registered listener with its filter, made from a {@link CacheEntryListenerConfiguration}'s
 * factories (JSR-107 section 8.3); an asynchronous one has serial lanes of its own
 * ({@link OrderedLane}), so that it never waits for another listener. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ListenerRegistration<K, V> {

    private final CacheEntryListenerConfiguration<K, V> configuration;
    private final CacheEntryListener<? super K, ? super V> listener;
    private final CacheEntryEventFilter<? super K, ? super V> filter;
    /** The serial lanes of an asynchronous listener, by key hash; empty for a synchronous one. */
    private final OrderedLane[] lanes;
    private volatile boolean closed;

    ListenerRegistration(CacheEntryListenerConfiguration<K, V> configuration, Executor executor, int laneCount) {
        this.configuration = configuration;
        this.lanes = new OrderedLane[configuration.isSynchronous() ? 0 : laneCount];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new OrderedLane(executor);
        }
        this.listener = configuration.getCacheEntryListenerFactory().create();
        Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
                configuration.getCacheEntryEventFilterFactory();
        this.filter = filterFactory == null ? null : filterFactory.create();
    }

    CacheEntryListenerConfiguration<K, V> configuration() {
        return configuration;
    }

    boolean synchronous() {
        return configuration.isSynchronous();
    }

    boolean oldValueRequired() {
        return configuration.isOldValueRequired();
    }

    /** Returns the lane of an asynchronous listener that the events of {@code key} go through. */
    OrderedLane lane(Object key) {
        return lanes[(key.hashCode() & Integer.MAX_VALUE) % lanes.length];
    }

    /**
     * Delivers events to an asynchronous listener on its lane's thread: a failure is logged, never
     * thrown; nothing is delivered once the listener is deregistered.
     */
    void deliverQuietly(List<StowageCacheEntryEvent<K, V>> events) {
        if (closed) {
            return;
        }
        try {
            deliver(events);
        } catch (CacheEntryListenerException e) {
            System.getLogger(EventDispatcher.class.getName())
                    .log(System.Logger.Level.WARNING, "a cache entry listener failed on an event delivered off the caller's thread", e);
        }
    }

    boolean listensTo(EventType type) {
        return switch (type) {
            case CREATED -> listener instanceof CacheEntryCreatedListener;
            case UPDATED -> listener instanceof CacheEntryUpdatedListener;
            case REMOVED -> listener instanceof CacheEntryRemovedListener;
            case EXPIRED -> listener instanceof CacheEntryExpiredListener;
        };
    }

    /**
     * Delivers the events this listener wants, grouped by type in their order.
     *
     * @throws CacheEntryListenerException wrapping whatever the listener or filter threw
     */
    @SuppressWarnings("unchecked")
    void deliver(List<StowageCacheEntryEvent<K, V>> events) {
        List<CacheEntryEvent<? extends K, ? extends V>> batch = new ArrayList<>();
        EventType batchType = null;
        try {
            for (StowageCacheEntryEvent<K, V> event : events) {
                if (!listensTo(event.getEventType())
                        || (filter != null && !filter.evaluate((CacheEntryEvent<? extends K, ? extends V>) event))) {
                    continue;
                }
                if (batchType != null && batchType != event.getEventType()) {
                    call(batchType, batch);
                    batch = new ArrayList<>();
                }
                batchType = event.getEventType();
                batch.add(event);
            }
            if (batchType != null) {
                call(batchType, batch);
            }
        } catch (CacheEntryListenerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheEntryListenerException("cache entry listener " + listener + " failed", e);
        }
    }

    @SuppressWarnings("unchecked")
    private void call(EventType type, List<CacheEntryEvent<? extends K, ? extends V>> batch) {
        Iterable<CacheEntryEvent<? extends K, ? extends V>> events = batch;
        switch (type) {
            case CREATED -> ((CacheEntryCreatedListener<K, V>) listener).onCreated(events);
            case UPDATED -> ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(events);
            case REMOVED -> ((CacheEntryRemovedListener<K, V>) listener).onRemoved(events);
            case EXPIRED -> ((CacheEntryExpiredListener<K, V>) listener).onExpired(events);
            default -> throw new IllegalStateException("unknown event type " + type);
        }
    }

    /** Closes the listener and the filter where they are {@link Closeable}. */
    void close() {
        closed = true;
        closeQuietly(listener);
        closeQuietly(filter);
    }

    private static void closeQuietly(Object resource) {
        if (resource instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                System.getLogger(ListenerRegistration.class.getName())
                        .log(System.Logger.Level.WARNING, "closing " + resource + " failed", e);
            }
        }
    }
}
