package dev.stowage.jcache;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StorageObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A third party's store backend, as the JCache layer sees one: a class of its own (not a built-in
 * backend) that delegates to another store and counts every call, shared by all its namespaces. It
 * overrides the optional operations as a fast backend would, declares no object view and no
 * bounded namespaces unless asked to, and reports the wrapped store's clock. Thread-safe.
 */
final class CountingStore implements NamespacedStore {

    private final NamespacedStore inner;
    private final ConcurrentMap<String, AtomicInteger> calls;
    private final boolean bounds;

    private CountingStore(NamespacedStore inner, ConcurrentMap<String, AtomicInteger> calls, boolean bounds) {
        this.inner = inner;
        this.calls = calls;
        this.bounds = bounds;
    }

    /** Wraps a root store; {@code bounds} makes it offer bounded namespaces when {@code inner} does. */
    static CountingStore over(NamespacedStore inner, boolean bounds) {
        return new CountingStore(inner, new ConcurrentHashMap<>(), bounds);
    }

    private void count(String operation) {
        calls.computeIfAbsent(operation, ignored -> new AtomicInteger()).incrementAndGet();
    }

    /** The calls made since the last {@link #reset()}, by operation, sorted. */
    Map<String, Integer> calls() {
        Map<String, Integer> snapshot = new TreeMap<>();
        calls.forEach((operation, count) -> snapshot.put(operation, count.get()));
        return snapshot;
    }

    void reset() {
        calls.clear();
    }

    // ---- required operations

    @Override
    public NamespacedStore withNamespace(String namespace) {
        count("withNamespace");
        return new CountingStore(inner.withNamespace(namespace), calls, bounds);
    }

    @Override
    public List<String> namespace() {
        return inner.namespace();
    }

    @Override
    public StorageObject compute(String key, UnaryOperator<StorageObject> remapping) {
        count("compute");
        return inner.compute(key, remapping);
    }

    @Override
    public StorageObject read(String key) {
        count("read");
        return inner.read(key);
    }

    @Override
    public Iterator<String> keys() {
        count("keys");
        return inner.keys();
    }

    @Override
    public long deleteExpired() {
        count("deleteExpired");
        return inner.deleteExpired();
    }

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        count("set");
        inner.set(key, value, expiresIn);
    }

    @Override
    public byte[] get(String key, Duration renewFor) {
        count("get");
        return inner.get(key, renewFor);
    }

    @Override
    public void delete(String key) {
        count("delete");
        inner.delete(key);
    }

    @Override
    public void deleteAll() {
        count("deleteAll");
        inner.deleteAll();
    }

    @Override
    public boolean exists(String key) {
        count("exists");
        return inner.exists(key);
    }

    @Override
    public Optional<Duration> expiresIn(String key) {
        count("expiresIn");
        return inner.expiresIn(key);
    }

    @Override
    public void close() {
        inner.close();
    }

    // ---- capabilities

    @Override
    public Clock clock() {
        return inner.clock();
    }

    @Override
    public boolean boundsNamespaces() {
        return bounds && inner.boundsNamespaces();
    }

    @Override
    public NamespacedStore withNamespace(String namespace, long maximumSize) {
        if (!boundsNamespaces()) {
            return NamespacedStore.super.withNamespace(namespace, maximumSize);
        }
        count("withNamespace(maximumSize)");
        return new CountingStore(inner.withNamespace(namespace, maximumSize), calls, bounds);
    }

    // ---- optional operations

    @Override
    public byte[] getAndExpireAt(String key, Instant expiresAt) {
        count("getAndExpireAt");
        return inner.getAndExpireAt(key, expiresAt);
    }

    @Override
    public Map<String, byte[]> getAllAndExpireAt(List<String> keys, Instant expiresAt) {
        count("getAllAndExpireAt");
        return inner.getAllAndExpireAt(keys, expiresAt);
    }

    @Override
    public void setKeepingExpiry(String key, byte[] value, Instant expiresAtIfNew) {
        count("setKeepingExpiry");
        inner.setKeepingExpiry(key, value, expiresAtIfNew);
    }

    @Override
    public Map<String, byte[]> getAll(List<String> keys) {
        count("getAll");
        return inner.getAll(keys);
    }

    @Override
    public void setAllKeepingExpiry(Map<String, byte[]> entries, Instant expiresAtIfNew) {
        count("setAllKeepingExpiry");
        inner.setAllKeepingExpiry(entries, expiresAtIfNew);
    }

    @Override
    public Map<String, byte[]> getAndDeleteAll(List<String> keys) {
        count("getAndDeleteAll");
        return inner.getAndDeleteAll(keys);
    }

    @Override
    public String toString() {
        return "CountingStore[" + inner + "]";
    }
}
