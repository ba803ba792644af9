package dev.stowage.channels.memory;

import dev.stowage.channels.ChannelEvent;
import dev.stowage.channels.support.AbstractChannelsBackend;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-process backend, after Litestar's {@code MemoryChannelsBackend}: events reach only this
 * JVM; with {@code history > 0} the last messages of every channel published to are kept (whether
 * subscribed or not), the oldest dropped first.
 *
 * <p>Publishing is atomic: one lock orders every publish, so all {@link #events()} subscribers see
 * the same order and the history matches it. A publish waits while an events subscriber's buffer is
 * full (backpressure reaches the publisher). Data arrays are copied on publish and on
 * {@link #history}. Thread-safe.
 */
public final class MemoryChannelsBackend extends AbstractChannelsBackend {

    private final int historySize;
    private final Object lock = new Object();
    private final Set<String> subscribed = new HashSet<>();
    private final Map<String, Deque<byte[]>> history = new HashMap<>();

    /**
     * Creates an unstarted backend.
     *
     * @param historySize messages kept per channel, {@code >= 0}; 0 keeps none
     * @param eventBufferSize each events subscriber's buffer, in events, {@code >= 1}
     * @throws IllegalArgumentException when a size is out of range (the message names it)
     */
    public MemoryChannelsBackend(int historySize, int eventBufferSize) {
        super("memory", eventBufferSize);
        if (historySize < 0) {
            throw new IllegalArgumentException("history must be >= 0, was " + historySize);
        }
        this.historySize = historySize;
    }

    @Override
    protected void doStart() {
        // nothing to connect
    }

    @Override
    protected void doClose() {
        synchronized (lock) {
            subscribed.clear();
            history.clear();
        }
    }

    @Override
    protected void doSubscribe(Set<String> channels) {
        synchronized (lock) {
            subscribed.addAll(channels);
        }
    }

    @Override
    protected void doUnsubscribe(Set<String> channels) {
        synchronized (lock) {
            subscribed.removeAll(channels);
        }
    }

    @Override
    protected void doPublish(byte[] data, Set<String> channels) {
        byte[] copy = data.clone();
        synchronized (lock) {
            for (String channel : channels) {
                if (historySize > 0) {
                    Deque<byte[]> kept = history.computeIfAbsent(channel, c -> new ArrayDeque<>());
                    kept.addLast(copy);
                    while (kept.size() > historySize) {
                        kept.removeFirst();
                    }
                }
                if (subscribed.contains(channel)) {
                    deliver(new ChannelEvent(channel, copy));
                }
            }
        }
    }

    @Override
    protected List<byte[]> doHistory(String channel, int limit) {
        synchronized (lock) {
            Deque<byte[]> kept = history.get(channel);
            if (kept == null || limit == 0) {
                return List.of();
            }
            List<byte[]> all = new ArrayList<>(kept);
            List<byte[]> last = all.subList(Math.max(0, all.size() - limit), all.size());
            return last.stream().map(byte[]::clone).toList();
        }
    }
}
