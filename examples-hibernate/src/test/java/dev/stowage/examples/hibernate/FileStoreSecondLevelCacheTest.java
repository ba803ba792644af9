package dev.stowage.examples.hibernate;

import java.nio.file.Path;

/**
 * The second-level cache contract on the file store. Hibernate's keys and entries go through the
 * java codec, whose built-in list admits Hibernate's cache classes by name: no allow-list setting.
 */
class FileStoreSecondLevelCacheTest extends SecondLevelCacheContract {

    @Override
    protected String storeUri(Path directory) {
        return "filestore:" + directory.resolve("store");
    }
}
