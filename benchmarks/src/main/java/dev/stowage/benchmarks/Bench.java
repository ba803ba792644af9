package dev.stowage.benchmarks;

import java.net.URI;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * What the benchmarks share: the providers' class names, the Redis address, cache managers opened by
 * explicit provider name (several {@code CachingProvider}s are on the class path), test data.
 */
public final class Bench {

    /** Stowage's JCache provider. */
    public static final String STOWAGE = "dev.stowage.jcache.StowageCachingProvider";
    /** Caffeine's JCache adapter. */
    public static final String CAFFEINE = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
    /** Ehcache 3's JSR-107 provider. */
    public static final String EHCACHE = "org.ehcache.jsr107.EhcacheCachingProvider";
    /** cache2k's JCache provider (in-process; refuses array values, so it runs on the String grid). */
    public static final String CACHE2K = "org.cache2k.jcache.provider.JCacheProvider";
    /** Redisson's JCache provider. */
    public static final String REDISSON = "org.redisson.jcache.JCachingProvider";

    /** The environment variable that names the Redis server, as in the project's tests. */
    public static final String REDIS_URL_ENV = "STOWAGE_REDIS_URL";

    private Bench() {
    }

    /**
     * The provider's class name for a benchmark parameter value.
     *
     * @param name {@code stowage}, {@code caffeine}, {@code ehcache}, {@code cache2k} or {@code redisson}
     * @return the fully qualified {@code CachingProvider} class name
     * @throws IllegalArgumentException for another name
     */
    public static String providerClass(String name) {
        return switch (name) {
            case "stowage" -> STOWAGE;
            case "caffeine" -> CAFFEINE;
            case "ehcache" -> EHCACHE;
            case "cache2k" -> CACHE2K;
            case "redisson" -> REDISSON;
            default -> throw new IllegalArgumentException("unknown provider " + name);
        };
    }

    /**
     * Opens a cache manager of the named provider, chosen by class name.
     *
     * @param provider the benchmark name of the provider ({@link #providerClass(String)})
     * @param uri the manager URI, or null for the provider's default
     * @return the manager; close it when done
     */
    public static CacheManager manager(String provider, URI uri) {
        CachingProvider cachingProvider = Caching.getCachingProvider(providerClass(provider));
        ClassLoader loader = Bench.class.getClassLoader();
        return uri == null ? cachingProvider.getCacheManager(cachingProvider.getDefaultURI(), loader)
                : cachingProvider.getCacheManager(uri, loader);
    }

    /**
     * The Redis server's {@code host:port}: from {@value #REDIS_URL_ENV} (e.g.
     * {@code redis://10.0.0.5:6379}), else {@code 127.0.0.1:6379}.
     *
     * @return host and port, never null
     */
    public static String redisHostPort() {
        String url = System.getenv(REDIS_URL_ENV);
        if (url == null || url.isBlank()) {
            return "127.0.0.1:6379";
        }
        URI parsed = URI.create(url.trim());
        return parsed.getHost() + ":" + (parsed.getPort() < 0 ? 6379 : parsed.getPort());
    }

    /**
     * A Redisson client on {@link #redisHostPort()}, database 0, Redisson's defaults otherwise.
     *
     * @return a new client; shut it down when done
     */
    public static RedissonClient redisson() {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://" + redisHostPort()).setDatabase(0);
        return Redisson.create(config);
    }

    /**
     * A name no other run uses, for caches, namespaces and Redis key prefixes.
     *
     * @param what a readable prefix
     * @return {@code what} followed by a random suffix
     */
    public static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Random bytes.
     *
     * @param random the source
     * @param length how many
     * @return a new array
     */
    public static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /**
     * A sequence of uniformly random indexes, for benchmark threads to walk through.
     *
     * @param seed the random seed (different per thread)
     * @param length the sequence's length, a power of two
     * @param bound indexes are in {@code [0, bound)}
     * @return the sequence
     */
    public static int[] uniformIndexes(long seed, int length, int bound) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] indexes = new int[length];
        for (int i = 0; i < length; i++) {
            indexes[i] = random.nextInt(bound);
        }
        return indexes;
    }
}
