package dev.stowage.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelsUriTest {

    @Test
    void parsesEveryPart() {
        ChannelsUri uri = ChannelsUri.parse("redis-stream://us%40er:p%3Ass@h1:7000,[::1]:7001/2?history=5&prefix=x");
        assertThat(uri.scheme()).isEqualTo("redis-stream");
        assertThat(uri.user()).contains("us@er");
        assertThat(uri.password()).contains("p:ss");
        assertThat(uri.hosts()).containsExactly(new ChannelsUri.HostPort("h1", 7000),
                new ChannelsUri.HostPort("::1", 7001));
        assertThat(uri.path()).isEqualTo("/2");
        assertThat(uri.parameters()).isEqualTo(Map.of("history", "5", "prefix", "x"));
        assertThat(uri.toString()).doesNotContain("p:ss").contains("***");
    }

    @Test
    void memoryNeedsNoAuthority() {
        ChannelsUri uri = ChannelsUri.parse("memory:");
        assertThat(uri.scheme()).isEqualTo("memory");
        assertThat(uri.hosts()).isEqualTo(List.of());
        assertThat(uri.parameters()).isEmpty();
    }
}
