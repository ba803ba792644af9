package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.redis.SharedRedisClient;
import dev.stowage.store.NamespacedStore;
import dev.stowage.store.StoreContract;
import dev.stowage.testing.RedisServers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Runs the store contract against the Redis backend on a standalone server (the shared one, or one the
 * test support starts), in a root namespace of its own; the contract's clock stands for Redis's clock
 * through {@link ClockSweptStore}.
 */
class RedisStoreContractTest extends StoreContract {

    private static final String ROOT = RedisTestClients.uniqueNamespace("contract");
    private static SharedRedisClient shared;
    private static RedissonClient client;

    @BeforeAll
    static void connect() {
        shared = RedisTestClients.standalone(RedisServers.standalone());
        client = shared.client();
    }

    @AfterAll
    static void cleanUpAndDisconnect() {
        try (RedisStore root = new RedisStore(client, ROOT, false)) {
            root.deleteAll();
        } finally {
            shared.close();
        }
    }

    @Override
    protected NamespacedStore createStore(Clock clock) {
        return ClockSweptStore.over(new RedisStore(client, ROOT, false, clock, RedisServers.standalone()), clock);
    }

    @Override
    protected boolean nativeExpiry() {
        return true;
    }

    @Test
    void aKeyWithALoneSurrogateIsRefusedRatherThanMergedWithAnother() {
        byte[] value = "v".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> store.set("a\uD800b", value, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+D800 at index 1");
        assertThatThrownBy(() -> store.get("x\uDC00", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.exists("a?b")).isFalse();
        store.set("smile \uD83D\uDE00", value, null);
        assertThat(store.get("smile \uD83D\uDE00", null)).isEqualTo(value);
    }
}
