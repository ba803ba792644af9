package dev.stowage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackends;
import dev.stowage.redis.store.RedisStore;
import dev.stowage.store.StorageObject;
import dev.stowage.store.StoreException;
import dev.stowage.testing.RedisProcess;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Credentials the server refuses are said as such, at once, by stores and channels alike: a wrong
 * password or unknown user ({@code WRONGPASS}), none where one is needed ({@code NOAUTH}), an ACL user
 * outside its key pattern ({@code NOPERM}); never the password, never "cannot connect within 2s".
 * On a private server with {@code requirepass} and an ACL user {@code app} limited to {@code ~APP*}.
 */
class RedisCredentialMessagesTest {

    private static final String PASSWORD = "s3cret-pw";
    private static final String WRONG = "wr0ng-pw";
    private static RedisProcess server;

    @BeforeAll
    static void start() {
        server = RedisProcess.start(List.of("--requirepass", PASSWORD,
                "--user", "app", "on", ">" + PASSWORD, "~APP*", "+@all"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String at(String userInfo) {
        return "redis://" + userInfo + "127.0.0.1:" + server.port();
    }

    /** Opens a store and writes once, so that a failure at either step is caught. */
    private static ThrowingCallable openAndWrite(String uri) {
        return () -> {
            try (RedisStore store = RedisStore.withClient(uri)) {
                store.set("k", "v".getBytes(UTF_8), null);
            }
        };
    }

    @Test
    void aWrongPasswordSaysWrongpassAtOnceWithoutThePassword() {
        long start = System.nanoTime();
        assertThatThrownBy(openAndWrite(at("default:" + WRONG + "@") + "/0/APP?timeout=2s"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("refused the credentials: WRONGPASS")
                .hasMessageContaining("127.0.0.1:" + server.port())
                .hasMessageNotContaining(WRONG)
                .hasMessageNotContaining("within 2s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUnknownUserSaysWrongpass() {
        assertThatThrownBy(openAndWrite(at("nobody:" + PASSWORD + "@") + "/0/APP"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("WRONGPASS")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void noPasswordWhereOneIsNeededSaysNoauth() {
        assertThatThrownBy(openAndWrite(at("") + "/0/APP?timeout=2s"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("requires a password: NOAUTH");
    }

    @Test
    void channelsSayTheSame() {
        ChannelsBackend backend = ChannelsBackends.open("redis-stream://app:" + WRONG + "@127.0.0.1:" + server.port()
                + "/0?prefix=APP-channels");
        try {
            assertThatThrownBy(() -> {
                backend.start();
                backend.publish(new byte[] {1}, List.of("a"));
            }).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("WRONGPASS")
                    .hasMessageNotContaining(WRONG);
        } finally {
            backend.close();
        }
    }

    @Test
    void anAclUserWorksInItsKeyPatternAndIsRefusedOutsideIt() {
        try (RedisStore own = RedisStore.withClient(at("app:" + PASSWORD + "@") + "/0/APP");
                RedisStore other = RedisStore.withClient(at("app:" + PASSWORD + "@") + "/0/OTHER")) {
            own.withNamespace("cache").set("k", "v".getBytes(UTF_8), Duration.ofMinutes(1));
            assertThat(new String(own.withNamespace("cache").get("k"), UTF_8)).isEqualTo("v");
            assertThat(own.withNamespace("cache").compute("n", current -> StorageObject.of("1".getBytes(UTF_8), null))).isNotNull();
            own.deleteAll();
            assertThatThrownBy(() -> other.set("k", "v".getBytes(UTF_8), null))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("refused the command to this ACL user: NOPERM")
                    .hasMessageNotContaining(PASSWORD);
        }
    }
}
