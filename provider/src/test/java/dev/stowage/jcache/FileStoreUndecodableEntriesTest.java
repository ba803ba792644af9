package dev.stowage.jcache;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Undecodable entries in a cache on the file store. */
class FileStoreUndecodableEntriesTest extends UndecodableEntriesContract {

    @TempDir
    Path directory;

    @Override
    protected URI managerUri() {
        return URI.create("filestore:" + directory.toAbsolutePath());
    }
}
