package dev.stowage.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.channels.ChannelsBackends;
import dev.stowage.store.Stores;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * One fault reads the same in every module: a parameter no backend knows, in a store URI (memory,
 * file, Redis) or a channels URI (memory, Redis Pub/Sub, Redis Streams).
 */
class UnknownParameterMessagesTest {

    @Test
    void storeUrisNameTheUnknownParameterAlike() {
        assertThatThrownBy(() -> Stores.open(URI.create("memory:/?bogus=1"), null))
                .hasMessage("Memory store URI 'memory:/?bogus=1' is invalid: unknown parameter 'bogus'; "
                        + "known are maximumSize");
        assertThatThrownBy(() -> Stores.open(URI.create("filestore:/tmp/stowage-never?bogus=1"), null))
                .hasMessage("File store URI 'filestore:/tmp/stowage-never?bogus=1' is invalid: unknown parameter "
                        + "'bogus'; known are permissions, sync");
        assertThatThrownBy(() -> Stores.open(URI.create("redis://u:s3cret@127.0.0.1:1/0?bogus=1"), null))
                .hasMessageStartingWith("Redis URI 'redis://u:****@127.0.0.1:1/0?bogus=1' is invalid: unknown "
                        + "parameter 'bogus'; known are ");
    }

    @Test
    void channelsUrisNameTheUnknownParameterAlike() {
        assertThatThrownBy(() -> ChannelsBackends.open("memory:?bogus=1"))
                .hasMessageStartingWith("Channels backend URI 'memory:?bogus=1' is invalid: unknown parameter "
                        + "'bogus'; known are ");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-pubsub://u:s3cret@127.0.0.1:1?bogus=1"))
                .hasMessageStartingWith("Redis URI 'redis-pubsub://u:****@127.0.0.1:1?bogus=1' is invalid: unknown "
                        + "parameter 'bogus'; known are ");
        assertThatThrownBy(() -> ChannelsBackends.open("redis-stream://127.0.0.1:1?bogus=1"))
                .hasMessageStartingWith("Redis URI 'redis-stream://127.0.0.1:1?bogus=1' is invalid: unknown "
                        + "parameter 'bogus'; known are ");
    }
}
