package dev.stowage.redis.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The numbering of a change feed's messages on the wire: a message travels as {@code N:} followed by
 * its bytes, {@code N} the decimal value of the feed's sequence counter ({@link RedisChangeFeed#sequenceKey},
 * incremented by {@code write-and-unlock.lua} in Redis' order of execution) or {@code 0} for a message
 * published outside an exclusive step (unnumbered). A listener's instance strips the number and checks
 * that each numbered message follows the previous one: a number skipped or going back (a message lost
 * on the way, e.g. by a Pub/Sub connection dropped and re-established) is reported through the feed's
 * {@code gap} callback, once per break. Number 1 starts again without a report: the counter was new
 * (it expires after a day without messages; a server restarted empty is reported by the
 * re-established subscription).
 * One instance per listening feed, called on the feed's one delivery thread; not thread-safe beyond
 * {@link #restart()}, which may come from another thread.
 */
final class FeedSequence {

    private static final byte SEPARATOR = ':';

    private final String channel;
    private final Runnable gap;
    private long last;
    private volatile boolean restarted;

    /**
     * Creates the check of one listening feed.
     *
     * @param channel the feed's channel, for messages
     * @param gap what to call when messages were lost
     */
    FeedSequence(String channel, Runnable gap) {
        this.channel = channel;
        this.gap = gap;
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

    /** Forgets the last number: the subscription was re-established and its gap already reported. */
    void restart() {
        restarted = true;
    }

    /**
     * Checks one received message's number and hands its bytes to {@code messages}.
     *
     * @param data the message as received
     * @param messages gets the message without its number
     */
    void accept(byte[] data, Consumer<byte[]> messages) {
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
            System.getLogger(FeedSequence.class.getName()).log(System.Logger.Level.WARNING, "dropped a message on "
                    + channel + " without a sequence number: " + new String(data, 0, Math.min(data.length, 40),
                    StandardCharsets.ISO_8859_1));
            return;
        }
        if (number > 0) {
            if (restarted) {
                restarted = false;
            } else if (last > 0 && number != last + 1 && number != 1) {
                System.getLogger(FeedSequence.class.getName()).log(System.Logger.Level.DEBUG, "the messages of " + channel
                        + " jumped from number " + last + " to " + number);
                gap.run();
            }
            last = number;
        }
        messages.accept(Arrays.copyOfRange(data, separator + 1, data.length));
    }
}
