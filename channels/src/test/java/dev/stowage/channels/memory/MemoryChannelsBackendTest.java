package dev.stowage.channels.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackendContract;
import dev.stowage.channels.ChannelsBackends;
import dev.stowage.channels.ChannelsHistoryContract;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MemoryChannelsBackendTest {

    @Nested
    class Contract extends ChannelsBackendContract {
        @Override
        protected ChannelsBackend createBackend() {
            return ChannelsBackends.open("memory:");
        }
    }

    @Nested
    class History extends ChannelsHistoryContract {
        @Override
        protected ChannelsBackend createBackend(int history) {
            return ChannelsBackends.open("memory:?history=" + history);
        }
    }

    @Test
    void withoutHistoryNothingIsKept() {
        try (ChannelsBackend backend = ChannelsBackends.open("memory:")) {
            backend.start();
            backend.publish(new byte[] {1}, List.of("a"));
            assertThat(backend.history("a")).isEmpty();
        }
    }

    @Test
    void publishedDataIsCopied() {
        try (ChannelsBackend backend = ChannelsBackends.open("memory:?history=2")) {
            backend.start();
            byte[] data = {1, 2};
            backend.publish(data, List.of("a"));
            data[0] = 9;
            assertThat(backend.history("a").get(0)).containsExactly(1, 2);
        }
    }
}
