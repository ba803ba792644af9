package dev.stowage.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.channels.memory.MemoryChannelsBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class ChannelsBackendsTest {

    @Test
    void schemesFindTheirBackends() {
        try (ChannelsBackend memory = ChannelsBackends.open("memory:?history=3")) {
            assertThat(memory).isInstanceOf(MemoryChannelsBackend.class);
        }
        assertThat(ChannelsBackends.open("redis-pubsub://127.0.0.1:6379").getClass().getSimpleName())
                .isEqualTo("RedisPubSubChannelsBackend");
        assertThat(ChannelsBackends.open("redis-stream://127.0.0.1:6379?history=5").getClass().getSimpleName())
                .isEqualTo("RedisStreamChannelsBackend");
    }

    @Test
    void badUrisAreRejectedNamingTheBadPart() {
        assertThatThrownBy(() -> ChannelsBackends.open("nothing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nothing'");
        assertThatThrownBy(() -> ChannelsBackends.open("kafka://h:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kafka'").hasMessageContaining("redis-stream");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:port")).hasMessageContaining("'port'");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:1?histroy=3"))
                .hasMessageContaining("'histroy'");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:1?history=0"))
                .hasMessageContaining("'history'").hasMessageContaining(">= 1");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://h:1?prefix=a:b"))
                .hasMessageContaining("'a:b'");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-pubsub://:secret@h:1?ttl=5"))
                .hasMessageContaining("'ttl'").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ChannelsBackends.open("memory:?history=x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> ChannelsBackends.open(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void unreachableServerIsNamedWithoutItsPassword() {
        ChannelsBackend backend = ChannelsBackends.open("redis-stream://user:s3cret@127.0.0.1:1?history=5");
        assertThatThrownBy(backend::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageNotContaining("s3cret");
        backend.close();
    }

    @Test
    void withoutRedissonMemoryWorksAndRedisNamesTheDependency() throws Exception {
        URL classes = ChannelsBackend.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass("org.redisson.api.RedissonClient"))
                    .isInstanceOf(ClassNotFoundException.class);
            Method open = isolated.loadClass(ChannelsBackends.class.getName()).getMethod("open", String.class);
            Object memory = open.invoke(null, "memory:");
            memory.getClass().getMethod("start").invoke(memory);
            memory.getClass().getMethod("close").invoke(memory);
            assertThatThrownBy(() -> open.invoke(null, "redis-stream://127.0.0.1:6379"))
                    .isInstanceOf(InvocationTargetException.class).cause()
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("org.redisson:redisson");
            Class<?> channels = isolated.loadClass(Channels.class.getName());
            Object builder = channels.getMethod("builder", String.class).invoke(null, "memory:");
            builder.getClass().getMethod("arbitraryChannelsAllowed", boolean.class).invoke(builder, true);
            Object facade = builder.getClass().getMethod("build").invoke(builder);
            Method publish = channels.getMethod("publish", Object.class, String[].class);
            assertThatThrownBy(() -> publish.invoke(facade, Integer.valueOf(1), new String[] {"a"}))
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("com.fasterxml.jackson.core:jackson-databind");
            channels.getMethod("close").invoke(facade);
        }
    }
}
