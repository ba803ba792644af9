package dev.stowage.redis.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackends;
import org.junit.jupiter.api.Test;

/** The Redis channels schemes through the channels module's {@link ChannelsBackends} lookup. */
class RedisChannelsBackendsTest {

    @Test
    void schemesFindTheirBackends() {
        assertThat(ChannelsBackends.open("redis-pubsub://127.0.0.1:6379")).isInstanceOf(RedisPubSubChannelsBackend.class);
        assertThat(ChannelsBackends.open("redis-stream://127.0.0.1:6379?history=5"))
                .isInstanceOf(RedisStreamChannelsBackend.class);
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
        assertThatThrownBy(() -> ChannelsBackends.open("redis-pubsub://:secret@h:1?ttl=5"))
                .hasMessageContaining("'ttl'").hasMessageNotContaining("secret");
    }

    @Test
    void unreachableServerIsNamedWithoutItsPassword() {
        ChannelsBackend backend = ChannelsBackends.open("redis-stream://user:s3cret@127.0.0.1:1?history=5");
        assertThatThrownBy(backend::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageNotContaining("s3cret");
        backend.close();
    }

}
