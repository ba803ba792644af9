package dev.stowage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one Redis URI grammar ({@link RedisUri}) of stores and channels: every form, and every error. */
class RedisUriTest {

    private static final Set<String> STORE = Set.of("namespace");
    private static final Set<String> CHANNELS = Set.of("prefix", "history");

    private static RedisUri store(String text) {
        return RedisUri.parse(text, RedisUri.Kind.STORE, STORE);
    }

    private static RedisUri stream(String text) {
        return RedisUri.parse(text, RedisUri.Kind.STREAM, CHANNELS);
    }

    @Test
    void everyPartOfAStoreUri() {
        RedisUri uri = store("redis://app:s%40cret%3A1@cache.example:6380/2/my%20app?timeout=1500ms&namespace=x");
        assertThat(uri.scheme()).isEqualTo("redis");
        assertThat(uri.kind()).isEqualTo(RedisUri.Kind.STORE);
        assertThat(uri.tls()).isFalse();
        assertThat(uri.nodes()).containsExactly(new RedisNode("cache.example", 6380));
        assertThat(uri.username()).isEqualTo("app");
        assertThat(uri.password()).isEqualTo("s@cret:1");
        assertThat(uri.database()).isEqualTo(2);
        assertThat(uri.cluster()).isFalse();
        assertThat(uri.pathNamespace()).isEqualTo("my app");
        assertThat(uri.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(uri.parameters()).isEqualTo(Map.of("namespace", "x"));
        assertThat(uri.parameter("namespace")).isEqualTo("x");
        assertThat(uri.parameter("timeout")).isNull();
        assertThat(uri.addresses()).containsExactly("redis://cache.example:6380");
        assertThat(uri).hasToString("redis://app:****@cache.example:6380/2/my%20app?timeout=1500ms&namespace=x");
    }

    @Test
    void defaults() {
        RedisUri uri = store("redis://localhost");
        assertThat(uri.nodes()).containsExactly(new RedisNode("localhost", 6379));
        assertThat(uri.database()).isZero();
        assertThat(uri.username()).isNull();
        assertThat(uri.password()).isNull();
        assertThat(uri.pathNamespace()).isNull();
        assertThat(uri.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(uri.cluster()).isFalse();
        assertThat(store("redis://h/").database()).isZero();
        assertThat(store("redis://:pw@h").username()).isNull();
        assertThat(store("redis://:pw@h").password()).isEqualTo("pw");
        assertThat(store("redis://user@h").password()).isNull();
    }

    @Test
    void onlyTheSchemeChoosesTls() {
        for (RedisUri.Kind kind : RedisUri.Kind.values()) {
            for (String scheme : kind.schemes()) {
                RedisUri uri = RedisUri.parse(scheme + "://h:7000", kind, Set.of());
                boolean tls = scheme.startsWith("rediss") || scheme.startsWith("valkeys");
                assertThat(uri.tls()).as(scheme).isEqualTo(tls);
                assertThat(uri.addresses()).as(scheme).containsExactly((tls ? "rediss" : "redis") + "://h:7000");
            }
        }
        assertThat(RedisUri.Kind.STORE.schemes()).containsExactly("redis", "valkey", "rediss", "valkeys");
        assertThat(RedisUri.Kind.PUBSUB.schemes())
                .containsExactly("redis-pubsub", "valkey-pubsub", "rediss-pubsub", "valkeys-pubsub");
        assertThat(RedisUri.Kind.STREAM.schemes())
                .containsExactly("redis-stream", "valkey-stream", "rediss-stream", "valkeys-stream");
        assertThat(store("REDISS://h").scheme()).isEqualTo("rediss");
    }

    @Test
    void theTlsParameterIsRefusedNamingTheScheme() {
        assertThatThrownBy(() -> stream("redis-stream://u:topsecret@h?tls=true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URI 'redis-stream://u:****@h?tls=true' is invalid: there is no parameter 'tls': "
                        + "the scheme alone chooses TLS; write rediss-stream://... (or valkeys-stream://...)");
        assertThatThrownBy(() -> store("redis://h?tls=true")).hasMessageContaining("write rediss://...");
    }

    @Test
    void aClusterWithoutQuestionMarkThroughTheClusterPath() {
        RedisUri uri = store("redis://h1:7000,h2:7001/cluster/APP");
        assertThat(uri.cluster()).isTrue();
        assertThat(uri.database()).isZero();
        assertThat(uri.pathNamespace()).isEqualTo("APP");
        assertThat(uri.nodes()).containsExactly(new RedisNode("h1", 7000), new RedisNode("h2", 7001));
        assertThat(uri.addresses()).containsExactly("redis://h1:7000", "redis://h2:7001");
        assertThat(store("rediss://h1:7000/cluster").addresses()).containsExactly("rediss://h1:7000");
        assertThat(store("redis://h1:7000/cluster").cluster()).isTrue();
        assertThat(stream("redis-stream://h1:7000,h2:7001/cluster?prefix=p").cluster()).isTrue();
    }

    @Test
    void theQueryFormsOfAClusterStayAccepted() {
        RedisUri uri = store("redis://n1:7000?cluster=true&nodes=n2:7001,n3:7002&timeout=2s");
        assertThat(uri.cluster()).isTrue();
        assertThat(uri.addresses()).containsExactly("redis://n1:7000", "redis://n2:7001", "redis://n3:7002");
        assertThat(uri.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(uri.parameters()).isEmpty();
        assertThat(store("redis://n1:7000/0/APP?cluster=true").cluster()).isTrue();
        assertThat(store("redis://n1:7000,n2:7001?cluster=TRUE").nodes()).hasSize(2);
        assertThat(store("redis://n1:7000/cluster?cluster=true").cluster()).isTrue();
        assertThat(store("redis://h?cluster=false").cluster()).isFalse();
    }

    @Test
    void ipv6Hosts() {
        RedisUri uri = store("redis://[::1]:7000,[fe80::2]/cluster");
        assertThat(uri.nodes()).containsExactly(new RedisNode("::1", 7000), new RedisNode("fe80::2", 6379));
        assertThat(uri.addresses()).containsExactly("redis://[::1]:7000", "redis://[fe80::2]:6379");
    }

    @Test
    void timeoutsUseTheOneDurationSyntax() {
        assertThat(store("redis://h?timeout=1m").timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(store("redis://h?timeout=PT0.25S").timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(store("redis://h?timeout=1s500ms").timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> store("redis://u:topsecret@h?timeout=250"))
                .hasMessage("Redis URI 'redis://u:****@h?timeout=250' is invalid: timeout '250' is not a duration: "
                        + "a number needs a unit (use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)");
        assertThatThrownBy(() -> store("redis://h?timeout=5x"))
                .hasMessage("Redis URI 'redis://h?timeout=5x' is invalid: timeout '5x' is not a duration "
                        + "(use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)");
        assertThatThrownBy(() -> store("redis://h?timeout=0s")).hasMessageEndingWith("timeout '0s' must be at least 1ms");
        assertThatThrownBy(() -> store("redis://h?timeout=500us")).hasMessageEndingWith("must be at least 1ms");
        assertThatThrownBy(() -> store("redis://h?timeout=30d")).hasMessageEndingWith("must be at most 24d20h31m23s647ms");
    }

    @Test
    void channelsUrisHaveNoNamespaceInThePath() {
        assertThat(stream("redis-stream://h/3").database()).isEqualTo(3);
        assertThatThrownBy(() -> stream("redis-stream://h/0/APP"))
                .hasMessageEndingWith("the path of a channels URI must be /DB or /cluster (DB a database number; "
                        + "name the keys with prefix=...), not '/0/APP'");
    }

    @Test
    void anUnknownParameterReadsTheSameEverywhere() {
        assertThatThrownBy(() -> store("redis://u:topsecret@h:1/0?x=1"))
                .hasMessage("Redis URI 'redis://u:****@h:1/0?x=1' is invalid: unknown parameter 'x'; "
                        + "known are cluster, namespace, nodes, timeout");
        assertThatThrownBy(() -> stream("redis-stream://u:topsecret@h:1/0?x=1"))
                .hasMessage("Redis URI 'redis-stream://u:****@h:1/0?x=1' is invalid: unknown parameter 'x'; "
                        + "known are cluster, history, nodes, prefix, timeout");
    }

    @Test
    void malformedUrisAreRefusedNamingTheBadPartButNeverThePassword() {
        List<String[]> cases = List.of(
                new String[] {"http://u:topsecret@h", "the scheme 'http' is not one of redis, valkey, rediss, valkeys"},
                new String[] {"redis-stream://u:topsecret@h", "the scheme 'redis-stream' is not one of redis,"},
                new String[] {"redis://u:topsecret@/0", "it names no host (write e.g. redis://localhost:6379)"},
                new String[] {"redis://u:topsecret@h:port", "node 'h:port' is not host[:port] with a port from 1 to 65535"},
                new String[] {"redis://u:topsecret@h:0", "node 'h:0'"},
                new String[] {"redis://u:topsecret@h:70000", "node 'h:70000'"},
                new String[] {"redis://u:topsecret@h1,,h2/cluster", "node ''"},
                new String[] {"redis://u:topsecret@h#frag", "a fragment (#...) has no meaning here"},
                new String[] {"redis://u:topsecret@h/x", "the path must be /DB, /DB/namespace, /cluster or "
                        + "/cluster/namespace (DB a database number), not '/x'"},
                new String[] {"redis://u:topsecret@h/0/a/b", "not '/0/a/b'"},
                new String[] {"redis://u:topsecret@h/0/", "not '/0/'"},
                new String[] {"redis://u:topsecret@h1:7000,h2:7001/0", "several hosts are cluster seed nodes: write "
                        + "/cluster as the path (e.g. redis://h1:7000,h2:7001/cluster) or cluster=true"},
                new String[] {"redis://u:topsecret@h/1?cluster=true", "a Redis Cluster has only database 0, not 1"},
                new String[] {"redis://u:topsecret@h/cluster?cluster=false", "the path says /cluster but"},
                new String[] {"redis://u:topsecret@h?nodes=a:1", "nodes=... names cluster seed nodes: it needs /cluster"},
                new String[] {"redis://u:topsecret@h?cluster=yes", "cluster 'yes' must be true or false"},
                new String[] {"redis://u:topsecret@h/cluster?nodes=a:x", "node 'a:x'"},
                new String[] {"redis://u:topsecret@h?timeout=1s&timeout=2s", "parameter 'timeout' is given twice"},
                new String[] {"redis://u:topsecret@h?namespace", "parameter 'namespace' has no value (write namespace=...)"},
                new String[] {"redis://u:topsecret@h?namespace=%zz", "it holds a malformed %-escape"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> store(c[0])).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Redis URI '" + c[0].replace("topsecret", "****") + "' is invalid: ")
                    .hasMessageContaining(c[1])
                    .hasMessageNotContaining("topsecret");
        }
    }

    @Test
    void aPasswordWithAnUnescapedSlashIsNeverShown() {
        assertThatThrownBy(() -> store("redis://user:top/secret@h/0"))
                .hasMessage("Redis URI 'redis://user:****@h/0' is invalid: its authority is not "
                        + "[user[:password]@]host[:port]; percent-encode a '/', '?', '#' or '@' in a user name or "
                        + "password (%2F, %3F, %23, %40)");
        assertThatThrownBy(() -> store("redis://user:top?secret@h/0"))
                .hasMessageNotContaining("top").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> store("redis:/user:topsecret@h/0"))
                .hasMessage("Redis URI 'redis:****' is invalid: it must start with SCHEME:// where SCHEME is one of "
                        + "redis, valkey, rediss, valkeys");
    }

    @Test
    void aStoreAndAChannelsUriOnTheSameServerHaveOneConnection() {
        RedisConnection storeConnection = store("redis://u:pw@127.0.0.1:6379/0/APP").connection();
        assertThat(RedisUri.parse("redis-pubsub://u:pw@127.0.0.1:6379/0?prefix=p", RedisUri.Kind.PUBSUB, CHANNELS)
                .connection()).isEqualTo(storeConnection);
        assertThat(RedisUri.parse("valkey-stream://u:pw@127.0.0.1/0", RedisUri.Kind.STREAM, CHANNELS)
                .connection()).isEqualTo(storeConnection);
        assertThat(store("redis://u:pw@127.0.0.1:6379/1/APP").connection()).isNotEqualTo(storeConnection);
        assertThat(store("redis://u:pw@127.0.0.1:6379/0/APP?timeout=1s").connection()).isNotEqualTo(storeConnection);
        assertThat(store("rediss://u:pw@127.0.0.1:6379/0/APP").connection()).isNotEqualTo(storeConnection);
        assertThat(store("redis://u:other@127.0.0.1:6379/0/APP").connection()).isNotEqualTo(storeConnection);
        assertThat(storeConnection.toString()).contains("password ****").doesNotContain("pw,");
    }

    @Test
    void partsMayBeReplacedForLitestarsWithClient() {
        RedisUri uri = store("redis://u:pw@h/2/APP").with(5, "other", "secret2");
        assertThat(uri.database()).isEqualTo(5);
        assertThat(uri.username()).isEqualTo("other");
        assertThat(uri.password()).isEqualTo("secret2");
        assertThat(uri.pathNamespace()).isEqualTo("APP");
        assertThat(store("redis://u:pw@h/2").with(null, null, null).database()).isEqualTo(2);
        assertThatThrownBy(() -> store("redis://h").with(-1, null, null)).hasMessageEndingWith("must be 0 or more, not -1");
    }
}
