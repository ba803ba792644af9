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
    }

    @Test
    void badUrisAreRejectedNamingTheBadPart() {
        assertThatThrownBy(() -> ChannelsBackends.open("nothing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nothing'");
        assertThatThrownBy(() -> ChannelsBackends.open("kafka://h:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kafka'").hasMessageContaining("memory");
        assertThatThrownBy(() -> ChannelsBackends.open("memory:?history=x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> ChannelsBackends.open(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void redisSchemesWithoutTheRedisModuleNameTheArtifact() {
        for (String uri : new String[] {"redis-stream://127.0.0.1:6379", "redis-pubsub://h:1", "valkey-stream://h:1"}) {
            assertThatThrownBy(() -> ChannelsBackends.open(uri)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dev.stowage:stowage-redis");
        }
    }

    @Test
    void withoutJacksonMemoryWorksAndObjectPublishNamesTheDependency() throws Exception {
        URL classes = ChannelsBackend.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
                    .isInstanceOf(ClassNotFoundException.class);
            Method open = isolated.loadClass(ChannelsBackends.class.getName()).getMethod("open", String.class);
            Object memory = open.invoke(null, "memory:");
            memory.getClass().getMethod("start").invoke(memory);
            memory.getClass().getMethod("close").invoke(memory);
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
