package dev.stowage.jcache;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import javax.cache.Cache;

/**
 * The iterator of {@link Cache#iterator()} (JSR-107 section 4.1): weakly consistent over the live
 * keys of the store, each entry read when reached and counted as an access (expiry policy and hit
 * statistics); {@link #remove()} removes like {@code Cache.remove(key)}. Used by one thread.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class CacheIterator<K, V> implements Iterator<Cache.Entry<K, V>> {

    private final CacheContext<K, V> context;
    private final Iterator<K> keys;
    private final Consumer<K> remover;
    private Cache.Entry<K, V> next;
    private K last;

    CacheIterator(CacheContext<K, V> context, Consumer<K> remover) {
        this.context = context;
        this.keys = context.storage.keys();
        this.remover = remover;
    }

    @Override
    public boolean hasNext() {
        while (next == null && keys.hasNext()) {
            K key = keys.next();
            V value = context.expiry.pure() && context.expiry.accessDuration() == null ? context.storage.getValue(key)
                    : context.readAccessed(key, context.clock.instant());
            if (value != null) {
                next = new StowageEntry<>(key, value);
                context.recordLookup(true);
            }
        }
        return next != null;
    }

    @Override
    public Cache.Entry<K, V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Cache.Entry<K, V> result = next;
        last = result.getKey();
        next = null;
        return result;
    }

    @Override
    public void remove() {
        if (last == null) {
            throw new IllegalStateException("next() has not returned an entry to remove");
        }
        remover.accept(last);
        last = null;
    }
}
