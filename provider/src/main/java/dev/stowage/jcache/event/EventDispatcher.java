package dev.stowage.jcache.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;

/**
 * Delivers a cache's entry events to its listeners (JSR-107 section 8): synchronous listeners on the
 * caller's thread before the operation returns, their failures rethrown as
 * {@link CacheEntryListenerException}; asynchronous listeners on the executor, each listener through
 * serial lanes of its own chosen by key hash ({@link OrderedLane}), so that one slow listener never
 * holds up another's events. Events of one key reach every listener in the store's order of writes:
 * a single-key operation {@link #reserve reserves} its event's place inside the store's atomic step
 * and {@link #dispatch(EventTicket, StowageCacheEntryEvent) fills} it after, so two threads racing on
 * a key cannot swap their events. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EventDispatcher<K, V> {

    private static final int LANES = 16;

    private final Cache<K, V> source;
    private final Executor executor;
    private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
    /** The asynchronous ones among {@link #registrations}, in the same order. */
    private final List<ListenerRegistration<K, V>> asynchronous = new CopyOnWriteArrayList<>();
    /** The cache's events across JVMs, or {@code null} when its events are local. */
    private volatile ClusterEvents<K, V> cluster;

    /**
     * Creates a dispatcher with no listeners.
     *
     * @param source the cache events come from, not {@code null}
     * @param executor runs asynchronous listeners, not {@code null}
     */
    public EventDispatcher(Cache<K, V> source, Executor executor) {
        this.source = source;
        this.executor = executor;
    }

    /**
     * Makes this cache's events cluster-wide ({@code events: cluster}): from now on its asynchronous
     * listeners hear every event, this JVM's included, from the change feed, in the feed's order,
     * and its synchronous listeners hear this JVM's events on the caller's thread and other JVMs' on
     * the feed's thread. Call once, before any listener is registered.
     *
     * @param events the cluster events, not {@code null}
     */
    public void attach(ClusterEvents<K, V> events) {
        events.bind(this);
        this.cluster = events;
    }

    /**
     * Returns the cache's events across JVMs.
     *
     * @return the cluster events, or {@code null} when the cache's events are local
     */
    public ClusterEvents<K, V> cluster() {
        return cluster;
    }

    /**
     * Registers a listener (JSR-107 {@code Cache.registerCacheEntryListener}).
     *
     * @param configuration the listener configuration, not {@code null}
     * @throws IllegalArgumentException if an equal configuration is registered already
     * @throws dev.stowage.store.StoreException if the cluster-wide events cannot start listening; the
     *     listener is then not registered
     */
    public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.configuration().equals(configuration)) {
                throw new IllegalArgumentException("cache entry listener configuration " + configuration
                        + " is registered already");
            }
        }
        ListenerRegistration<K, V> registration = new ListenerRegistration<>(configuration, executor, LANES);
        registrations.add(registration);
        if (!registration.synchronous()) {
            asynchronous.add(registration);
        }
        if (cluster != null) {
            try {
                cluster.listening(true);
            } catch (RuntimeException e) {
                registrations.remove(registration);
                asynchronous.remove(registration);
                registration.close();
                throw e;
            }
        }
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
                asynchronous.remove(registration);
                registration.close();
                if (cluster != null && registrations.isEmpty()) {
                    cluster.listening(false);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether any listener wants events of {@code type}, so that callers can skip building them;
     * with cluster-wide events, also whenever some JVM listens.
     *
     * @param type the event type
     * @return {@code true} when some registered listener listens to it
     */
    public boolean wants(EventType type) {
        return wantsHere(type) || publishing();
    }

    /**
     * Tells whether a listener registered here (in this JVM) wants events of {@code type}.
     *
     * @param type the event type
     * @return {@code true} when one does
     */
    public boolean wantsHere(EventType type) {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.listensTo(type)) {
                return true;
            }
        }
        return false;
    }

    /** Tells whether some JVM listens to this cache's change feed (any type: its filters are not known here). */
    private boolean publishing() {
        ClusterEvents<K, V> events = cluster;
        return events != null && events.publishing();
    }

    /**
     * Tells whether some registered listener asked for old values
     * ({@link CacheEntryListenerConfiguration#isOldValueRequired()}); the cache then runs its steps
     * through the store's exclusive compute, whose function runs exactly once.
     *
     * @return {@code true} when one did
     */
    public boolean oldValuesRequired() {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.oldValueRequired()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether any listener is registered here, or (cluster-wide events) in any JVM.
     *
     * @return {@code true} when there is at least one
     */
    public boolean hasListeners() {
        return !registrations.isEmpty() || publishing();
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
        boolean fromFeed = cluster != null;
        CacheEntryListenerException failure = null;
        for (ListenerRegistration<K, V> registration : registrations) {
            if (fromFeed && !registration.synchronous()) {
                continue;
            }
            if (registration.synchronous()) {
                try {
                    registration.deliver(events);
                } catch (CacheEntryListenerException e) {
                    failure = failure == null ? e : failure;
                }
            } else {
                for (StowageCacheEntryEvent<K, V> event : events) {
                    List<StowageCacheEntryEvent<K, V>> one = List.of(event);
                    registration.lane(event.getKey()).reserve().fill(() -> registration.deliverQuietly(one));
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

    /**
     * Reserves the place of the event that a single-key step is about to make, in the lane of
     * {@code key} of every asynchronous listener. Called inside the store's atomic step, so that the
     * places of one key are in the store's order of writes; the ticket must then be settled, by
     * {@link #dispatch(EventTicket, StowageCacheEntryEvent)} or {@link #cancel}, or the lanes stall.
     *
     * @param key the key, not {@code null}
     * @return the ticket, or {@code null} when no asynchronous listener is registered, or when they
     *     hear every event from the change feed (cluster-wide events)
     */
    public EventTicket<K, V> reserve(K key) {
        if (asynchronous.isEmpty() || cluster != null) {
            return null;
        }
        List<ListenerRegistration<K, V>> listeners = new ArrayList<>(asynchronous);
        List<OrderedLane.Slot> slots = new ArrayList<>(listeners.size());
        for (ListenerRegistration<K, V> listener : listeners) {
            slots.add(listener.lane(key).reserve());
        }
        return new EventTicket<>(listeners, slots);
    }

    /**
     * Gives up a reservation whose step made no event or failed.
     *
     * @param ticket the ticket, or {@code null} for none
     */
    public void cancel(EventTicket<K, V> ticket) {
        if (ticket != null) {
            ticket.cancel();
        }
    }

    /**
     * Delivers the event of one single-key step: to the synchronous listeners now, on this thread; to
     * the asynchronous ones in the places {@code ticket} reserved (or, without a ticket, in new places).
     *
     * @param ticket the places reserved in the step, or {@code null}
     * @param event the event, or {@code null} when the step made none (the ticket is then cancelled)
     * @throws CacheEntryListenerException if a synchronous listener failed; the others still ran
     */
    public void dispatch(EventTicket<K, V> ticket, StowageCacheEntryEvent<K, V> event) {
        if (ticket == null) {
            dispatch(event);
            return;
        }
        if (event == null) {
            ticket.cancel();
            return;
        }
        ticket.fill(event);
        CacheEntryListenerException failure = null;
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.synchronous()) {
                try {
                    registration.deliver(List.of(event));
                } catch (CacheEntryListenerException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Delivers an event to this JVM's listeners only, whether or not the cache's events are
     * cluster-wide: synchronous ones on this thread (their failures rethrown, after the others ran),
     * asynchronous ones through their lanes. For events every JVM hears by itself ({@code EXPIRED}).
     *
     * @param event the event, not {@code null}
     * @throws CacheEntryListenerException if a synchronous listener failed
     */
    public void dispatchHere(StowageCacheEntryEvent<K, V> event) {
        List<StowageCacheEntryEvent<K, V>> one = List.of(event);
        CacheEntryListenerException failure = null;
        for (ListenerRegistration<K, V> registration : registrations) {
            if (!registration.synchronous()) {
                registration.lane(event.getKey()).reserve().fill(() -> registration.deliverQuietly(one));
            } else {
                try {
                    registration.deliver(one);
                } catch (CacheEntryListenerException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Delivers an event heard on the change feed (cluster-wide events), on the feed's thread, in the
     * feed's order: to every asynchronous listener through its lanes, and to the synchronous ones
     * (their failures logged) unless this JVM made it, since they heard it on the caller's thread.
     *
     * @param event the event, not {@code null}
     * @param own whether this cache instance published it
     */
    void fromFeed(StowageCacheEntryEvent<K, V> event, boolean own) {
        List<StowageCacheEntryEvent<K, V>> one = List.of(event);
        for (ListenerRegistration<K, V> registration : registrations) {
            if (!registration.synchronous()) {
                registration.lane(event.getKey()).reserve().fill(() -> registration.deliverQuietly(one));
            } else if (!own) {
                registration.deliverQuietly(one);
            }
        }
    }

    /**
     * Deregisters every listener, closing those that are {@link java.io.Closeable}.
     */
    public synchronized void close() {
        List<ListenerRegistration<K, V>> all = new ArrayList<>(registrations);
        registrations.clear();
        asynchronous.clear();
        all.forEach(ListenerRegistration::close);
        if (cluster != null) {
            cluster.stopListening();
        }
    }
}
