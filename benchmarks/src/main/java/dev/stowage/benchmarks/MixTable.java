package dev.stowage.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the two JVMs of {@link RedisNearCacheMixBenchmark} share, in a memory-mapped file both map: the
 * global version counter of the values written, for each key the newest version whose {@code put} has
 * returned and when ({@link System#nanoTime()}, which on Linux, where the benchmark runs, is
 * {@code CLOCK_MONOTONIC}: one clock for every process of the machine), the other JVM's counts of calls
 * and stale reads, and two flags (the other JVM is ready; stop). Every access is atomic (a
 * {@link VarHandle} view of the mapped buffer, 8-byte aligned), so it is thread-safe within and across
 * the processes.
 */
final class MixTable implements AutoCloseable {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int VERSIONS = 0;
    private static final int OTHER_CALLS = 1;
    private static final int OTHER_STALE = 2;
    private static final int READY = 3;
    private static final int STOP = 4;
    private static final int HEADER = 8;

    private final FileChannel channel;
    private final MappedByteBuffer buffer;

    private MixTable(FileChannel channel, MappedByteBuffer buffer) {
        this.channel = channel;
        this.buffer = buffer;
    }

    /**
     * Maps the table of {@code keys} keys in {@code file}, creating the file (zeroed) if it is missing.
     *
     * @param file the file both JVMs map
     * @param keys how many keys
     * @return the table; {@link #close()} unmaps nothing (the JVM does at exit) but closes the file
     * @throws UncheckedIOException if the file cannot be opened or mapped
     */
    static MixTable map(Path file, int keys) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            return new MixTable(channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, (HEADER + 2L * keys) * Long.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file, e);
        }
    }

    private static int at(int slot) {
        return slot * Long.BYTES;
    }

    /** Returns a new version, above every one returned before in either JVM. */
    long nextVersion() {
        return (long) LONGS.getAndAdd(buffer, at(VERSIONS), 1L) + 1;
    }

    /**
     * Records that the {@code put} of {@code version} of key {@code key} returned at {@code nanoTime}. Each
     * key has one writing thread (see {@link NearMixCall}), so versions of a key are recorded in the order
     * Redis applied them. The time is written before the version: a reader that sees the version sees its
     * time or a later one (never an earlier time, which would make a current read look stale).
     */
    void returned(int key, long version, long nanoTime) {
        int slot = at(HEADER + 2 * key);
        LONGS.setVolatile(buffer, slot + Long.BYTES, nanoTime);
        LONGS.setVolatile(buffer, slot, version);
    }

    /** The newest version of key {@code key} whose {@code put} returned, 0 if none; read it before its time. */
    long newest(int key) {
        return (long) LONGS.getVolatile(buffer, at(HEADER + 2 * key));
    }

    /** When the last recorded {@code put} of key {@code key} returned ({@link System#nanoTime()}). */
    long newestReturnedAt(int key) {
        return (long) LONGS.getVolatile(buffer, at(HEADER + 2 * key) + Long.BYTES);
    }

    /** Adds to the other JVM's counts of calls and stale reads. */
    void countOther(long calls, long staleReads) {
        LONGS.getAndAdd(buffer, at(OTHER_CALLS), calls);
        LONGS.getAndAdd(buffer, at(OTHER_STALE), staleReads);
    }

    /** The other JVM's calls so far. */
    long otherCalls() {
        return (long) LONGS.getVolatile(buffer, at(OTHER_CALLS));
    }

    /** The other JVM's stale reads so far. */
    long otherStaleReads() {
        return (long) LONGS.getVolatile(buffer, at(OTHER_STALE));
    }

    /** Raises the flag that the other JVM runs its mix. */
    void ready() {
        LONGS.setVolatile(buffer, at(READY), 1L);
    }

    /** Whether the other JVM runs its mix. */
    boolean isReady() {
        return (long) LONGS.getVolatile(buffer, at(READY)) == 1L;
    }

    /** Asks the other JVM to stop. */
    void stop() {
        LONGS.setVolatile(buffer, at(STOP), 1L);
    }

    /** Whether the other JVM was asked to stop. */
    boolean stopping() {
        return (long) LONGS.getVolatile(buffer, at(STOP)) == 1L;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
