package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.redis.RedisNode;
import dev.stowage.redis.RedisUri;
import dev.stowage.store.StoreException;
import dev.stowage.store.Stores;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store's view of the one Redis URI grammar ({@link RedisStoreUri}): its namespace, and its errors. */
class RedisStoreUriTest {

    @Test
    void aFullUriIsParsed() {
        RedisStoreUri settings = RedisStoreUri.parse("redis://app:s%40cret@cache.example:6380/2?namespace=APP&timeout=1500ms");
        RedisUri uri = settings.uri();
        assertThat(uri.tls()).isFalse();
        assertThat(uri.nodes()).containsExactly(new RedisNode("cache.example", 6380));
        assertThat(uri.database()).isEqualTo(2);
        assertThat(uri.username()).isEqualTo("app");
        assertThat(uri.password()).isEqualTo("s@cret");
        assertThat(settings.namespace()).isEqualTo("APP");
        assertThat(uri.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(uri.cluster()).isFalse();
        assertThat(uri.addresses()).containsExactly("redis://cache.example:6380");
        assertThat(settings.toString()).isEqualTo("redis://app:****@cache.example:6380/2?namespace=APP&timeout=1500ms");
    }

    @Test
    void defaultsAreThoseOfLitestar() {
        RedisStoreUri settings = RedisStoreUri.parse("redis://localhost");
        assertThat(settings.uri().nodes()).containsExactly(new RedisNode("localhost", 6379));
        assertThat(settings.uri().database()).isZero();
        assertThat(settings.uri().username()).isNull();
        assertThat(settings.uri().password()).isNull();
        assertThat(settings.namespace()).isEqualTo(RedisStore.DEFAULT_NAMESPACE);
        assertThat(settings.uri().timeout()).isEqualTo(RedisUri.DEFAULT_TIMEOUT);
    }

    @Test
    void theLockLeaseIsADurationOfAtLeast100Milliseconds() {
        assertThat(RedisStoreUri.parse("redis://h/0/APP").lockLease()).isEqualTo(RedisStore.DEFAULT_LOCK_LEASE);
        assertThat(RedisStoreUri.parse("redis://h/0/APP?lockLease=5s").lockLease()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> RedisStoreUri.parse("redis://u:topsecret@h/0/APP?lockLease=5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Redis URI 'redis://u:****@h/0/APP?lockLease=5' is invalid: ")
                .hasMessageContaining("lockLease");
        assertThatThrownBy(() -> RedisStoreUri.parse("redis://h/0/APP?lockLease=50ms"))
                .hasMessageEndingWith("lockLease '50ms' must be at least 100ms");
    }

    @Test
    void theFactoryServesTheFourStoreSchemes() {
        assertThat(new RedisStoreFactory().schemes()).containsExactlyInAnyOrder("redis", "rediss", "valkey", "valkeys");
    }

    @Test
    void theNamespaceMayBeInThePathOrDisabled() {
        assertThat(RedisStoreUri.parse("redis://h/0/my%20app").namespace()).isEqualTo("my app");
        assertThat(RedisStoreUri.parse("redis://h/3/APP").uri().database()).isEqualTo(3);
        assertThat(RedisStoreUri.parse("redis://h/cluster/APP").namespace()).isEqualTo("APP");
        assertThat(RedisStoreUri.parse("redis://h?namespace=").namespace()).isNull();
        assertThat(RedisStoreUri.parse("redis://h?namespace=a%3Ab").namespace()).isEqualTo("a:b");
    }

    @Test
    void malformedUrisAreRefusedNamingTheUriWithThePasswordMasked() {
        List<String[]> cases = List.of(
                new String[] {"redis://u:topsecret@h?bogus=1",
                    "Redis URI 'redis://u:****@h?bogus=1' is invalid: unknown parameter 'bogus'; "
                            + "known are cluster, lockLease, namespace, nodes, timeout"},
                new String[] {"redis://u:topsecret@h/0/APP?namespace=B", "namespace twice"},
                new String[] {"redis://u:topsecret@h/0/a/b", "'/0/a/b'"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> RedisStoreUri.parse(c[0])).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("u:****@")
                    .hasMessageContaining(c[1])
                    .hasMessageNotContaining("topsecret");
        }
    }

    @Test
    void withClientChecksItsArguments() {
        assertThatThrownBy(() -> RedisStore.withClient("redis://h", -1, null, null, "N"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> RedisStore.withClient("redis://h", 0, null, null, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> RedisStore.withClient("redis://h/cluster", 2, null, null, "N"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only database 0, not 2");
    }

    @Test
    void anUnreachableServerIsAStoreExceptionNamingTheAddressButNeverThePassword() {
        int port = dev.stowage.testing.LoopbackPorts.free();
        String uri = "redis://user:hunter2@127.0.0.1:" + port + "/0?timeout=500ms";
        assertThatThrownBy(() -> Stores.open(URI.create(uri), null))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot connect to Redis at 127.0.0.1:" + port
                        + " (URI 'redis://user:****@127.0.0.1:" + port + "/0?timeout=500ms'): the Redis server at 127.0.0.1:"
                        + port + " is unreachable (")
                .hasMessageNotContaining("hunter2");
    }
}
