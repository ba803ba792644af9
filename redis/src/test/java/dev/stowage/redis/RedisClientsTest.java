package dev.stowage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackends;
import dev.stowage.channels.EventProbe;
import dev.stowage.redis.store.RedisStore;
import dev.stowage.store.StoreException;
import dev.stowage.store.Stores;
import dev.stowage.testing.LoopbackPorts;
import dev.stowage.testing.RedisServers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * The one client factory ({@link RedisClients}): one Redisson client per JVM and connection, shared by
 * stores and channels backends, shut down with its last holder; and one connect error for both.
 */
class RedisClientsTest {

    /** The shared test server's {@code [user:password@]host:port}. */
    private static String authority() {
        String url = RedisServers.standalone();
        String rest = url.substring(url.indexOf("://") + 3);
        return rest.indexOf('/') < 0 ? rest : rest.substring(0, rest.indexOf('/'));
    }

    /** {@code redis} or {@code rediss}, as the shared test server speaks. */
    private static String scheme() {
        return RedisServers.standalone().startsWith("rediss://") ? "rediss" : "redis";
    }

    @Test
    void aStoreAndAChannelsBackendOnTheSameServerShareOneClientUntilBothClose() throws Exception {
        // a timeout of its own keeps this test's connection apart from other tests' in this JVM
        String settings = "timeout=2345ms";
        String namespace = "stowage-test-clients-" + UUID.randomUUID();
        String storeText = scheme() + "://" + authority() + "/0/" + namespace + "?" + settings;
        RedisUri storeUri = RedisUri.parse(storeText, RedisUri.Kind.STORE, Set.of("namespace"));
        RedisConnection connection = storeUri.connection();
        RedisStore store = (RedisStore) Stores.open(URI.create(storeText), null);
        ChannelsBackend channels = ChannelsBackends.open(scheme() + "-pubsub://" + authority() + "/0?" + settings
                + "&prefix=" + namespace);
        channels.start();
        RedissonClient client = store.client();
        try {
            assertThat(RedisClients.holders(connection)).isEqualTo(2);
            try (SharedRedisClient probe = RedisClients.acquire(storeUri)) {
                assertThat(probe.client()).isSameAs(client);
                assertThat(RedisClients.holders(connection)).isEqualTo(3);
            }

            store.set("k", "v".getBytes(UTF_8), null);
            store.deleteAll();
            store.close();
            assertThat(client.isShutdown()).isFalse();
            assertThat(RedisClients.holders(connection)).isEqualTo(1);
            EventProbe events = EventProbe.unbounded();
            channels.events().subscribe(events);
            channels.subscribe(List.of("a"));
            channels.publish(new byte[] {7}, List.of("a"));
            assertThat(events.next().data()).containsExactly(7);
        } finally {
            store.close();
            channels.close();
        }
        assertThat(RedisClients.holders(connection)).isZero();
        assertThat(client.isShutdown()).isTrue();
    }

    @Test
    void aClosedClientIsNotHandedOutAgain() {
        RedisUri uri = RedisUri.parse(scheme() + "://" + authority() + "/0?timeout=2346ms", RedisUri.Kind.STORE, Set.of());
        RedissonClient first;
        try (SharedRedisClient hold = RedisClients.acquire(uri)) {
            first = hold.client();
        }
        try (SharedRedisClient hold = RedisClients.acquire(uri)) {
            assertThat(hold.client()).isNotSameAs(first);
            assertThat(hold.client().getBucket("stowage-test-clients-absent").isExists()).isFalse();
        }
        assertThat(first.isShutdown()).isTrue();
    }

    @Test
    void threadsAcquiringAtOnceGetOneClient() throws Exception {
        RedisUri uri = RedisUri.parse(scheme() + "://" + authority() + "/0?timeout=2347ms", RedisUri.Kind.STORE, Set.of());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<SharedRedisClient> holds = new ArrayList<>();
        try {
            List<Callable<SharedRedisClient>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tasks.add(() -> RedisClients.acquire(uri));
            }
            for (Future<SharedRedisClient> future : pool.invokeAll(tasks)) {
                holds.add(future.get());
            }
            assertThat(holds.stream().map(SharedRedisClient::client).distinct()).hasSize(1);
            assertThat(RedisClients.holders(uri.connection())).isEqualTo(16);
        } finally {
            pool.shutdownNow();
            holds.forEach(SharedRedisClient::close);
        }
        assertThat(RedisClients.holders(uri.connection())).isZero();
        assertThat(holds.get(0).client().isShutdown()).isTrue();
    }

    @Test
    void storesAndChannelsSayTheSameWhenNoServerAnswers() {
        int port = LoopbackPorts.free();
        String storeUri = "redis://user:hunter2@127.0.0.1:" + port + "/0?timeout=500ms";
        assertThatThrownBy(() -> Stores.open(URI.create(storeUri), null))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot connect to Redis at 127.0.0.1:" + port + " (URI 'redis://user:****@127.0.0.1:"
                        + port + "/0?timeout=500ms'): the Redis server at 127.0.0.1:" + port + " is unreachable (")
                .hasMessageNotContaining("hunter2");
        ChannelsBackend backend = ChannelsBackends.open("redis-stream://user:hunter2@127.0.0.1:" + port + "/0?timeout=500ms");
        try {
            assertThatThrownBy(backend::start)
                    .isInstanceOf(RedisConnectException.class)
                    .hasMessageStartingWith("cannot connect to Redis at 127.0.0.1:" + port + " (URI 'redis-stream://user:****@127.0.0.1:"
                            + port + "/0?timeout=500ms'): the Redis server at 127.0.0.1:" + port + " is unreachable (")
                    .hasMessageNotContaining("hunter2");
        } finally {
            backend.close();
        }
        RedisConnection connection = RedisUri.parse(storeUri, RedisUri.Kind.STORE, Set.of()).connection();
        assertThat(RedisClients.holders(connection)).isZero();
    }
}
