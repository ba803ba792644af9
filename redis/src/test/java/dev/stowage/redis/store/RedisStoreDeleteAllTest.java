package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.redis.SharedRedisClient;
import dev.stowage.testing.RedisServers;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.codec.StringCodec;

/**
 * {@link RedisStore#deleteAll()} deletes exactly the keys Stowage wrote in a namespace and its
 * children: keys other programs wrote next to them (planted here as raw strings, as redis-cli would)
 * survive, on the shared standalone server in a root namespace of this test's own.
 */
class RedisStoreDeleteAllTest {

    private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);
    private static SharedRedisClient shared;
    private static RedissonClient client;
    private String ns;
    private RedisStore root;

    @BeforeAll
    static void connect() {
        shared = RedisTestClients.standalone(RedisServers.standalone());
        client = shared.client();
    }

    @AfterAll
    static void disconnect() {
        shared.close();
    }

    @BeforeEach
    void openRoot() {
        ns = RedisTestClients.uniqueNamespace("delete-all");
        root = new RedisStore(client, ns, false);
    }

    @AfterEach
    void removeEverything() {
        client.getKeys().deleteByPattern(ns + "*");
        root.close();
    }

    @Test
    void aRootDeleteAllLeavesKeysStowageDidNotWrite() {
        List<String> foreign = List.of(ns + ":foreign", ns + ":x:y", ns + "X::k", ns + ":{x", ns + ":{x}:y",
                ns + ":{x}", ns + ":{%ZZ}::k", ns + ":{x::k");
        foreign.forEach(this::plant);
        Set<String> written = writeTree(root);

        root.deleteAll();

        assertThat(rawKeys()).containsExactlyInAnyOrderElementsOf(foreign);
        written.forEach(key -> assertThat(client.getBucket(key, StringCodec.INSTANCE).isExists()).as(key).isFalse());
        assertThat(root.get("k", null)).isNull();
        assertThat(root.withNamespace("c").withNamespace("g").get("k", null)).isNull();
    }

    @Test
    void aChildDeleteAllLeavesItsSiblingsItsParentAndForeignKeys() {
        RedisStore a = root.withNamespace("a");
        Set<String> deleted = writeTree(a);
        Set<String> kept = new HashSet<>(writeTree(root.withNamespace("ab")));
        root.set("k", VALUE, null);
        kept.add(root.redisKey("k"));
        String tagged = a.redisKey("k").substring(0, a.redisKey("k").length() - "::k".length());
        List<String> foreign = List.of(tagged + ":foreign", tagged + "x", tagged + ":", tagged + ":x:y",
                tagged.substring(0, tagged.length() - 1) + ":zz", tagged.substring(0, tagged.length() - 1) + ":c");
        foreign.forEach(this::plant);
        kept.addAll(foreign);

        a.deleteAll();

        assertThat(rawKeys()).containsExactlyInAnyOrderElementsOf(kept);
        deleted.forEach(key -> assertThat(client.getBucket(key, StringCodec.INSTANCE).isExists()).as(key).isFalse());
        assertThat(root.withNamespace("ab").withNamespace("c").get("k", null)).isEqualTo(VALUE);
    }

    /** Writes a key in {@code store}, in children with plain and escaped names, and a grandchild. */
    private static Set<String> writeTree(RedisStore store) {
        Set<String> redisKeys = new HashSet<>();
        for (RedisStore namespace : List.of(store, store.withNamespace("c"), store.withNamespace("c").withNamespace("g"),
                store.withNamespace("a:b{c}*?[x]\\%"), store.withNamespace("c").withNamespace("a:b"))) {
            namespace.set("k", VALUE, null);
            namespace.set("x::y:{z}", VALUE, null);
            redisKeys.add(namespace.redisKey("k"));
            redisKeys.add(namespace.redisKey("x::y:{z}"));
        }
        return redisKeys;
    }

    private void plant(String redisKey) {
        client.getBucket(redisKey, StringCodec.INSTANCE).set("foreign");
    }

    private Set<String> rawKeys() {
        Set<String> keys = new HashSet<>();
        client.getKeys().getKeys(KeysScanOptions.defaults().pattern(ns + "*")).forEach(keys::add);
        return keys;
    }
}
