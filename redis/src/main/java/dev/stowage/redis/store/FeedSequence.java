package dev.stowage.redis.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The numbering of a change feed's messages, and the repair of what a listener missed. On the wire a
 * message is {@code N:} followed by its bytes, {@code N} the decimal value of the feed's sequence
 * counter ({@link RedisChangeFeed#sequenceKey}, incremented by {@code write-and-unlock.lua} in Redis'
 * order of execution, the message also kept in the feed's history under that number,
 * {@link RedisChangeFeed#historyKey}), or {@code 0} for a message published outside an exclusive step
 * (unnumbered, not kept).
 *
 * <p>A listener's instance hands every message on in number order, once: when a number is skipped (a
 * message lost on the way, e.g. while a Pub/Sub connection was dropped and re-established) it first
 * reads the missing ones from the history, and {@link #catchUp} does the same up to the counter's value
 * (after a re-established subscription, and at each heartbeat, so that a lost last message is not
 * waited for). A number already handed on is skipped. Only what the history no longer holds (trimmed,
 * expired) or cannot be read is reported through the feed's {@code gap} callback, once per break.
 * Number 1 after a higher one starts the count again without a report (a new counter).
 * Thread-safe: messages and catch-ups are handled one at a time, in order.
 */
final class FeedSequence {

    /** Reads the feed's history: the kept messages numbered {@code from} to {@code to}, in order. */
    interface History {
        /**
         * Reads kept messages.
         *
         * @param from the first number, {@code >= 1}
         * @param to the last number, {@code >= from}
         * @return the kept ones among them, in number order; missing numbers are left out
         */
        List<Numbered> range(long from, long to);
    }

    /** A message and its number. */
    record Numbered(long number, byte[] data) {
    }

    private static final byte SEPARATOR = ':';
    private static final System.Logger LOG = System.getLogger(FeedSequence.class.getName());

    private final String channel;
    private final History history;
    private final Runnable gap;
    private final Consumer<byte[]> messages;
    private long last;

    /**
     * Creates the check of one listening feed.
     *
     * @param channel the feed's channel, for messages
     * @param history reads the feed's history
     * @param gap what to call when messages were lost for good
     * @param messages gets each message, without its number, in order
     */
    FeedSequence(String channel, History history, Runnable gap, Consumer<byte[]> messages) {
        this.channel = channel;
        this.history = history;
        this.gap = gap;
        this.messages = messages;
    }

    /**
     * Frames a message published without a number.
     *
     * @param message the message, not {@code null}
     * @return {@code "0:"} followed by the message
     */
    static byte[] unnumbered(byte[] message) {
        byte[] framed = new byte[message.length + 2];
        framed[0] = '0';
        framed[1] = SEPARATOR;
        System.arraycopy(message, 0, framed, 2, message.length);
        return framed;
    }

    /**
     * Handles one received message: fills the numbers missing before it from the history, then hands it on.
     *
     * @param data the message as received
     */
    synchronized void accept(byte[] data) {
        int separator = -1;
        long number = 0;
        for (int i = 0; i < data.length && i < 20; i++) {
            byte b = data[i];
            if (b == SEPARATOR) {
                separator = i;
                break;
            }
            if (b < '0' || b > '9') {
                break;
            }
            number = number * 10 + (b - '0');
        }
        if (separator < 1) {
            LOG.log(System.Logger.Level.WARNING, "dropped a message on " + channel + " without a sequence number: "
                    + new String(data, 0, Math.min(data.length, 40), StandardCharsets.ISO_8859_1));
            return;
        }
        byte[] message = Arrays.copyOfRange(data, separator + 1, data.length);
        if (number == 0) {
            messages.accept(message);
            return;
        }
        if (last > 0 && number != 1) {
            if (number <= last) {
                return; // handed on already, from the history
            }
            if (number > last + 1) {
                fill(number - 1);
            }
        }
        last = number;
        messages.accept(message);
    }

    /**
     * Hands on the kept messages up to {@code counter} that this listener has not had yet.
     *
     * @param counter the feed's sequence counter as read now, 0 when it does not exist
     */
    synchronized void catchUp(long counter) {
        if (last > 0 && counter > last) {
            fill(counter);
        }
    }

    /** Reads and hands on the messages {@code last + 1} to {@code to}; reports a gap for any missing. */
    private void fill(long to) {
        long from = last + 1;
        List<Numbered> kept;
        try {
            kept = history.range(from, to);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading the history of " + channel + " failed: " + e.getMessage());
            last = to;
            gap.run();
            return;
        }
        boolean complete = true;
        long expected = from;
        for (Numbered numbered : kept) {
            complete &= numbered.number() == expected;
            messages.accept(numbered.data());
            expected = numbered.number() + 1;
        }
        complete &= expected == to + 1;
        last = to;
        LOG.log(System.Logger.Level.DEBUG, "filled messages " + from + " to " + to + " of " + channel + " from its history"
                + (complete ? "" : ", some of them no longer kept"));
        if (!complete) {
            gap.run();
        }
    }
}
