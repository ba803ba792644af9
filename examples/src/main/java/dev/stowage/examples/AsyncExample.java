package dev.stowage.examples;

import dev.stowage.jcache.AsyncStowageCache;
import dev.stowage.jcache.StowageCache;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * The asynchronous API, after the privex {@code AsyncRedisCache}: a JCache cache unwrapped to
 * {@link StowageCache}, whose {@link StowageCache#async() async()} returns {@link java.util.concurrent.CompletionStage}s
 * for {@code put} with a time to live (privex {@code set}), {@code get}, {@code getAll}, {@code touch}
 * (privex {@code update_timeout}), {@code getOrSet} (privex {@code get_or_set}: 10 concurrent callers,
 * one load) and {@code removeAll} (privex {@code remove(*keys)}). On a Redis URI the calls are sent
 * through Redisson's asynchronous API and pipelined; on memory and file they complete on the
 * provider's executor. Run it with a store URI as argument ({@code memory:/} by default), e.g.
 * {@code redis://localhost:6379/0/example}.
 */
public final class AsyncExample {

    private AsyncExample() {
    }

    /**
     * Runs the example, printing to standard output.
     *
     * @param args the store URI, or nothing for {@code memory:/}
     */
    public static void main(String[] args) {
        run(args.length > 0 ? args[0] : "memory:/", System.out);
    }

    /**
     * Runs the example on a store, waiting for each step's stages before printing it.
     *
     * @param uri the cache manager's URI (a store URI), not {@code null}
     * @param out where to print what happens, not {@code null}
     */
    public static void run(String uri, PrintStream out) {
        CachingProvider provider = Caching.getCachingProvider(QuickStart.PROVIDER);
        try (CacheManager manager = provider.getCacheManager(URI.create(uri), AsyncExample.class.getClassLoader())) {
            Cache<String, String> cache = manager.createCache("async-users",
                    new MutableConfiguration<String, String>().setTypes(String.class, String.class));
            @SuppressWarnings("unchecked")
            AsyncStowageCache<String, String> users = cache.unwrap(StowageCache.class).async();

            CompletableFuture.allOf(users.put("1", "ada").toCompletableFuture(),
                    users.put("2", "grace", Duration.ofMinutes(10)).toCompletableFuture()).join();
            out.println("put 1 (no expiry) and 2 (10 min) -> done");
            out.println("get(1) -> " + users.get("1").toCompletableFuture().join());
            out.println("getAll(1, 2, 9) -> " + new TreeMap<>(users.getAll(Set.of("1", "2", "9")).toCompletableFuture().join()));
            boolean touched = users.touch("2", Duration.ofHours(1)).toCompletableFuture().join();
            long minutes = users.expiresIn("2").toCompletableFuture().join().map(left -> Math.round(left.toSeconds() / 60.0))
                    .orElse(-1L);
            out.println("touch(2, 1 h) -> " + touched + ", expires in about " + minutes + " min");
            out.println("touch(9, 1 h) -> " + users.touch("9", Duration.ofHours(1)).toCompletableFuture().join());

            AtomicInteger loads = new AtomicInteger();
            List<CompletableFuture<String>> callers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                callers.add(users.getOrSet("3", key -> {
                    loads.incrementAndGet();
                    sleep(200);
                    return "user-" + key + " from the database";
                }, Duration.ofMinutes(5)).toCompletableFuture());
            }
            CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).join();
            out.println("getOrSet(3) from 10 callers -> " + loads.get() + " load, every caller got '"
                    + callers.get(9).join() + "'");

            users.removeAll(Set.of("1", "2", "3")).toCompletableFuture().join();
            Map<String, String> left = users.getAll(Set.of("1", "2", "3")).toCompletableFuture().join();
            out.println("removeAll(1, 2, 3) -> left: " + left);
            manager.destroyCache("async-users");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
