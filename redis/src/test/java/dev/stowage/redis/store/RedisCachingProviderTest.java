package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.jcache.StowageCachingProvider;
import java.net.URI;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JCache provider on Redis URIs, with the Redis module on the class path. */
class RedisCachingProviderTest {

    private final StowageCachingProvider provider = new StowageCachingProvider();

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void anUnreachableServerIsNamedWithoutItsPassword() {
        assertThatThrownBy(() -> provider.getCacheManager(URI.create("redis://app:s3cret@127.0.0.1:1/0?timeout=500ms"), null))
                .isInstanceOf(CacheException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret");
    }
}
