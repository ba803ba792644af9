package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.store.StoreException;
import dev.stowage.store.Stores;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and validation of Redis / Valkey store URIs ({@link RedisStoreUri}). */
class RedisStoreUriTest {

    @Test
    void aFullUriIsParsed() {
        RedisStoreUri uri = RedisStoreUri.parse("redis://app:s%40cret@cache.example:6380/2?namespace=APP&timeout=1500ms");
        assertThat(uri.tls()).isFalse();
        assertThat(uri.host()).isEqualTo("cache.example");
        assertThat(uri.port()).isEqualTo(6380);
        assertThat(uri.database()).isEqualTo(2);
        assertThat(uri.username()).isEqualTo("app");
        assertThat(uri.password()).isEqualTo("s@cret");
        assertThat(uri.namespace()).isEqualTo("APP");
        assertThat(uri.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(uri.cluster()).isFalse();
        assertThat(uri.address()).isEqualTo("redis://cache.example:6380");
        assertThat(uri.toString()).isEqualTo("redis://app:****@cache.example:6380/2?namespace=APP&timeout=1500ms");
    }

    @Test
    void defaultsAreThoseOfLitestar() {
        RedisStoreUri uri = RedisStoreUri.parse("redis://localhost");
        assertThat(uri.port()).isEqualTo(6379);
        assertThat(uri.database()).isZero();
        assertThat(uri.username()).isNull();
        assertThat(uri.password()).isNull();
        assertThat(uri.namespace()).isEqualTo(RedisStore.DEFAULT_NAMESPACE);
        assertThat(uri.timeout()).isEqualTo(RedisStoreUri.DEFAULT_TIMEOUT);
    }

    @Test
    void tlsAndValkeySchemes() {
        assertThat(RedisStoreUri.parse("rediss://h").tls()).isTrue();
        assertThat(RedisStoreUri.parse("rediss://h").address()).isEqualTo("rediss://h:6379");
        assertThat(RedisStoreUri.parse("valkey://h").tls()).isFalse();
        assertThat(RedisStoreUri.parse("valkey://h").address()).isEqualTo("redis://h:6379");
        assertThat(RedisStoreUri.parse("valkeys://h:7000").address()).isEqualTo("rediss://h:7000");
        assertThat(new RedisStoreFactory().schemes()).containsExactlyInAnyOrder("redis", "rediss", "valkey", "valkeys");
    }

    @Test
    void theNamespaceMayBeInThePathOrDisabled() {
        assertThat(RedisStoreUri.parse("redis://h/0/my%20app").namespace()).isEqualTo("my app");
        assertThat(RedisStoreUri.parse("redis://h/3/APP").database()).isEqualTo(3);
        assertThat(RedisStoreUri.parse("redis://h?namespace=").namespace()).isNull();
        assertThat(RedisStoreUri.parse("redis://h?namespace=a%3Ab").namespace()).isEqualTo("a:b");
    }

    @Test
    void clusterSeedsAndTimeouts() {
        RedisStoreUri uri = RedisStoreUri.parse("redis://n1:7000?cluster=true&nodes=n2:7001,n3:7002&timeout=2s");
        assertThat(uri.cluster()).isTrue();
        assertThat(uri.addresses()).containsExactly("redis://n1:7000", "redis://n2:7001", "redis://n3:7002");
        assertThat(uri.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(RedisStoreUri.parse("redis://h?timeout=1m").timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(RedisStoreUri.parse("redis://h?timeout=250").timeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theWordClusterInPlaceOfTheDatabaseMeansACluster() {
        RedisStoreUri uri = RedisStoreUri.parse("redis://n1:7000/cluster/APP");
        assertThat(uri.cluster()).isTrue();
        assertThat(uri.database()).isZero();
        assertThat(uri.namespace()).isEqualTo("APP");
        assertThat(uri.addresses()).containsExactly("redis://n1:7000");
        assertThat(RedisStoreUri.parse("redis://n1:7000/cluster").namespace()).isEqualTo(RedisStore.DEFAULT_NAMESPACE);
        assertThat(RedisStoreUri.parse("redis://n1:7000/cluster?nodes=n2:7001").addresses())
                .containsExactly("redis://n1:7000", "redis://n2:7001");
        assertThatThrownBy(() -> RedisStoreUri.parse("redis://u:topsecret@h/clusters/APP"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'/clusters/APP'")
                .hasMessageContaining("u:****@").hasMessageNotContaining("topsecret");
    }

    @Test
    void malformedUrisAreRefusedNamingTheUriWithThePasswordMasked() {
        List<String[]> cases = List.of(
                new String[] {"redis://u:topsecret@h?bogus=1", "unknown parameter 'bogus'"},
                new String[] {"redis://u:topsecret@h?timeout=soon", "timeout 'soon'"},
                new String[] {"redis://u:topsecret@h?timeout=0s", "timeout '0s'"},
                new String[] {"redis://u:topsecret@h/x", "'/x'"},
                new String[] {"redis://u:topsecret@h/0/a/b", "'/0/a/b'"},
                new String[] {"redis://u:topsecret@h/1?cluster=true", "only database 0"},
                new String[] {"redis://u:topsecret@h?nodes=a:1", "needs cluster=true"},
                new String[] {"redis://u:topsecret@h?cluster=yes", "cluster 'yes'"},
                new String[] {"redis://u:topsecret@h?cluster=true&nodes=a", "node 'a'"},
                new String[] {"redis://u:topsecret@h/0/APP?namespace=B", "namespace twice"},
                new String[] {"redis://u:topsecret@h?timeout=1s&timeout=2s", "given twice"},
                new String[] {"redis://u:topsecret@h?namespace", "has no value"},
                new String[] {"redis://u:topsecret@h?namespace=%zz", "not a URI"},
                new String[] {"http://u:topsecret@h", "scheme"},
                new String[] {"redis://u:topsecret@/0", "no host"},
                new String[] {"redis://u:topsecret@h#frag", "fragment"},
                new String[] {"redis://u:topsecret@h:port", "host[:port]"});
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
    }

    @Test
    void anUnreachableServerIsAStoreExceptionNamingTheAddressButNeverThePassword() {
        int port = dev.stowage.testing.LoopbackPorts.free();
        String uri = "redis://user:hunter2@127.0.0.1:" + port + "/0?timeout=500ms";
        assertThatThrownBy(() -> Stores.open(URI.create(uri), null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageNotContaining("hunter2");
    }
}
