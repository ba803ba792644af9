package dev.stowage.store;

/**
 * Hears an {@link InvalidationSource}: which keys changed, and when reports may have been missed.
 * Called on a thread of the source's, never concurrently for one subscription; implementations must
 * not throw or block.
 */
public interface InvalidationListener {

    /**
     * A key of the namespace was changed, removed, expired or evicted, by any process.
     *
     * @param key the key within the namespace (as {@link NamespacedStore} methods take it), not {@code null}
     */
    void invalidated(String key);

    /**
     * Invalidations may have been missed from now on (a lost connection, a flushed database): drop
     * every copy and serve none until {@link #resumed()}.
     */
    void lost();

    /** Invalidations flow again: every change from now on is reported. */
    void resumed();
}
