package dev.stowage.spring.boot;

import dev.stowage.common.UriMask;
import dev.stowage.store.NamespacedStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import javax.cache.CacheManager;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The actuator health of the cache manager's store (component {@code stowage}): a probe through the
 * store SPI — write a short-lived key in the manager's root namespace, read it back, delete it — so
 * it says "the Redis server answers and takes writes", "the directory is writable", whatever the
 * backend, without knowing its class. {@code UP} with the manager URI (password masked) and the
 * probe's time; {@code DOWN} with the failure. Thread-safe.
 */
public class StowageHealthIndicator extends AbstractHealthIndicator {

    /** How long a probe key lives if its delete is lost. */
    private static final Duration PROBE_LIFETIME = Duration.ofMinutes(1);

    private final CacheManager cacheManager;

    /**
     * Creates the indicator.
     *
     * @param cacheManager the Stowage JCache manager, not {@code null}
     */
    public StowageHealthIndicator(CacheManager cacheManager) {
        super("Stowage store health check failed");
        this.cacheManager = cacheManager;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("uri", UriMask.mask(cacheManager.getURI().toString()));
        if (cacheManager.isClosed()) {
            builder.down().withDetail("error", "the cache manager is closed");
            return;
        }
        NamespacedStore store = cacheManager.unwrap(NamespacedStore.class);
        String key = "stowage-health-" + UUID.randomUUID();
        byte[] probe = key.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        store.set(key, probe, PROBE_LIFETIME);
        try {
            if (!Arrays.equals(store.get(key), probe)) {
                builder.down().withDetail("error", "a probe written to the store did not read back");
                return;
            }
        } finally {
            store.delete(key);
        }
        builder.up().withDetail("probeMillis", Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
