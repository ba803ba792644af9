package dev.stowage.jcache.event;

import java.util.List;

/**
 * The places one event of one key holds in the lanes of the asynchronous listeners
 * ({@link EventDispatcher#reserve}): reserved inside the store's atomic step, so that the events of a
 * key reach each listener in the store's order of writes even when threads race on that key, and
 * filled or cancelled after the step. Used by the thread that runs the step.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EventTicket<K, V> {

    private final List<ListenerRegistration<K, V>> listeners;
    private final List<OrderedLane.Slot> slots;
    private boolean settled;

    EventTicket(List<ListenerRegistration<K, V>> listeners, List<OrderedLane.Slot> slots) {
        this.listeners = listeners;
        this.slots = slots;
    }

    /** Delivers {@code event} in this ticket's places; each listener filters it as usual. */
    void fill(StowageCacheEntryEvent<K, V> event) {
        if (settled) {
            return;
        }
        settled = true;
        List<StowageCacheEntryEvent<K, V>> batch = List.of(event);
        for (int i = 0; i < slots.size(); i++) {
            ListenerRegistration<K, V> listener = listeners.get(i);
            slots.get(i).fill(() -> listener.deliverQuietly(batch));
        }
    }

    /** Gives the places up (the step made no event, or failed); a no-op once settled. */
    void cancel() {
        if (settled) {
            return;
        }
        settled = true;
        slots.forEach(OrderedLane.Slot::cancel);
    }
}
