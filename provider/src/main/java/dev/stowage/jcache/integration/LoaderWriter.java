package dev.stowage.jcache.integration;

import dev.stowage.jcache.StowageEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * A cache's {@link CacheLoader} and {@link CacheWriter} (JSR-107 section 9 "Cache Integration"),
 * with their failures wrapped as the specification asks: a loader's exception surfaces as a
 * {@link CacheLoaderException}, a writer's as a {@link CacheWriterException}. Read-through and
 * write-through are on when the cache's configuration says so and the factory is set. Thread-safe
 * when the loader and writer are.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class LoaderWriter<K, V> {

    private final CacheLoader<K, V> loader;
    private final CacheWriter<K, V> writer;
    private final boolean readThrough;
    private final boolean writeThrough;

    /**
     * Creates the pair.
     *
     * @param loader the loader, or {@code null}
     * @param writer the writer, or {@code null}
     * @param readThrough whether the configuration asks for read-through
     * @param writeThrough whether the configuration asks for write-through
     */
    @SuppressWarnings("unchecked")
    public LoaderWriter(CacheLoader<K, V> loader, CacheWriter<? super K, ? super V> writer,
            boolean readThrough, boolean writeThrough) {
        this.loader = loader;
        this.writer = (CacheWriter<K, V>) writer;
        this.readThrough = readThrough && loader != null;
        this.writeThrough = writeThrough && writer != null;
    }

    /**
     * Returns the loader.
     *
     * @return the loader, or {@code null} when none is configured
     */
    public CacheLoader<K, V> loader() {
        return loader;
    }

    /**
     * Returns the writer.
     *
     * @return the writer, or {@code null} when none is configured
     */
    public CacheWriter<K, V> writer() {
        return writer;
    }

    /**
     * Tells whether misses load through the loader.
     *
     * @return {@code true} for read-through with a loader
     */
    public boolean readThrough() {
        return readThrough;
    }

    /**
     * Tells whether mutations go through the writer.
     *
     * @return {@code true} for write-through with a writer
     */
    public boolean writeThrough() {
        return writeThrough;
    }

    /**
     * Loads one value.
     *
     * @param key the key, not {@code null}
     * @return the value, or {@code null} when the loader has none
     * @throws CacheLoaderException wrapping the loader's failure
     */
    public V load(K key) {
        try {
            return loader.load(key);
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException("loading key " + key + " failed", e);
        }
    }

    /**
     * Loads several values.
     *
     * @param keys the keys, not {@code null}
     * @return the values found, without {@code null} keys or values
     * @throws CacheLoaderException wrapping the loader's failure
     */
    public Map<K, V> loadAll(Collection<K> keys) {
        Map<K, V> loaded;
        try {
            loaded = loader.loadAll(keys);
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException("loading " + keys.size() + " keys failed", e);
        }
        Map<K, V> result = new LinkedHashMap<>();
        if (loaded != null) {
            loaded.forEach((key, value) -> {
                if (key != null && value != null) {
                    result.put(key, value);
                }
            });
        }
        return result;
    }

    /**
     * Writes one entry through, when write-through is on.
     *
     * @param key the key
     * @param value the value
     * @throws CacheWriterException wrapping the writer's failure
     */
    public void write(K key, V value) {
        if (!writeThrough) {
            return;
        }
        try {
            writer.write(new StowageEntry<>(key, value));
        } catch (CacheWriterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheWriterException("writing key " + key + " failed", e);
        }
    }

    /**
     * Deletes one key through, when write-through is on.
     *
     * @param key the key
     * @throws CacheWriterException wrapping the writer's failure
     */
    public void delete(K key) {
        if (!writeThrough) {
            return;
        }
        try {
            writer.delete(key);
        } catch (CacheWriterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheWriterException("deleting key " + key + " failed", e);
        }
    }

    /**
     * Writes several entries through, when write-through is on.
     *
     * @param entries the entries, not {@code null}
     * @return the keys the writer did not write (empty on success)
     * @throws CacheWriterException wrapping the writer's failure, raised after the caller has had
     *     the chance to apply the entries that were written: call {@link WriteAllResult#failure()}
     */
    public WriteAllResult<K> writeAll(Map<K, V> entries) {
        if (!writeThrough || entries.isEmpty()) {
            return new WriteAllResult<>(Set.of(), null);
        }
        List<Cache.Entry<? extends K, ? extends V>> pending = new ArrayList<>();
        entries.forEach((key, value) -> pending.add(new StowageEntry<>(key, value)));
        try {
            writer.writeAll(pending);
            return new WriteAllResult<>(Set.of(), null);
        } catch (RuntimeException e) {
            List<K> failed = new ArrayList<>();
            for (Cache.Entry<? extends K, ? extends V> entry : pending) {
                failed.add(entry.getKey());
            }
            return new WriteAllResult<>(Set.copyOf(failed), wrapWrite(e));
        }
    }

    /**
     * Deletes several keys through, when write-through is on.
     *
     * @param keys the keys, not {@code null}
     * @return the keys the writer did not delete (empty on success)
     */
    public WriteAllResult<K> deleteAll(Collection<K> keys) {
        if (!writeThrough || keys.isEmpty()) {
            return new WriteAllResult<>(Set.of(), null);
        }
        List<K> pending = new ArrayList<>(keys);
        try {
            writer.deleteAll(pending);
            return new WriteAllResult<>(Set.of(), null);
        } catch (RuntimeException e) {
            return new WriteAllResult<>(Set.copyOf(pending), wrapWrite(e));
        }
    }

    private static CacheWriterException wrapWrite(RuntimeException e) {
        return e instanceof CacheWriterException cwe ? cwe : new CacheWriterException("cache writer failed", e);
    }

    /**
     * The outcome of a bulk write.
     *
     * @param <K> the key type
     * @param failed the keys that were not written or deleted
     * @param failure the writer's failure, or {@code null} on success
     */
    public record WriteAllResult<K>(Set<K> failed, CacheWriterException failure) {

        /**
         * Throws the writer's failure, if any.
         *
         * @throws CacheWriterException the failure
         */
        public void throwIfFailed() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Removes from {@code keys} those in {@code failed}.
     *
     * @param <K> the key type
     * @param keys the keys, changed in place
     * @param failed the keys to drop
     */
    public static <K> void removeFailed(Collection<K> keys, Set<K> failed) {
        for (Iterator<K> it = keys.iterator(); it.hasNext();) {
            if (failed.contains(it.next())) {
                it.remove();
            }
        }
    }
}
