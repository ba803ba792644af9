package dev.stowage.channels;

import dev.stowage.channels.support.ChannelNames;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The channels facade, after Litestar's {@code ChannelsPlugin}: it owns a started
 * {@link ChannelsBackend}, publishes through one background worker, and fans the backend's events
 * out to {@link Subscriber}s, each with its own bounded backlog.
 * <ul>
 *   <li>{@link #publish} encodes at once ({@code byte[]}, String as UTF-8, other objects as JSON)
 *       and queues the message; the worker publishes queued messages in order;</li>
 *   <li>{@link #subscribe(Collection, int)} first puts up to {@code history} past messages per
 *       channel into the backlog (the backlog strategy applies: never a deadlock, even when the
 *       history exceeds the backlog), then the live events;</li>
 *   <li>with {@code arbitraryChannelsAllowed == false} only the channels declared in the builder are
 *       allowed, and the backend is subscribed to them at start; otherwise the backend is subscribed
 *       to a channel while at least one subscriber wants it;</li>
 *   <li>{@link #close()} stops accepting publishes, publishes everything already accepted, ends the
 *       subscribers, then closes the backend.</li>
 * </ul>
 * Build with {@link #builder(ChannelsBackend)} or {@link #builder(String)}. Thread-safe.
 */
public final class Channels implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Channels.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ChannelsBackend backend;
    private final Set<String> declared;
    private final boolean arbitraryChannelsAllowed;
    private final int backlogSize;
    private final BacklogStrategy strategy;
    private final Object lock = new Object();
    private final Map<String, Set<Subscriber>> subscribers = new HashMap<>();
    private final Map<Subscriber, List<ChannelEvent>> priming = new HashMap<>();
    private final BlockingQueue<Pending> outbox = new LinkedBlockingQueue<>();
    private final ExecutorService executor;
    private final Thread publisher;
    private volatile boolean closed;

    private record Pending(byte[] data, Set<String> channels, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(new byte[0], Set.of(), new CompletableFuture<>());

    private Channels(Builder builder) {
        this.backend = builder.backend;
        this.declared = Set.copyOf(builder.channels);
        this.arbitraryChannelsAllowed = builder.arbitraryChannelsAllowed;
        this.backlogSize = builder.backlogSize;
        this.strategy = builder.strategy;
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "stowage-channels-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.publisher = new Thread(this::publishQueued, "stowage-channels-publisher");
        this.publisher.setDaemon(true);
    }

    /**
     * Starts building a facade on a backend; the facade starts it and closes it.
     *
     * @param backend an unstarted (or started) backend; never null
     * @return a builder; never null
     * @throws NullPointerException when {@code backend} is null
     */
    public static Builder builder(ChannelsBackend backend) {
        return new Builder(Objects.requireNonNull(backend, "backend"));
    }

    /**
     * Starts building a facade on the backend of a URI ({@link ChannelsBackends#open(String)}).
     *
     * @param backendUri e.g. {@code "memory:"}; never null
     * @return a builder; never null
     * @throws IllegalArgumentException when the URI is malformed or its scheme unknown
     * @throws IllegalStateException when the backend's optional dependency is missing
     */
    public static Builder builder(String backendUri) {
        return new Builder(ChannelsBackends.open(backendUri));
    }

    private void start() {
        backend.start();
        backend.events().subscribe(new Fanout());
        if (!arbitraryChannelsAllowed && !declared.isEmpty()) {
            backend.subscribe(declared);
        }
        publisher.start();
    }

    private Set<String> allowed(Collection<String> channels) {
        Set<String> names = ChannelNames.requireValid(channels);
        if (!arbitraryChannelsAllowed) {
            for (String name : names) {
                if (!declared.contains(name)) {
                    throw new IllegalArgumentException("channel '" + name + "' is not declared and "
                            + "arbitraryChannelsAllowed is false; declared: " + declared);
                }
            }
        }
        return names;
    }

    /**
     * Queues a message for the channels; a background worker publishes queued messages in order.
     *
     * @param data a {@code byte[]} (copied), a String (UTF-8), or an object written as JSON by Jackson;
     *     never null
     * @param channels the channels; never null nor empty, no null element
     * @return completes when the backend has published the message, or exceptionally with its error
     * @throws NullPointerException when {@code data}, {@code channels} or an element is null
     * @throws IllegalArgumentException when {@code channels} is empty, a channel is not allowed (it is
     *     named), or the object cannot be written as JSON
     * @throws IllegalStateException when closed, or JSON is needed and Jackson is missing
     */
    public CompletableFuture<Void> publish(Object data, Collection<String> channels) {
        byte[] bytes = MessageEncoder.encode(data);
        Set<String> names = allowed(channels);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("publish needs at least one channel");
        }
        Pending pending = new Pending(bytes, names, new CompletableFuture<>());
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("channels are closed; message not published to " + names);
            }
            outbox.add(pending);
        }
        return pending.done();
    }

    /**
     * Queues a message for the channels: {@code publish(data, List.of(channels))}.
     *
     * @param data see {@link #publish(Object, Collection)}
     * @param channels one or more channels
     * @return see {@link #publish(Object, Collection)}
     */
    public CompletableFuture<Void> publish(Object data, String... channels) {
        return publish(data, Arrays.asList(channels));
    }

    private void publishQueued() {
        while (true) {
            Pending pending;
            try {
                pending = outbox.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pending == STOP) {
                return;
            }
            try {
                backend.publish(pending.data(), pending.channels());
                pending.done().complete(null);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "publishing to " + pending.channels() + " failed", e);
                pending.done().completeExceptionally(e);
            }
        }
    }

    /**
     * Subscribes to channels, with up to {@code history} past messages per channel first.
     *
     * <p>As in Litestar, history and live events are not deduplicated: a message published just
     * before this call, while the backend is already subscribed to the channel (a declared channel,
     * or one another subscriber holds) and has not yet delivered it, can arrive both in the history
     * and live.
     *
     * @param channels the channels; never null nor empty, no null element
     * @param history past messages per channel to put into the backlog first, {@code >= 0}
     * @return the subscriber, to be closed by the caller; never null
     * @throws NullPointerException when {@code channels} or an element is null
     * @throws IllegalArgumentException when {@code channels} is empty, a channel is not allowed (it
     *     is named), or {@code history < 0}
     * @throws UnsupportedOperationException when {@code history > 0} and the backend keeps no history
     * @throws IllegalStateException when closed
     */
    public Subscriber subscribe(Collection<String> channels, int history) {
        Set<String> names = allowed(channels);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("subscribe needs at least one channel");
        }
        if (history < 0) {
            throw new IllegalArgumentException("history must be >= 0, was " + history);
        }
        Subscriber subscriber = new Subscriber(names, new Backlog(backlogSize, strategy), this::remove, executor);
        Set<String> first = new LinkedHashSet<>();
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("channels are closed");
            }
            for (String name : names) {
                if (subscribers.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(subscriber)
                        && subscribers.get(name).size() == 1) {
                    first.add(name);
                }
            }
            priming.put(subscriber, new java.util.ArrayList<>());
        }
        try {
            if (arbitraryChannelsAllowed && !first.isEmpty()) {
                backend.subscribe(first);
            }
            if (history > 0) {
                for (String name : names) {
                    for (byte[] data : backend.history(name, history)) {
                        subscriber.backlog().offer(new ChannelEvent(name, data));
                    }
                }
            }
        } catch (RuntimeException e) {
            subscriber.close();
            throw e;
        } finally {
            synchronized (lock) {
                List<ChannelEvent> live = priming.remove(subscriber);
                if (live != null) {
                    live.forEach(subscriber.backlog()::offer);
                }
            }
        }
        return subscriber;
    }

    /**
     * Subscribes to channels without history: {@code subscribe(List.of(channels), 0)}.
     *
     * @param channels one or more channels
     * @return see {@link #subscribe(Collection, int)}
     */
    public Subscriber subscribe(String... channels) {
        return subscribe(Arrays.asList(channels), 0);
    }

    private void remove(Subscriber subscriber) {
        Set<String> last = new HashSet<>();
        synchronized (lock) {
            priming.remove(subscriber);
            for (String name : subscriber.channels()) {
                Set<Subscriber> set = subscribers.get(name);
                if (set != null && set.remove(subscriber) && set.isEmpty()) {
                    subscribers.remove(name);
                    last.add(name);
                }
            }
        }
        if (arbitraryChannelsAllowed && !last.isEmpty() && !closed) {
            try {
                backend.unsubscribe(last);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "unsubscribing " + last + " failed", e);
            }
        }
    }

    /**
     * The backend, e.g. to read {@link ChannelsBackend#history} directly.
     *
     * @return the started backend; never null
     */
    public ChannelsBackend backend() {
        return backend;
    }

    /**
     * Shuts down cleanly: refuses new publishes, waits until every message already accepted by
     * {@link #publish} has been handed to the backend, closes every subscriber (their consumers get
     * what is in their backlog, then the end) and closes the backend. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            outbox.add(STOP);
        }
        try {
            publisher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Subscriber> all;
        synchronized (lock) {
            all = subscribers.values().stream().flatMap(Set::stream).distinct().toList();
        }
        all.forEach(Subscriber::close);
        backend.close();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Receives the backend's events and offers each to the backlogs of its channel's subscribers. */
    private final class Fanout implements Flow.Subscriber<ChannelEvent> {

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ChannelEvent event) {
            synchronized (lock) {
                Set<Subscriber> set = subscribers.get(event.channel());
                if (set == null) {
                    return;
                }
                for (Subscriber subscriber : set) {
                    List<ChannelEvent> waiting = priming.get(subscriber);
                    if (waiting != null) {
                        waiting.add(event);
                    } else {
                        subscriber.backlog().offer(event);
                    }
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            LOG.log(System.Logger.Level.WARNING, "channels backend events failed", throwable);
        }

        @Override
        public void onComplete() {
            // subscribers are closed by Channels.close()
        }
    }

    /**
     * Configures a {@link Channels} facade. Not thread-safe; use from one thread.
     */
    public static final class Builder {

        private final ChannelsBackend backend;
        private final Set<String> channels = new LinkedHashSet<>();
        private boolean arbitraryChannelsAllowed;
        private int backlogSize = 10_000;
        private BacklogStrategy strategy = BacklogStrategy.DROP_OLDEST;

        private Builder(ChannelsBackend backend) {
            this.backend = backend;
        }

        /**
         * Declares channels up front (Litestar's {@code channels}); with
         * {@code arbitraryChannelsAllowed == false} only these are allowed.
         *
         * @param names channel names; never null, no null element
         * @return this builder
         * @throws NullPointerException when {@code names} or an element is null
         */
        public Builder channels(Collection<String> names) {
            channels.addAll(ChannelNames.requireValid(names));
            return this;
        }

        /**
         * Declares channels up front: {@code channels(List.of(names))}.
         *
         * @param names channel names
         * @return this builder
         */
        public Builder channels(String... names) {
            return channels(Arrays.asList(names));
        }

        /**
         * Whether channels not declared may be used (Litestar's {@code arbitrary_channels_allowed});
         * default false.
         *
         * @param allowed true to allow any channel
         * @return this builder
         */
        public Builder arbitraryChannelsAllowed(boolean allowed) {
            this.arbitraryChannelsAllowed = allowed;
            return this;
        }

        /**
         * Each subscriber's backlog (Litestar's {@code subscriber_max_backlog} and
         * {@code subscriber_backlog_strategy}); default 10000 events, {@link BacklogStrategy#DROP_OLDEST}.
         *
         * @param size events waiting per subscriber, {@code >= 1}
         * @param backlogStrategy what a full backlog does; never null
         * @return this builder
         * @throws IllegalArgumentException when {@code size < 1}
         * @throws NullPointerException when {@code backlogStrategy} is null
         */
        public Builder backlog(int size, BacklogStrategy backlogStrategy) {
            if (size < 1) {
                throw new IllegalArgumentException("backlog size must be >= 1, was " + size);
            }
            this.backlogSize = size;
            this.strategy = Objects.requireNonNull(backlogStrategy, "backlogStrategy");
            return this;
        }

        /**
         * Creates the facade and starts its backend.
         *
         * @return the running facade; never null
         * @throws IllegalArgumentException when no channel is declared and arbitrary channels are not
         *     allowed (nothing could be used)
         * @throws IllegalStateException when the backend cannot start (e.g. unreachable server)
         */
        public Channels build() {
            if (channels.isEmpty() && !arbitraryChannelsAllowed) {
                throw new IllegalArgumentException("declare channels or allow arbitrary channels");
            }
            Channels built = new Channels(this);
            try {
                built.start();
            } catch (RuntimeException e) {
                backend.close();
                throw e;
            }
            return built;
        }
    }
}
