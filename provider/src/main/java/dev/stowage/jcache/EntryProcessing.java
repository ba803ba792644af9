package dev.stowage.jcache;

import dev.stowage.jcache.processor.ProcessorEntry;
import dev.stowage.jcache.processor.ProcessorResult;
import dev.stowage.jcache.storage.StoredEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.cache.event.EventType;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * Runs entry processors (JSR-107 section 7.4): the processor runs inside the key's atomic step of
 * the store, through its exclusive compute (so exactly once per {@code invoke}, on every backend),
 * and what it did to its {@link ProcessorEntry} is applied in that same step, with the writer, the
 * expiry policy, the events and the statistics its net operation calls for. Any exception surfaces
 * as an {@link EntryProcessorException} and leaves the entry unchanged. Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class EntryProcessing<K, V> {

    private final CacheContext<K, V> context;

    EntryProcessing(CacheContext<K, V> context) {
        this.context = context;
    }

    <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        context.requireKey(key);
        Objects.requireNonNull(processor, "entryProcessor");
        long start = context.startTimer();
        Instant now = context.clock.instant();
        Change<V> change = new Change<>();
        List<T> result = new ArrayList<>(1);
        try {
            context.step(key, change, true, current -> {
                result.clear();
                ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, current == null ? null : current.value(),
                        context.loaderWriter);
                result.add(processor.process(entry, arguments));
                return apply(entry, current, change, now);
            });
        } catch (EntryProcessorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EntryProcessorException("entry processor " + processor + " failed on key " + key, e);
        }
        context.recordLookup(change.existed);
        if (change.type == EventType.CREATED || change.type == EventType.UPDATED) {
            context.recordPuts(1, start);
        } else if (change.type == EventType.REMOVED) {
            context.recordRemovals(1, start);
        }
        context.dispatch(key, change);
        return result.isEmpty() ? null : result.get(0);
    }

    private StoredEntry<V> apply(ProcessorEntry<K, V> entry, StoredEntry<V> current, Change<V> change, Instant now) {
        K key = entry.getKey();
        switch (entry.operation()) {
            case ACCESS:
                return context.accessedEntry(current, now);
            case LOAD:
                return change.write(context.storage, entry.value(), null, context.expiry, now, context.events);
            case CREATE:
            case UPDATE:
                context.loaderWriter.write(key, entry.value());
                change.oldValue = entry.original();
                return change.write(context.storage, entry.value(), current, context.expiry, now, context.events);
            case REMOVE:
                context.loaderWriter.delete(key);
                if (current != null) {
                    change.removed(entry.original());
                }
                return null;
            default:
                return current;
        }
    }

    <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
            Object... arguments) {
        context.requireKeys(keys);
        Objects.requireNonNull(processor, "entryProcessor");
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : keys) {
            try {
                T result = invoke(key, processor, arguments);
                if (result != null) {
                    results.put(key, ProcessorResult.of(result));
                }
            } catch (EntryProcessorException e) {
                results.put(key, ProcessorResult.failed(e));
            }
        }
        return results;
    }
}
