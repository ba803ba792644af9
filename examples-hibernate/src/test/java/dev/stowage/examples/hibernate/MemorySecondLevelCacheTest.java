package dev.stowage.examples.hibernate;

import java.nio.file.Path;

/** The second-level cache contract on the memory store. */
class MemorySecondLevelCacheTest extends SecondLevelCacheContract {

    @Override
    protected String storeUri(Path directory) {
        return "memory:/";
    }
}
