package dev.stowage.store;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link ExpiryListener}s of one namespace, for backends that implement
 * {@link NamespacedStore#onExpired}: registration with a handle that removes it, and delivery that
 * logs a listener's failure instead of passing it to the store's caller. Thread-safe.
 */
public final class ExpiryListeners {

    private final List<ExpiryListener> listeners = new CopyOnWriteArrayList<>();

    /** Creates an empty list. */
    public ExpiryListeners() {
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener, not {@code null}
     * @return what removes it again; running it twice is a no-op
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    public Runnable add(ExpiryListener listener) {
        Objects.requireNonNull(listener, "listener");
        ExpiryListener registered = listener::expired;
        listeners.add(registered);
        return () -> listeners.remove(registered);
    }

    /**
     * Tells whether any listener is registered, so that a backend can skip keeping what it would tell.
     *
     * @return {@code true} when there is at least one
     */
    public boolean any() {
        return !listeners.isEmpty();
    }

    /**
     * Tells every listener of one expired entry; a listener that throws is logged at WARNING.
     *
     * @param key the entry's key, not {@code null}
     * @param value what it held, or {@code null} when the backend no longer has it
     */
    public void expired(Object key, Object value) {
        for (ExpiryListener listener : listeners) {
            try {
                listener.expired(key, value);
            } catch (RuntimeException e) {
                System.getLogger(ExpiryListeners.class.getName())
                        .log(System.Logger.Level.WARNING, "an expiry listener failed on key " + key, e);
            }
        }
    }
}
