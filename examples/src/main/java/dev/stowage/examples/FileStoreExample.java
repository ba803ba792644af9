package dev.stowage.examples;

import dev.stowage.jcache.StowageCache;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.spi.CachingProvider;

/**
 * The file store: a cache that survives a restart. The first "process" (a cache manager) stores
 * sessions with a time to live and closes; a second one, opened fresh over the same directory, finds
 * every session with the time it has left ({@code StowageCache.expiresIn}, a Stowage extension
 * reached through {@code unwrap}).
 *
 * <p>Uses the directory given as the first argument, else a new temporary one (deleted at the end).
 */
public final class FileStoreExample {

    private FileStoreExample() {
    }

    /**
     * Runs the example, printing to standard output.
     *
     * @param args an optional directory for the store
     * @throws IOException if the temporary directory cannot be made or deleted
     */
    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("stowage-example");
        try {
            run(directory, System.out);
        } finally {
            if (args.length == 0) {
                deleteTree(directory);
            }
        }
    }

    /**
     * Runs the example on {@code directory}.
     *
     * @param directory the store's directory, not {@code null}
     * @param out where to print, not {@code null}
     */
    public static void run(Path directory, PrintStream out) {
        URI uri = URI.create("filestore:" + directory.toAbsolutePath());
        CachingProvider provider = Caching.getCachingProvider(QuickStart.PROVIDER);
        MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.HOURS, 1)));

        try (CacheManager first = provider.getCacheManager(uri, null)) {
            Cache<String, String> sessions = first.createCache("sessions", configuration);
            sessions.put("alice", "cart=3 items");
            @SuppressWarnings("unchecked")
            StowageCache<String, String> extensions = sessions.unwrap(StowageCache.class);
            extensions.put("bob", "cart=empty", Duration.ofMinutes(5));
            out.println("first run stored " + count(sessions) + " sessions in " + uri.getScheme() + ": and closed");
        }
        try (CacheManager second = provider.getCacheManager(uri, null)) {
            Cache<String, String> sessions = second.createCache("sessions", configuration);
            @SuppressWarnings("unchecked")
            StowageCache<String, String> extensions = sessions.unwrap(StowageCache.class);
            for (String user : new String[] {"alice", "bob"}) {
                Duration left = extensions.expiresIn(user).orElseThrow();
                out.println("second run: " + user + " -> " + sessions.get(user) + ", expires in about "
                        + Math.round(left.toSeconds() / 60.0) + " min");
            }
            second.destroyCache("sessions");
        }
    }

    private static long count(Cache<String, String> cache) {
        long count = 0;
        for (Cache.Entry<String, String> ignored : cache) {
            count++;
        }
        return count;
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
