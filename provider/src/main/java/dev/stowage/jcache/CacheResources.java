package dev.stowage.jcache;

import java.io.Closeable;
import java.io.IOException;

/**
 * Closes what a cache was configured with (loaders, writers, expiry policies) when they are
 * {@link Closeable}, as JSR-107 section 4.1 asks of {@code Cache.close()}. Stateless.
 */
final class CacheResources {

    private CacheResources() {
    }

    static void closeQuietly(Object resource) {
        if (resource instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                System.getLogger(CacheResources.class.getName())
                        .log(System.Logger.Level.WARNING, "closing " + resource + " failed", e);
            }
        }
    }
}
