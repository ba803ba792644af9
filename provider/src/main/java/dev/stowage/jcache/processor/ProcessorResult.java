package dev.stowage.jcache.processor;

import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * One key's outcome of {@link javax.cache.Cache#invokeAll}: a value or the exception the processor
 * threw, wrapped as {@link EntryProcessorException} (JSR-107 section 7.4). Immutable.
 *
 * @param <T> the processor's result type
 */
public final class ProcessorResult<T> implements EntryProcessorResult<T> {

    private final T value;
    private final EntryProcessorException failure;

    private ProcessorResult(T value, EntryProcessorException failure) {
        this.value = value;
        this.failure = failure;
    }

    /**
     * A successful result.
     *
     * @param <T> the result type
     * @param value the value, may be {@code null}
     * @return the result
     */
    public static <T> ProcessorResult<T> of(T value) {
        return new ProcessorResult<>(value, null);
    }

    /**
     * A failed result.
     *
     * @param <T> the result type
     * @param failure what the processor threw, wrapped; not {@code null}
     * @return the result
     */
    public static <T> ProcessorResult<T> failed(EntryProcessorException failure) {
        return new ProcessorResult<>(null, failure);
    }

    /**
     * Returns the value, or throws the processor's failure.
     *
     * @return the value
     * @throws EntryProcessorException when the processor failed
     */
    @Override
    public T get() {
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
