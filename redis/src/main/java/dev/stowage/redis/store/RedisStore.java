package dev.stowage.redis.store;

import dev.stowage.redis.LuaScript;
import dev.stowage.redis.RedisClients;
import dev.stowage.redis.RedisConnectException;
import dev.stowage.redis.RedisFailures;
import dev.stowage.redis.RedisKeyScan;
import dev.stowage.redis.SharedRedisClient;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import dev.stowage.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
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
 * then {@code compare-and-set.lua}, which writes only if the key still holds the value read, retried on
 * conflict (at most 1,000 attempts, with a random back-off that grows to 10 ms; then a
 * {@link StoreException}); no lock is ever held. Under contention on one key the function therefore
 * runs more than once, and so do a JCache writer or entry processor called from it. {@link #keys()} and
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
    static final LuaScript COMPARE_AND_SET = LuaScript.resource("compare-and-set.lua");
    static final LuaScript SET_KEEPING_EXPIRY_OR_EXPIRING_AT =
            LuaScript.resource("set-keeping-expiry-or-expiring-at.lua");

    private static final long MAX_PXAT = Long.MAX_VALUE / 2;
    /** How many lost check-and-set races {@code compute} takes before it gives up. */
    private static final int MAX_COMPUTE_ATTEMPTS = 1_000;
    /** The longest pause, in nanoseconds, between two attempts of a contended {@code compute}. */
    private static final long MAX_COMPUTE_BACKOFF_NANOS = 10_000_000L;

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
     */
    record Shared(RedissonClient client, Clock clock, Runnable release, String address, RedisStoreUri settings,
            AtomicBoolean closed) {
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
                null, new AtomicBoolean()), KeyLayout.root(namespace), true);
    }

    private RedisStore(SharedRedisClient shared, RedisStoreUri settings) {
        this(new Shared(shared.client(), Clock.systemUTC(), shared::close, settings.uri().masked(), settings,
                new AtomicBoolean()), KeyLayout.root(settings.namespace()), true);
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
                    text(pxat(StorageObject.plus(shared.clock().instant(), expiresIn)))));
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
        byte[] expiresAt = text(pxat(StorageObject.plus(shared.clock().instant(), renewFor)));
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
        checkOpen();
        Map<String, String> byRedisKey = redisKeys(keys);
        Map<String, byte[]> found = call(() -> direct().getAllAndExpireAt(List.copyOf(byRedisKey.keySet()), expiresAt));
        Map<String, byte[]> result = new LinkedHashMap<>();
        found.forEach((redisKey, value) -> result.put(byRedisKey.get(redisKey), value));
        return result;
    }

    @Override
    public void setKeepingExpiry(String key, byte[] value, Instant expiresAtIfNew) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        checkOpen();
        String redisKey = layout.redisKey(key);
        byte[] pxat = expiresAtIfNew == null ? null : text(pxat(expiresAtIfNew));
        call(() -> {
            direct().setKeepingExpiry(redisKey, value, pxat);
            return null;
        });
    }

    @Override
    public Map<String, byte[]> getAll(List<String> keys) {
        checkOpen();
        Map<String, String> byRedisKey = redisKeys(keys);
        Map<String, byte[]> found = call(() -> direct().getAll(List.copyOf(byRedisKey.keySet())));
        Map<String, byte[]> result = new LinkedHashMap<>();
        found.forEach((redisKey, value) -> result.put(byRedisKey.get(redisKey), value));
        return result;
    }

    @Override
    public void setAllKeepingExpiry(Map<String, byte[]> entries, Instant expiresAtIfNew) {
        Objects.requireNonNull(entries, "entries");
        checkOpen();
        byte[] pxat = expiresAtIfNew == null ? null : text(pxat(expiresAtIfNew));
        Map<String, byte[]> byRedisKey = new LinkedHashMap<>();
        entries.forEach((key, value) -> byRedisKey.put(layout.redisKey(Objects.requireNonNull(key, "key")),
                Objects.requireNonNull(value, "value")));
        call(() -> {
            direct().setAllKeepingExpiry(byRedisKey, pxat);
            return null;
        });
    }

    @Override
    public Map<String, byte[]> getAndDeleteAll(List<String> keys) {
        checkOpen();
        Map<String, String> byRedisKey = redisKeys(keys);
        Map<String, byte[]> deleted = call(() -> direct().getAndDeleteAll(List.copyOf(byRedisKey.keySet())));
        Map<String, byte[]> result = new LinkedHashMap<>();
        deleted.forEach((redisKey, value) -> result.put(byRedisKey.get(redisKey), value));
        return result;
    }

    private Map<String, String> redisKeys(List<String> keys) {
        Objects.requireNonNull(keys, "keys");
        Map<String, String> byRedisKey = new LinkedHashMap<>();
        for (String key : keys) {
            byRedisKey.put(layout.redisKey(Objects.requireNonNull(key, "key")), key);
        }
        return byRedisKey;
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
        String redisKey = layout.redisKey(key);
        for (int attempt = 0; attempt < MAX_COMPUTE_ATTEMPTS; attempt++) {
            StorageObject raw = readRaw(redisKey);
            StorageObject current = live(raw);
            StorageObject next = remapping.apply(current);
            if (next == current) {
                return current;
            }
            boolean expired = next == null || next.expired(shared.clock().instant());
            Object[] args = new Object[] {
                    text(raw == null ? "0" : "1"), raw == null ? new byte[0] : raw.data(),
                    text(expired ? "delete" : "set"), expired ? new byte[0] : next.data(),
                    expired || next.expiresAt() == null ? new byte[0] : text(pxat(next.expiresAt()))};
            Long written = call(() -> COMPARE_AND_SET.call(script(), RScript.ReturnType.INTEGER, List.of(redisKey), args));
            if (written != null && written == 1L) {
                return expired ? null : next;
            }
            backOff(attempt);
        }
        throw new StoreException("compute on key '" + key + "' of " + this + " lost " + MAX_COMPUTE_ATTEMPTS
                + " races in a row against other writers of that key; the entry is unchanged");
    }

    /**
     * Waits before the next attempt of a {@code compute} that lost a race: a spin for the first few
     * attempts, then a random pause that doubles up to {@link #MAX_COMPUTE_BACKOFF_NANOS}, so that
     * contending writers (and the cache writers and entry processors their remapping runs) do not
     * run in lock step.
     */
    private static void backOff(int attempt) {
        if (attempt < 3) {
            Thread.onSpinWait();
            return;
        }
        long ceiling = Math.min(MAX_COMPUTE_BACKOFF_NANOS, 10_000L << Math.min(attempt, 20));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
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
            shared.release().run();
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    Shared shared() {
        return shared;
    }

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

    RBucket<byte[]> bucket(String redisKey) {
        return shared.client().getBucket(redisKey, ByteArrayCodec.INSTANCE);
    }

    RScript script() {
        return shared.client().getScript(ByteArrayCodec.INSTANCE);
    }

    /**
     * Converts an absolute expiry to the Unix milliseconds of {@code PXAT}, rounded up so that an entry
     * never expires before its instant, and clamped to Redis's range.
     *
     * @param expiresAt the instant, not {@code null}
     * @return milliseconds in 1..{@code Long.MAX_VALUE / 2}
     */
    static long pxat(Instant expiresAt) {
        if (expiresAt.getEpochSecond() <= 0) {
            return 1;
        }
        if (expiresAt.getEpochSecond() >= MAX_PXAT / 1000) {
            return MAX_PXAT;
        }
        long millis = expiresAt.toEpochMilli();
        return expiresAt.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    static byte[] text(long number) {
        return text(Long.toString(number));
    }

    static byte[] text(String ascii) {
        return ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
