package dev.stowage.redis.store;

import dev.stowage.redis.LuaScript;
import dev.stowage.redis.RedisClients;
import dev.stowage.redis.RedisConnectException;
import dev.stowage.redis.RedisFailures;
import dev.stowage.redis.RedisKeyScan;
import dev.stowage.redis.SharedRedisClient;
import dev.stowage.store.AsyncStore;
import dev.stowage.store.ChangeFeed;
import dev.stowage.store.ExpiryListener;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import dev.stowage.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.redisson.api.RBucket;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The Redis / Valkey store backend ({@code redis://}, {@code rediss://}, {@code valkey://}, {@code valkeys://})
 * on Redisson, after Litestar's {@code RedisStore}: thread- and process-safe, values stored raw (the bytes as
 * given, readable by other programs), expiry kept by Redis itself ({@link #deleteExpired()} returns 0).
 *
 * <p>Expiries are absolute: the store turns a time to live into an instant with its {@link Clock} and
 * writes it with {@code PXAT} / {@code PEXPIREAT} (Unix milliseconds, rounded up); reads report
 * {@code PEXPIRETIME}. Redis expires a key when its own clock reaches that instant, so the store's and
 * Redis's clocks must agree (NTP), as for any Redis client that uses absolute expiries. Needs Redis 7.0
 * or later, or Valkey 7.2 or later.
 *
 * <p>Cost per call, each one round trip: {@link #set} one {@code SET} (an {@code EVALSHA} of
 * {@code set-expiring-at.lua} with an expiry), {@link #get(String, Duration) get} one {@code GET} (an
 * {@code EVALSHA} of {@code get-and-renew.lua} when renewing), {@link #delete} one {@code UNLINK},
 * {@link #exists} one {@code EXISTS}, {@link #expiresIn} one {@code PEXPIRETIME}, {@link #read} one
 * {@code MULTI GET PEXPIRETIME EXEC}. {@link #compute} is optimistic: a {@link #read}, the function,
 * then {@code write-and-unlock.lua}, which writes only if the key still holds the value read and no
 * exclusive step holds the key's lock, retried on conflict (at most 1,000 attempts, with a random
 * back-off that grows to 10 ms; then a {@link StoreException}); no lock is taken, and under contention
 * the function runs more than once. {@link #computeExclusive} runs its function exactly once under a
 * per-key lock with a lease (two round trips; {@link RedisCompute#exclusive}): the JCache layer runs writers and entry processors
 * through it. {@link #keys()} and
 * {@link #deleteAll()} iterate {@code SCAN} from the client (on every master of a cluster) and delete
 * with {@code UNLINK} in batches ({@link RedisKeyScan}); no script ever scans. Scripts are
 * {@link LuaScript}s: one {@code EVALSHA} each on a client of {@link RedisClients}, one {@code EVAL} on
 * a client without the script cache. Key layout: {@link KeyLayout}; bulk operations: {@link RedisBulk}.
 *
 * <p>The optional operations of {@link NamespacedStore} are overridden with their one-round-trip forms
 * ({@link RedisDirect}): {@link #getAndExpireAt} one {@code GETEX}, {@link #getAll} one {@code MGET},
 * {@link #setKeepingExpiry} one {@code SET KEEPTTL} (or one script with an expiry for a new key),
 * {@link #getAllAndExpireAt} and {@link #setAllKeepingExpiry} those commands pipelined, and
 * {@link #getAndDeleteAll} one {@code MULTI}/{@code EXEC} of {@code GET} and {@code UNLINK} per key,
 * atomic as a whole. The object view and bounded namespaces are not offered.
 *
 * <p>A failing or unreachable server makes every call throw {@link StoreException} naming the address and
 * the cause ({@link RedisFailures}; never the password) within the timeout; a closed store {@link IllegalStateException}.
 */
public final class RedisStore implements NamespacedStore {

    /** The root namespace when none is given, after Litestar's {@code LITESTAR}. */
    public static final String DEFAULT_NAMESPACE = "STOWAGE";

    static final LuaScript GET_AND_RENEW = LuaScript.resource("get-and-renew.lua");
    static final LuaScript SET_EXPIRING_AT = LuaScript.resource("set-expiring-at.lua");
    static final LuaScript LOCK_AND_READ = LuaScript.resource("lock-and-read.lua");
    static final LuaScript WRITE_AND_UNLOCK = LuaScript.resource("write-and-unlock.lua");
    static final LuaScript SET_KEEPING_EXPIRY_OR_EXPIRING_AT =
            LuaScript.resource("set-keeping-expiry-or-expiring-at.lua");

    /** How long the lock of {@link #computeExclusive} is held at most unless the URI says otherwise. */
    public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(30);

    private final Shared shared;
    private final KeyLayout layout;
    private final boolean root;
    private final AtomicBoolean handleClosed = new AtomicBoolean();

    /**
     * What a root store shares with all its namespaces.
     *
     * @param client the client
     * @param clock the clock of absolute expiries
     * @param release what closing the root does to the client: shut it down, give up a hold, or nothing
     * @param address how messages name the server, without password
     * @param settings the URI for messages (nodes, timeout), or {@code null} when the client is the caller's
     * @param closed whether the root is closed
     * @param lockLease how long {@link #computeExclusive} holds a key's lock at most
     * @param channels the Pub/Sub channels of the namespaces' change feeds, closed with the root
     * @param expiries the keyspace notifications of expired keys, closed with the root
     * @param pipeline the pipeline of the asynchronous single-key commands ({@link RedisAsyncStore})
     */
    record Shared(RedissonClient client, Clock clock, Runnable release, String address, RedisStoreUri settings,
            AtomicBoolean closed, Duration lockLease, EventChannels channels, ExpiryNotifications expiries,
            CommandPipeline pipeline) {
    }

    /**
     * Creates a root store over a client the caller already has, on the system clock (Litestar
     * {@code RedisStore(redis, namespace, handle_client_shutdown)}).
     *
     * @param client the Redisson client, not {@code null}
     * @param namespace the root namespace ({@link #DEFAULT_NAMESPACE} is the usual one), or {@code null}
     *     to disable namespacing, which makes {@link #deleteAll()} and {@link #keys()} of the root
     *     refuse
     * @param handleClientShutdown whether {@link #close()} of the root shuts the client down
     * @throws NullPointerException if {@code client} is {@code null}
     * @throws IllegalArgumentException if {@code namespace} is empty
     */
    public RedisStore(RedissonClient client, String namespace, boolean handleClientShutdown) {
        this(client, namespace, handleClientShutdown, Clock.systemUTC(), "Redis client " + client);
    }

    /**
     * Creates a root store over a client the caller already has.
     *
     * @param client the Redisson client, not {@code null}
     * @param namespace the root namespace, or {@code null} to disable namespacing
     * @param handleClientShutdown whether {@link #close()} of the root shuts the client down
     * @param clock the clock that turns times to live into absolute expiries, not {@code null}
     * @param address how messages name the server: an address or URI without password, not {@code null}
     * @throws NullPointerException if an argument other than {@code namespace} is {@code null}
     * @throws IllegalArgumentException if {@code namespace} is empty
     */
    public RedisStore(RedissonClient client, String namespace, boolean handleClientShutdown, Clock clock,
            String address) {
        this(new Shared(Objects.requireNonNull(client, "client"), Objects.requireNonNull(clock, "clock"),
                handleClientShutdown ? client::shutdown : () -> { }, Objects.requireNonNull(address, "address"),
                null, new AtomicBoolean(), DEFAULT_LOCK_LEASE, new EventChannels(client, EventChannels.server(address)),
                new ExpiryNotifications(client, null), new CommandPipeline(client)), KeyLayout.root(namespace), true);
    }

    private RedisStore(SharedRedisClient shared, RedisStoreUri settings) {
        this(new Shared(shared.client(), Clock.systemUTC(), shared::close, settings.uri().masked(), settings,
                new AtomicBoolean(), settings.lockLease(), new EventChannels(shared.client(), settings.uri()),
                new ExpiryNotifications(shared.client(), settings.uri().database()), new CommandPipeline(shared.client())),
                KeyLayout.root(settings.namespace()), true);
    }

    private RedisStore(Shared shared, KeyLayout layout, boolean root) {
        this.shared = shared;
        this.layout = layout;
        this.root = root;
    }

    /**
     * Opens a store on the client that {@link RedisClients} shares between every store and channels
     * backend of this JVM with the same connection settings, given up when the store closes (Litestar
     * {@code RedisStore.with_client}). Everything comes from the URI; see {@link RedisStoreUri}.
     *
     * @param uri e.g. {@code redis://localhost:6379/0/APP?timeout=3s}, not {@code null}
     * @return the root store
     * @throws IllegalArgumentException if the URI is malformed (the message masks the password)
     * @throws StoreException if the server cannot be reached within the timeout
     */
    public static RedisStore withClient(String uri) {
        RedisStoreUri settings = RedisStoreUri.parse(uri);
        return open(settings);
    }

    /**
     * Opens a store on a shared client, as {@link #withClient(String)} does (Litestar
     * {@code RedisStore.with_client(url, db, username, password, namespace)}).
     *
     * @param url the server, e.g. {@code redis://localhost:6379} (see {@link RedisStoreUri}), not
     *     {@code null}; a {@code namespace} parameter in it is ignored in favour of {@code namespace}
     * @param db the database number, or {@code null} for the URL's (0 by default)
     * @param username the ACL user, or {@code null} for the URL's
     * @param password the password, or {@code null} for the URL's
     * @param namespace the root namespace, or {@code null} to disable namespacing
     * @return the root store
     * @throws IllegalArgumentException if the URL is malformed, {@code db} is negative or
     *     {@code namespace} is empty
     * @throws StoreException if the server cannot be reached within the timeout
     */
    public static RedisStore withClient(String url, Integer db, String username, String password, String namespace) {
        RedisStoreUri parsed = RedisStoreUri.parse(url);
        if (namespace != null && namespace.isEmpty()) {
            throw new IllegalArgumentException("namespace must not be empty; pass null to disable namespacing");
        }
        return open(new RedisStoreUri(parsed.uri().with(db, username, password), namespace));
    }

    /**
     * Opens a root store on the shared client of {@code settings}.
     *
     * @param settings the parsed URI, not {@code null}
     * @return the root store, which gives up its hold on the client when closed
     * @throws StoreException if the server cannot be reached within the timeout (the message is
     *     {@link RedisConnectException}'s)
     */
    static RedisStore open(RedisStoreUri settings) {
        SharedRedisClient shared;
        try {
            shared = RedisClients.acquire(settings.uri());
        } catch (RedisConnectException e) {
            throw new StoreException(e.getMessage(), e);
        }
        try {
            return new RedisStore(shared, settings);
        } catch (RuntimeException e) {
            shared.close();
            throw e;
        }
    }

    // ---- namespaces ----------------------------------------------------------------------------

    @Override
    public RedisStore withNamespace(String namespace) {
        KeyLayout child = layout.child(namespace);
        checkOpen();
        return new RedisStore(shared, child, false);
    }

    @Override
    public List<String> namespace() {
        return layout.names();
    }

    /**
     * Returns the clock this store turns times to live into absolute expiries with; Redis's own clock
     * must agree with it.
     *
     * @return the clock given at construction, shared by every namespace
     */
    @Override
    public Clock clock() {
        return shared.clock();
    }

    /**
     * Returns the Redis key that holds {@code key} of this namespace (see {@link KeyLayout}), for
     * programs that read the raw values.
     *
     * @param key the store key, not {@code null}
     * @return the Redis key
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public String redisKey(String key) {
        return layout.redisKey(Objects.requireNonNull(key, "key"));
    }

    /**
     * Returns the Redisson client this store talks through. Do not shut it down: a store opened by URI
     * shares it with other stores and channels backends ({@link RedisClients}).
     *
     * @return the client, shared by the root and every namespace
     */
    public RedissonClient client() {
        return shared.client();
    }

    // ---- Store ---------------------------------------------------------------------------------

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        checkOpen();
        String redisKey = layout.redisKey(key);
        if (expiresIn == null) {
            call(() -> {
                bucket(redisKey).set(value);
                return null;
            });
        } else if (expiresIn.isNegative() || expiresIn.isZero()) {
            call(() -> bucket(redisKey).unlink());
        } else {
            call(() -> SET_EXPIRING_AT.call(script(), RScript.ReturnType.INTEGER, List.of(redisKey), value,
                    RedisArgs.text(RedisArgs.pxat(StorageObject.plus(shared.clock().instant(), expiresIn)))));
        }
    }

    @Override
    public byte[] get(String key, Duration renewFor) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        String redisKey = layout.redisKey(key);
        if (renewFor == null) {
            return call(() -> bucket(redisKey).get());
        }
        byte[] expiresAt = RedisArgs.text(RedisArgs.pxat(StorageObject.plus(shared.clock().instant(), renewFor)));
        return call(() -> GET_AND_RENEW.call(script(), RScript.ReturnType.VALUE, List.of(redisKey), expiresAt));
    }

    @Override
    public void delete(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        String redisKey = layout.redisKey(key);
        call(() -> bucket(redisKey).unlink());
    }

    /**
     * Deletes every key of this namespace and of its children, and no other key: {@code SCAN} with the
     * namespace's pattern from the client, on every master, keeping only the keys whose shape is this
     * layout's ({@link KeyLayout#holds(String)}: other programs' keys next to Stowage's survive), and
     * {@code UNLINK} in batches. Keys written while it runs may survive.
     *
     * @throws UnsupportedOperationException if this is a root store with namespacing disabled
     * @throws StoreException if Redis fails
     */
    @Override
    public void deleteAll() {
        checkOpen();
        requireNamed("deleteAll");
        call(() -> RedisKeyScan.unlink(shared.client(), layout.treePattern(), layout::holds));
    }

    @Override
    public boolean exists(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        String redisKey = layout.redisKey(key);
        return call(() -> bucket(redisKey).isExists());
    }

    @Override
    public Optional<Duration> expiresIn(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        String redisKey = layout.redisKey(key);
        long expireTime = call(() -> bucket(redisKey).getExpireTime());
        if (expireTime <= 0) {
            return Optional.empty();
        }
        Instant now = shared.clock().instant();
        Instant expiresAt = Instant.ofEpochMilli(expireTime);
        return expiresAt.isAfter(now) ? Optional.of(Duration.between(now, expiresAt)) : Optional.empty();
    }

    // ---- optional operations of NamespacedStore: one command or one pipelined round trip each ----

    @Override
    public byte[] getAndExpireAt(String key, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        String redisKey = layout.redisKey(key);
        return call(() -> direct().getAndExpireAt(redisKey, expiresAt));
    }

    @Override
    public Map<String, byte[]> getAllAndExpireAt(List<String> keys, Instant expiresAt) {
        return RedisDirect.await(new RedisAsyncStore(this).getAllAndExpireAt(keys, expiresAt));
    }

    @Override
    public void setKeepingExpiry(String key, byte[] value, Instant expiresAtIfNew) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        checkOpen();
        String redisKey = layout.redisKey(key);
        byte[] pxat = expiresAtIfNew == null ? null : RedisArgs.text(RedisArgs.pxat(expiresAtIfNew));
        call(() -> {
            direct().setKeepingExpiry(redisKey, value, pxat);
            return null;
        });
    }

    @Override
    public Map<String, byte[]> getAll(List<String> keys) {
        return RedisDirect.await(new RedisAsyncStore(this).getAll(keys));
    }

    @Override
    public void setAllKeepingExpiry(Map<String, byte[]> entries, Instant expiresAtIfNew) {
        RedisDirect.await(new RedisAsyncStore(this).setAllKeepingExpiry(entries, expiresAtIfNew));
    }

    @Override
    public Map<String, byte[]> getAndDeleteAll(List<String> keys) {
        return RedisDirect.await(new RedisAsyncStore(this).getAndDeleteAll(keys));
    }

    private RedisDirect direct() {
        return new RedisDirect(shared.client());
    }

    // ---- NamespacedStore -----------------------------------------------------------------------

    @Override
    public StorageObject read(String key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        return live(readRaw(layout.redisKey(key)));
    }

    @Override
    public StorageObject compute(String key, UnaryOperator<StorageObject> remapping) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(remapping, "remapping");
        checkOpen();
        return new RedisCompute(this).optimistic(key, layout.redisKey(key), layout.lockKey(key), remapping);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Takes the key's lock ({@link KeyLayout#lockKey}, with the store's lock lease) and reads in one
     * script, runs {@code remapping} once, then writes if the key still holds what was read, sends the
     * change-feed messages {@code remapping} published to this namespace's feed, and gives the lock back,
     * in a second script: two round trips when the lock is free. See {@link RedisCompute#exclusive}.
     */
    @Override
    public StorageObject computeExclusive(String key, UnaryOperator<StorageObject> remapping) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(remapping, "remapping");
        checkOpen();
        return new RedisCompute(this).exclusive(key, layout.redisKey(key), layout.lockKey(key), shared.lockLease(),
                remapping);
    }

    /**
     * Returns the asynchronous form of this namespace's hot-path operations on Redisson's asynchronous
     * API ({@link RedisAsyncStore}): no thread parked per call, {@code executor} unused.
     */
    @Override
    public AsyncStore async(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return new RedisAsyncStore(this);
    }

    /**
     * Reports this namespace's keys that Redis expired, from keyspace notifications (the server needs
     * {@code notify-keyspace-events Ex}; standalone servers only), with no value: see
     * {@link ExpiryNotifications}. None for the root of a store without namespace.
     */
    @Override
    public Optional<Runnable> onExpired(ExpiryListener listener) {
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        return layout.unnamed() ? Optional.empty() : Optional.of(shared.expiries().add(layout.toString(), listener));
    }

    /**
     * Tells that other processes share this store's data: every client of the server.
     *
     * @return {@code true}
     */
    @Override
    public boolean shared() {
        return true;
    }

    /**
     * Opens this namespace's change feed on Redis Pub/Sub, with a listener registry in Redis
     * ({@link RedisChangeFeed}); none for the root of a store without namespace.
     */
    @Override
    public Optional<ChangeFeed> changeFeed() {
        checkOpen();
        return layout.unnamed() ? Optional.empty()
                : Optional.of(new RedisChangeFeed(this, shared.channels(), layout.toString()));
    }

    /** Changed keys by Redis' {@code CLIENT TRACKING ... BCAST} on every master ({@link RedisInvalidations}); none for the root. */
    @Override
    public Optional<dev.stowage.store.InvalidationSource> invalidations() {
        return RedisInvalidations.of(shared.client(), layout, shared.address());
    }

    /**
     * Lists the keys of this namespace (not its children's) by {@code SCAN MATCH} from the client.
     * Weakly consistent; a key is never listed twice.
     *
     * @return an iterator over the keys; {@link Iterator#remove()} is not supported
     * @throws UnsupportedOperationException if this is a root store with namespacing disabled, whose
     *     keys cannot be told from other programs'
     * @throws StoreException if Redis fails
     */
    @Override
    public Iterator<String> keys() {
        checkOpen();
        requireNamed("keys");
        Iterator<String> scan = call(() -> RedisKeyScan.keys(shared.client(), layout.ownPattern()));
        return new RedisKeyIterator(scan, layout, this::failure);
    }

    /**
     * Does nothing: Redis expires keys itself ({@code PXAT}), so there is never an expired entry to
     * remove (Litestar's {@code RedisStore} has no {@code delete_expired} either).
     *
     * @return 0
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public long deleteExpired() {
        checkOpen();
        return 0;
    }

    /**
     * Closes this handle. Closing the root closes every namespace and, for a store opened by URI
     * ({@link #withClient(String)}), gives up its hold on the shared client (the last holder shuts it
     * down), or with {@code handleClientShutdown} shuts the client down; data stays in Redis. Closing
     * a child handle leaves the parent open. Closing twice is a no-op.
     */
    @Override
    public void close() {
        if (handleClosed.compareAndSet(false, true) && root && shared.closed().compareAndSet(false, true)) {
            try {
                shared.expiries().close();
                shared.channels().close();
            } finally {
                shared.release().run();
            }
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    KeyLayout layout() {
        return layout;
    }

    /** Reads value and absolute expiry atomically ({@code MULTI GET PEXPIRETIME EXEC}), ignoring the clock. */
    StorageObject readRaw(String redisKey) {
        return call(() -> RedisBulk.readAtomically(shared.client(), redisKey));
    }

    /** Returns {@code raw} unless its expiry has passed by the store's clock. */
    StorageObject live(StorageObject raw) {
        return raw == null || raw.expired(shared.clock().instant()) ? null : raw;
    }

    CommandPipeline pipeline() {
        return shared.pipeline();
    }

    RBucket<byte[]> bucket(String redisKey) {
        return shared.client().getBucket(redisKey, ByteArrayCodec.INSTANCE);
    }

    RScript script() {
        return shared.client().getScript(ByteArrayCodec.INSTANCE);
    }

    /**
     * Runs one Redis call, turning Redisson's failures into {@link StoreException}s that name this
     * store's address and the cause ({@link RedisFailures}).
     */
    <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RedisException e) {
            throw failure(e);
        }
    }

    StoreException failure(RuntimeException e) {
        RedisStoreUri settings = shared.settings();
        return new StoreException("Redis store " + shared.address() + " (namespace " + layout + ") failed: "
                + RedisFailures.describe(e, settings == null ? null : settings.uri(), shared.address()), e);
    }

    void checkOpen() {
        if (handleClosed.get() || shared.closed().get()) {
            throw new IllegalStateException("Redis store " + shared.address() + " (namespace " + layout + ") is closed");
        }
    }

    private void requireNamed(String operation) {
        if (layout.unnamed()) {
            throw new UnsupportedOperationException(operation + " is not available on a Redis store without namespace ("
                    + shared.address() + "): it cannot tell its own keys from other programs' keys; "
                    + "give the store a namespace, or use a child namespace");
        }
    }

    @Override
    public String toString() {
        return "RedisStore[" + shared.address() + ", namespace " + layout + "]";
    }
}
