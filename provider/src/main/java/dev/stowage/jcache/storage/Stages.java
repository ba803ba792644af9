package dev.stowage.jcache.storage;

import dev.stowage.store.AsyncStore;
import dev.stowage.store.StoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javax.cache.CacheException;

/**
 * How the asynchronous paths of the JCache layer deliver failures: through the stage, as the blocking
 * calls throw them, a store's {@link StoreException} turned into a {@link CacheException} with the same
 * message (what {@code EncodedEntryStorage}'s blocking calls do). Stateless; thread-safe.
 */
public final class Stages {

    private Stages() {
    }

    /**
     * Starts {@code call} and returns its stage with failures translated: a {@link StoreException}
     * becomes a {@link CacheException} with the same message and the store's exception as cause; other
     * failures stay as they are, unwrapped from {@link CompletionException}. An exception {@code call}
     * throws is delivered through the returned stage too. Cancelling the returned stage cancels the
     * stage of {@code call} (a Redis command not yet written is then never sent).
     *
     * @param <T> the result's type
     * @param call starts the operation, not {@code null}
     * @return a new stage of the same result
     */
    public static <T> CompletableFuture<T> translated(Supplier<? extends CompletionStage<T>> call) {
        return AsyncStore.relay(call, Stages::translate);
    }

    /**
     * Returns the failure an operation's stage reports: {@code failure} without the
     * {@link CompletionException} / {@link ExecutionException} wrappers of {@code CompletableFuture}, a
     * {@link StoreException} as a {@link CacheException}.
     *
     * @param failure what a stage failed with, not {@code null}
     * @return the failure to report
     */
    public static Throwable translate(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof StoreException store ? new CacheException(store.getMessage(), store) : cause;
    }

    /**
     * Strips {@link CompletionException} and {@link ExecutionException} wrappers.
     *
     * @param failure a failure, not {@code null}
     * @return the first cause that is neither, or {@code failure} when a wrapper has no cause
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
