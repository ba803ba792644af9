package dev.stowage.redis.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackends;
import dev.stowage.channels.ChannelsUri;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Redis channels schemes through the channels module's {@link ChannelsBackends} lookup. */
class RedisChannelsBackendsTest {

    @Test
    void schemesFindTheirBackends() {
        for (String tcp : new String[] {"redis", "valkey"}) {
            for (String tls : new String[] {"", "s"}) {
                assertThat(ChannelsBackends.open(tcp + tls + "-pubsub://127.0.0.1:6379"))
                        .isInstanceOf(RedisPubSubChannelsBackend.class);
                assertThat(ChannelsBackends.open(tcp + tls + "-stream://127.0.0.1:6379?history=5"))
                        .isInstanceOf(RedisStreamChannelsBackend.class);
            }
        }
    }

    @Test
    void settingsAreReadInTheOneGrammarAndDurationSyntax() {
        RedisBackendSettings settings = RedisBackendSettings.streams(ChannelsUri.parse(
                "rediss-stream://u:pw@h1:7000,h2:7001/cluster?prefix=p&history=7&approximate=false&ttl=90s&block=100ms"
                        + "&buffer=9&timeout=1s"));
        assertThat(settings.redis().tls()).isTrue();
        assertThat(settings.redis().cluster()).isTrue();
        assertThat(settings.redis().addresses()).containsExactly("rediss://h1:7000", "rediss://h2:7001");
        assertThat(settings.redis().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.prefix()).isEqualTo("p");
        assertThat(settings.history()).isEqualTo(7);
        assertThat(settings.approximate()).isFalse();
        assertThat(settings.ttl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.block()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.eventBuffer()).isEqualTo(9);
        assertThat(settings.toString()).doesNotContain("pw").contains("u:****@");
        RedisBackendSettings defaults = RedisBackendSettings.streams(ChannelsUri.parse("redis-stream://h"));
        assertThat(defaults.ttl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.block()).isEqualTo(Duration.ofMillis(250));
        assertThat(defaults.history()).isEqualTo(100);
        assertThat(defaults.redis().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(RedisBackendSettings.streams(ChannelsUri.parse("redis-stream://h?ttl=0s")).ttl()).isZero();
    }

    @Test
    void oldFormsAreRefusedSayingWhatToWriteInstead() {
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://:secret@h:1?tls=true"))
                .hasMessage("Redis URI 'redis-stream://:****@h:1?tls=true' is invalid: there is no parameter 'tls': "
                        + "the scheme alone chooses TLS; write rediss-stream://... (or valkeys-stream://...)");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://:secret@h:1?ttl=60000"))
                .hasMessage("ttl '60000' is not a duration: a number needs a unit (use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M)"
                        + " in redis-stream://:****@h:1?ttl=60000");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:1?block=250"))
                .hasMessageStartingWith("block '250' is not a duration: a number needs a unit");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:1?block=0s"))
                .hasMessageStartingWith("block '0s' must be at least 1ms");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:1?ttl=10us"))
                .hasMessageEndingWith("ttl '10us' must be 0s (no time to live) or at least 1ms");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-pubsub://:secret@h:1?timeout=3000"))
                .hasMessageContaining("timeout '3000' is not a duration: a number needs a unit")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-pubsub://h1:1,h2:2"))
                .hasMessageContaining("several hosts are cluster seed nodes: write /cluster as the path");
    }

    @Test
    void badUrisAreRejectedNamingTheBadPart() {
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:port")).hasMessageContaining("'port'");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:1?histroy=3"))
                .hasMessageContaining("'histroy'");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:1?history=0"))
                .hasMessageContaining("'history'").hasMessageContaining(">= 1");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:1?prefix=a:b"))
                .hasMessageContaining("'a:b'");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-pubsub://:secret@h:1?ttl=5s"))
                .hasMessage("Redis URI 'redis-pubsub://:****@h:1?ttl=5s' is invalid: unknown parameter 'ttl'; "
                        + "known are buffer, cluster, nodes, prefix, timeout");
    }

    @Test
    void unreachableServerIsNamedWithoutItsPassword() {
        ChannelsBackend backend = ChannelsBackends.open("redis-stream://user:s3cret@127.0.0.1:1?history=5");
        assertThatThrownBy(backend::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot connect to Redis at 127.0.0.1:1 (URI 'redis-stream://user:****@127.0.0.1:1"
                        + "?history=5'): the Redis server at 127.0.0.1:1 is unreachable (")
                .hasMessageNotContaining("s3cret");
        backend.close();
    }

}
