package dev.stowage.store.file;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@link StoreContract} against the file store, in a fresh directory per test. */
class FileStoreContractTest extends StoreContract {

    @TempDir
    Path directory;

    @Override
    protected NamespacedStore createStore(Clock clock) {
        return FileStore.open(directory, FileStoreOptions.defaults().withClock(clock));
    }
}
