package dev.stowage.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
        assertThat(uri.toString()).doesNotContain("p:ss").contains("us@er:****@");
        assertThat(uri.text()).isEqualTo("redis-stream://us%40er:p%3Ass@h1:7000,[::1]:7001/2?history=5&prefix=x");
    }

    @Test
    void memoryNeedsNoAuthority() {
        ChannelsUri uri = ChannelsUri.parse("memory:");
        assertThat(uri.scheme()).isEqualTo("memory");
        assertThat(uri.hosts()).isEqualTo(List.of());
        assertThat(uri.parameters()).isEmpty();
    }

    @Test
    void durationParametersUseTheOneDurationSyntax() {
        ChannelsUri uri = ChannelsUri.parse("redis-stream://:secret@h:1?ttl=1m30s&block=PT0.25S&zero=0s");
        assertThat(uri.durationParameter("ttl", Duration.ZERO, Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
        assertThat(uri.durationParameter("block", Duration.ZERO, Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(250));
        assertThat(uri.durationParameter("absent", Duration.ofSeconds(3), Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> uri.durationParameter("zero", Duration.ZERO, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zero '0s' must be at least 1ms in redis-stream://:****@h:1?ttl=1m30s&block=PT0.25S&zero=0s");
    }

    @Test
    void aBareNumberIsNotADuration() {
        ChannelsUri uri = ChannelsUri.parse("redis-stream://:secret@h:1?ttl=60000&block=5x");
        assertThatThrownBy(() -> uri.durationParameter("ttl", Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ttl '60000' is not a duration: a number needs a unit (use e.g. 500ms, 3s,")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> uri.durationParameter("block", Duration.ZERO, Duration.ZERO))
                .hasMessageStartingWith("block '5x' is not a duration (use e.g. 500ms, 3s, 1m, 2h, 1d, PT5M) in redis-stream://:****@h:1");
    }
}
