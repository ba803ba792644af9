package dev.stowage.store;

/**
 * A namespace's source of invalidations ({@link NamespacedStore#invalidations()}): it tells a
 * subscriber, in this process, of every key of the namespace that any process (this one included)
 * changed or removed, including entries the store expired or evicted, so that a copy held in this
 * process (a JCache near cache) can be dropped. It follows the contract of Redis' server-assisted
 * client-side caching ({@code CLIENT TRACKING ... BCAST PREFIX}).
 *
 * <p>What an implementation owes:
 * <ul>
 *   <li>a change made after {@link InvalidationListener#resumed()} was called is reported by a call of
 *       {@link InvalidationListener#invalidated(String)} (or of {@link InvalidationListener#lost()});
 *       it may also report keys that did not change;</li>
 *   <li>when it can no longer promise that (a lost connection, a restarted server, a flushed
 *       database), it calls {@link InvalidationListener#lost()} before any other call, and
 *       {@link InvalidationListener#resumed()} once invalidations flow again; changes made between the
 *       two are not reported.</li>
 * </ul>
 * Thread-safe.
 */
public interface InvalidationSource {

    /**
     * Starts reporting invalidations of this namespace's keys to {@code listener}, on a thread of the
     * source's. Reports start in the lost state: {@link InvalidationListener#resumed()} is called once
     * they flow (before this method returns when the store answers at once).
     *
     * @param listener gets the invalidations, not {@code null}; it must not throw or block
     * @return what stops the reports and frees what they hold (a connection); closing is idempotent
     * @throws NullPointerException if {@code listener} is {@code null}
     * @throws StoreException if the backend cannot start reporting (the message names the server)
     */
    AutoCloseable subscribe(InvalidationListener listener);
}
