package dev.stowage.store.memory;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreContract;
import java.time.Clock;

/** Runs the {@link StoreContract} against the memory store, unbounded. */
class MemoryStoreContractTest extends StoreContract {

    @Override
    protected NamespacedStore createStore(Clock clock) {
        return new MemoryStore(clock, -1);
    }
}
