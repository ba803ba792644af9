package dev.stowage.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.store.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock table within one JVM. Its deadlock-refusal retry needs two processes and is exercised by
 * {@link FileStoreProcessTest}; here, that a failure which is not a refusal is not retried.
 */
class LockTableTest {

    @TempDir
    Path temp;

    private LockTable table;

    @BeforeEach
    void acquire() {
        table = LockTable.acquire(temp.resolve(Names.LOCK_DIRECTORY), new FilePermissions(FilePermissions.OWNER_ONLY));
    }

    @AfterEach
    void release() {
        table.release();
    }

    @Test
    void anInterruptedLockFailsAtOnceNamingTheLockFileAndTheStripeStaysUsable() {
        Path file = temp.resolve(Names.LOCK_DIRECTORY).resolve("5.lock");
        long start = System.nanoTime();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> table.lock(5))
                    .isInstanceOf(StoreException.class).hasMessageContaining(file.toString());
        } finally {
            assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LockTable.DEADLOCK_RETRY_LIMIT.dividedBy(10));
        table.lock(5).close();
    }

    @Test
    void threadsOfOneJvmTakeAStripeOneAtATime() throws InterruptedException {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    LockTable.Hold hold = table.lock(7);
                    try {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        inside.decrementAndGet();
                    } finally {
                        hold.close();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(overlaps).hasValue(0);
    }
}
