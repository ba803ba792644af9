package dev.stowage.examples;

import java.io.PrintStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.cache.spi.CachingProvider;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The quick start: plain JCache (JSR-107) code, nothing Stowage-specific. It finds the caching
 * provider through {@link Caching} (which uses {@link ServiceLoader}), opens the default cache manager (the memory backend when
 * neither {@code -Dstowage.uri} nor {@code STOWAGE_URI} says otherwise), and creates a cache of
 * users with an {@link AccessedExpiryPolicy}, read-through from a {@link CacheLoader} that stands for
 * a database, and a listener that prints every change.
 */
public final class QuickStart {

    /** The class name of Stowage's {@link CachingProvider}, as registered for {@link ServiceLoader}. */
    static final String PROVIDER = "dev.stowage.jcache.StowageCachingProvider";

    private QuickStart() {
    }

    /**
     * Runs the quick start, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the quick start.
     *
     * @param out where to print what happens, not {@code null}
     */
    public static void run(PrintStream out) {
        PRINTER.set(out);
        // Caching finds providers through ServiceLoader. With one provider on the class path,
        // Caching.getCachingProvider() is enough; this class path also has Redisson's (the channels
        // example uses Redisson), so the provider is named.
        CachingProvider provider = Caching.getCachingProvider(PROVIDER);
        out.println("provider: " + provider.getClass().getName());
        try (CacheManager manager = provider.getCacheManager()) {
            out.println("cache manager: " + manager.getURI());
            MutableConfiguration<Long, String> configuration = new MutableConfiguration<Long, String>()
                    .setTypes(Long.class, String.class)
                    .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 10)))
                    .setReadThrough(true)
                    .setCacheLoaderFactory(FactoryBuilder.factoryOf(new UserDatabase()))
                    .setStatisticsEnabled(true)
                    .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                            FactoryBuilder.factoryOf(new PrintingListener()), null, true, true));
            Cache<Long, String> users = manager.createCache("users", configuration);

            out.println("get(1) -> " + users.get(1L));
            out.println("get(1) -> " + users.get(1L));
            users.put(2L, "grace");
            users.put(2L, "grace hopper");
            out.println("invoke(2, upper case) -> " + users.invoke(2L, (entry, arguments) -> {
                entry.setValue(entry.getValue().toUpperCase());
                return entry.getValue();
            }));
            out.println("remove(2) -> " + users.remove(2L));
            out.println("get(3) -> " + users.get(3L) + " (the database has no user 3)");
            out.println("contains 1 and 3 -> " + users.containsKey(1L) + ", " + users.containsKey(3L));
            printStatistics(out);
            manager.destroyCache("users");
        } finally {
            PRINTER.remove();
        }
    }

    /** Reads the cache's statistics where JMX tools and Micrometer's JCacheMetrics find them. */
    private static void printStatistics(PrintStream out) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("javax.cache:type=CacheStatistics,Cache=users,*"), null)) {
                out.println("statistics: hits=" + server.getAttribute(name, "CacheHits")
                        + " misses=" + server.getAttribute(name, "CacheMisses")
                        + " puts=" + server.getAttribute(name, "CachePuts")
                        + " removals=" + server.getAttribute(name, "CacheRemovals"));
            }
        } catch (JMException e) {
            throw new IllegalStateException("reading the cache statistics failed", e);
        }
    }

    /** Stands for a database table of users, read through on a cache miss. */
    static final class UserDatabase implements CacheLoader<Long, String>, Serializable {

        private static final long serialVersionUID = 1L;
        private static final Map<Long, String> ROWS = Map.of(1L, "ada lovelace", 2L, "grace hopper");

        @Override
        public String load(Long key) {
            String row = ROWS.get(key);
            PRINTER.get().println("  database: load " + key + " -> " + row);
            return row;
        }

        @Override
        public Map<Long, String> loadAll(Iterable<? extends Long> keys) {
            Map<Long, String> rows = new java.util.HashMap<>();
            keys.forEach(key -> {
                String row = load(key);
                if (row != null) {
                    rows.put(key, row);
                }
            });
            return rows;
        }
    }

    /** Prints every created, updated and removed entry. */
    static final class PrintingListener implements CacheEntryCreatedListener<Long, String>,
            CacheEntryUpdatedListener<Long, String>, CacheEntryRemovedListener<Long, String>, Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends Long, ? extends String>> events) {
            events.forEach(e -> PRINTER.get().println("  listener: created " + e.getKey() + " = " + e.getValue()));
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends Long, ? extends String>> events) {
            events.forEach(e -> PRINTER.get().println("  listener: updated " + e.getKey() + " = " + e.getValue()
                    + " (was " + e.getOldValue() + ")"));
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends Long, ? extends String>> events) {
            events.forEach(e -> PRINTER.get().println("  listener: removed " + e.getKey() + " (was "
                    + e.getOldValue() + ")"));
        }
    }

    /** Where the loader and listener print: the stream of the running example. */
    private static final ThreadLocal<PrintStream> PRINTER = ThreadLocal.withInitial(() -> System.out);
}
