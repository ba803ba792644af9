package dev.stowage.redis.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisTimeoutException;

/**
 * Pipelines the single-key commands of {@link RedisAsyncStore} that are sent while others are in
 * flight: Redisson writes one command per pooled connection at a time, so {@code N} concurrent calls
 * would cost {@code N} connections and {@code N} writes; here they are queued and sent together as one
 * {@code RBatch} (one write, the replies read back in order), opportunistically: a command sent while
 * fewer than {@value #BATCHES_IN_FLIGHT} batches are in flight leaves at once, alone (no added latency
 * on an idle client); commands that arrive while that many are in flight wait for the next batch, which
 * leaves as soon as one returns, with everything queued by then (at most {@value #MAX_BATCH}). A batch is
 * not a transaction: each command is atomic on its own, as when sent alone, and commands of different
 * batches are not ordered. A batch that fails (a server that does not answer within the timeout, a
 * lost connection) fails every command in it with Redisson's exception; one that timed out also fails
 * the commands queued behind it, so that a command fails at most the timeout after it was sent. Used for {@code GET},
 * {@code GETEX}, {@code SET} and {@code SET KEEPTTL}; scripts are sent alone (a pipeline cannot reload a
 * script a server lost). One per root store (shared by its namespaces); thread-safe and lock-free.
 */
final class CommandPipeline {

    /**
     * How many batches may be in flight at once (each holds one pooled connection while it is): two, so
     * that a slow batch does not hold up every other command, while batches stay large under load (in a
     * smoke run, 64 calls in flight from one thread: about 3× the throughput of 8 batches in flight).
     */
    static final int BATCHES_IN_FLIGHT = 2;
    /** The most commands one batch carries. */
    static final int MAX_BATCH = 512;

    private final RedissonClient client;
    private final ConcurrentLinkedQueue<Command<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    CommandPipeline(RedissonClient client) {
        this.client = client;
    }

    /** A queued command: how to add it to a batch, and the stage of its reply. */
    private static final class Command<T> {
        final Function<RBatch, RFuture<T>> add;
        final CompletableFuture<T> reply = new CompletableFuture<>();
        RFuture<T> sent;

        Command(Function<RBatch, RFuture<T>> add) {
            this.add = add;
        }

        void addTo(RBatch batch) {
            sent = add.apply(batch);
        }

        void settle(Throwable batchFailure) {
            if (batchFailure != null) {
                reply.completeExceptionally(batchFailure);
                return;
            }
            sent.whenComplete((value, failure) -> {
                if (failure == null) {
                    reply.complete(value);
                } else {
                    reply.completeExceptionally(failure);
                }
            });
        }
    }

    /**
     * Queues one command and sends it with the next batch (at once when few batches are in flight).
     *
     * @param <T> the reply's type
     * @param add adds the command to a batch ({@code batch.getBucket(key, codec).getAsync()}), not {@code null}
     * @return the stage of the command's reply; it fails with Redisson's exception
     */
    <T> CompletableFuture<T> send(Function<RBatch, RFuture<T>> add) {
        Command<T> command = new Command<>(add);
        queue.add(command);
        flush();
        return command.reply;
    }

    /** Sends the queued commands in batches while fewer than {@value #BATCHES_IN_FLIGHT} are in flight. */
    private void flush() {
        while (!queue.isEmpty()) {
            int running = inFlight.get();
            if (running >= BATCHES_IN_FLIGHT) {
                return; // the batch that returns first sends what is queued
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Command<?>> commands = new ArrayList<>();
            for (Command<?> command = queue.poll(); command != null; command = commands.size() < MAX_BATCH ? queue.poll() : null) {
                commands.add(command);
            }
            if (commands.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            execute(commands);
        }
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void execute(List<Command<?>> commands) {
        try {
            RBatch batch = client.createBatch(BatchOptions.defaults());
            commands.forEach(command -> command.addTo(batch));
            batch.executeAsync().whenComplete((result, failure) -> {
                if (failure != null && timedOut(failure)) {
                    // the commands queued behind a batch the server did not answer in time fail with it,
                    // so that none waits longer than the timeout from when it was sent
                    for (Command<?> queued = queue.poll(); queued != null; queued = queue.poll()) {
                        queued.reply.completeExceptionally(failure);
                    }
                }
                inFlight.decrementAndGet();
                commands.forEach(command -> command.settle(failure));
                flush();
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            commands.forEach(command -> command.reply.completeExceptionally(e));
        }
    }
}
