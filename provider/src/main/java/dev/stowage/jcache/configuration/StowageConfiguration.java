package dev.stowage.jcache.configuration;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;

/**
 * A JSR-107 {@link MutableConfiguration} with Stowage's per-cache store settings: the cache's
 * namespace in the manager's store, a maximum size (memory store only) and the value codec
 * (byte-level stores only). Pass it to {@link javax.cache.CacheManager#createCache createCache}
 * like any {@code MutableConfiguration}; configuration files produce it for the caches they declare.
 * Other providers treat it as a plain {@code MutableConfiguration}.
 *
 * <p>Not thread-safe while being built, like {@code MutableConfiguration}; a cache keeps a copy.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class StowageConfiguration<K, V> extends MutableConfiguration<K, V> {

    /** The codec name that chooses by value type: {@code raw} for {@code String}/{@code byte[]}, else {@code java}. */
    public static final String AUTO_CODEC = "auto";

    private static final Set<String> CODEC_NAMES =
            java.util.Collections.unmodifiableSet(new TreeSet<>(Set.of(AUTO_CODEC, "java", "raw")));

    /** The maximum size that means "no bound of the cache's own". */
    public static final long UNBOUNDED = -1;

    private String namespace;
    private long maximumSize = UNBOUNDED;
    private String codec = AUTO_CODEC;
    private Events events = Events.AUTO;
    private NearCacheSettings nearCache;

    /**
     * Whose entry events a cache's listeners hear ({@link #setEvents}).
     */
    public enum Events {
        /** {@link #CLUSTER} on a store that has a change feed (Redis), else {@link #LOCAL}: the default. */
        AUTO,
        /** The events of this JVM's operations only. */
        LOCAL,
        /**
         * The events of every JVM using the cache on the same store, carried over the store's change
         * feed ({@link dev.stowage.store.NamespacedStore#changeFeed()}); a store without one is refused.
         */
        CLUSTER
    }

    /** Creates JSR-107's defaults (see {@link MutableConfiguration#MutableConfiguration()}) and Stowage's. */
    public StowageConfiguration() {
    }

    /**
     * Copies a configuration; Stowage's settings too when it is a {@code StowageConfiguration}.
     *
     * @param configuration the configuration to copy, not {@code null}
     * @throws NullPointerException if {@code configuration} is {@code null}
     */
    public StowageConfiguration(CompleteConfiguration<K, V> configuration) {
        super(Objects.requireNonNull(configuration, "configuration"));
        if (configuration instanceof StowageConfiguration<K, V> stowage) {
            this.namespace = stowage.namespace;
            this.maximumSize = stowage.maximumSize;
            this.codec = stowage.codec;
            this.events = stowage.events;
            this.nearCache = stowage.nearCache;
        }
    }

    /**
     * Returns the cache's child namespace in the manager's store.
     *
     * @return the namespace, or {@code null} for the cache's name (the default)
     */
    public String getNamespace() {
        return namespace;
    }

    /**
     * Sets the cache's child namespace in the manager's store (Litestar's {@code with_namespace});
     * two caches of one manager must not share one.
     *
     * @param namespace a non-empty name, or {@code null} for the cache's name
     * @return this configuration
     * @throws IllegalArgumentException if {@code namespace} is empty
     */
    public StowageConfiguration<K, V> setNamespace(String namespace) {
        if (namespace != null && namespace.isEmpty()) {
            throw new IllegalArgumentException("a cache's namespace must not be empty");
        }
        this.namespace = namespace;
        return this;
    }

    /**
     * Returns the most entries the cache keeps.
     *
     * @return the bound, or {@link #UNBOUNDED}
     */
    public long getMaximumSize() {
        return maximumSize;
    }

    /**
     * Bounds the number of entries of a cache on the memory store ({@code memory:}); beyond it
     * W-TinyLFU evicts entries, without eviction events (JSR-107 section 6 leaves eviction to the
     * implementation). A store-by-reference cache of a manager on another store keeps its entries
     * in this JVM's memory and honours the bound too; creating a store-by-value cache with a bound in
     * a manager on another store fails.
     *
     * @param maximumSize a non-negative count of entries, or {@link #UNBOUNDED}
     * @return this configuration
     * @throws IllegalArgumentException if {@code maximumSize} is below {@link #UNBOUNDED}
     */
    public StowageConfiguration<K, V> setMaximumSize(long maximumSize) {
        if (maximumSize < UNBOUNDED) {
            throw new IllegalArgumentException("maximumSize " + maximumSize + " is negative; use -1 for no bound");
        }
        this.maximumSize = maximumSize;
        return this;
    }

    /**
     * Returns the name of the codec that values go through on byte-level stores.
     *
     * @return {@value #AUTO_CODEC}, {@code raw} or {@code java}
     */
    public String getCodec() {
        return codec;
    }

    /**
     * Chooses the codec that values go through on byte-level stores (file, Redis): {@code raw}
     * (values of type {@code String} or {@code byte[]} as they are), {@code java} (JDK serialization
     * behind the deserialization filter), or {@value #AUTO_CODEC} (the default: {@code raw} for
     * those two value types, else {@code java}). The memory store holds objects and uses no codec.
     *
     * @param codec one of {@link #codecNames()}, case ignored; not {@code null}
     * @return this configuration
     * @throws NullPointerException if {@code codec} is {@code null}
     * @throws IllegalArgumentException if {@code codec} is unknown; the message names it
     */
    public StowageConfiguration<K, V> setCodec(String codec) {
        String name = Objects.requireNonNull(codec, "codec").strip().toLowerCase(Locale.ROOT);
        if (!codecNames().contains(name)) {
            throw new IllegalArgumentException("unknown codec '" + codec + "'; known codecs: " + String.join(", ", codecNames()));
        }
        this.codec = name;
        return this;
    }

    /**
     * Returns the codec names {@link #setCodec} accepts.
     *
     * @return {@value #AUTO_CODEC}, {@code java} and {@code raw}, sorted and unmodifiable
     */
    public static Set<String> codecNames() {
        return CODEC_NAMES;
    }

    /**
     * Returns whose entry events the cache's listeners hear.
     *
     * @return the choice, {@link Events#AUTO} by default
     */
    public Events getEvents() {
        return events;
    }

    /**
     * Chooses whose entry events the cache's listeners hear: {@code local} (this JVM's operations),
     * {@code cluster} (every JVM's, over the store's change feed: Redis Pub/Sub), or {@code auto} (the
     * default: {@code cluster} where the store has a change feed, else {@code local}). Configuration
     * files set it with {@code events: local | cluster | auto}.
     *
     * @param events the choice, not {@code null}
     * @return this configuration
     * @throws NullPointerException if {@code events} is {@code null}
     */
    public StowageConfiguration<K, V> setEvents(Events events) {
        this.events = Objects.requireNonNull(events, "events");
        return this;
    }

    /**
     * Returns the cache's near cache.
     *
     * @return the settings, {@link NearCacheSettings#OFF} when turned off, or {@code null} (the
     *     default) for the manager's default (its URI's {@code nearCache.*} parameters,
     *     else {@value NearCacheSettings#PROPERTY})
     */
    public NearCacheSettings getNearCache() {
        return nearCache;
    }

    /**
     * Gives the cache a near cache: an in-process tier of the entries this JVM read, in front of a
     * shared store that reports invalidations (Redis), dropped when any JVM changes them
     * ({@code docs/redis-store.md} "Near cache"). Creating the cache on a store without invalidations
     * (memory, file) fails. Configuration files set it with
     * {@code nearCache: { maximumSize: 10000, timeToLive: 5m }}.
     *
     * @param nearCache the settings, {@link NearCacheSettings#OFF} for none, or {@code null} for the
     *     manager's default
     * @return this configuration
     */
    public StowageConfiguration<K, V> setNearCache(NearCacheSettings nearCache) {
        this.nearCache = nearCache;
        return this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StowageConfiguration<?, ?> that && super.equals(other)
                && Objects.equals(namespace, that.namespace) && maximumSize == that.maximumSize
                && codec.equals(that.codec) && events == that.events
                && Objects.equals(nearCache, that.nearCache);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), namespace, maximumSize, codec, events, nearCache);
    }
}
