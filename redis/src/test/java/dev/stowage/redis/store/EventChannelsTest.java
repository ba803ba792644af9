package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.redis.RedisUri;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the change feeds' Pub/Sub backend is named in messages: after the store's own server, never a placeholder. */
class EventChannelsTest {

    @Test
    void aStoreUriGivesTheFeedsItsServersWithoutCredentials() {
        RedisUri store = RedisUri.parse("rediss://app:s3cret@10.0.0.5:7000,10.0.0.6:7001/cluster/APP?timeout=750ms",
                RedisUri.Kind.STORE, Set.of());
        assertThat(EventChannels.server("redis://127.0.0.1:6380")).isNotNull();
        assertThat(EventChannels.server("not a uri")).isNull();
        try (EventChannels channels = new EventChannels(null, store)) {
            assertThat(channels.name().masked()).isEqualTo("rediss-pubsub://10.0.0.5:7000,10.0.0.6:7001/cluster?timeout=750ms");
        }
    }
}
