package dev.stowage.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.channels.ChannelsBackend;
import dev.stowage.channels.ChannelsBackends;
import dev.stowage.channels.EventProbe;
import dev.stowage.redis.store.RedisStore;
import dev.stowage.store.StoreException;
import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with certificates this test makes ({@link TestCertificates}): mutual TLS against a
 * {@code redis-server --tls-auth-clients yes} with {@code keyStore} / {@code trustStore} in the URI
 * (passwords given or from a variable), and failures that name their cause: no client certificate,
 * an untrusted server certificate, one for another host name, a wrong key store password.
 */
class RedisTlsTest {

    private static final String PW = TestCertificates.PASSWORD;

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static RedisProcess mutual;
    private static RedisProcess serverOnly;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.create(dir);
        mutual = RedisProcess.startTls(certificates.redisArgs("server", true));
        serverOnly = RedisProcess.startTls(certificates.redisArgs("server", false));
    }

    @AfterAll
    static void stop() {
        mutual.close();
        serverOnly.close();
    }

    private static String trust() {
        return "trustStore=" + certificates.path("trust.p12") + "&trustStorePassword=" + PW;
    }

    private static String keys() {
        return "keyStore=" + certificates.path("client.p12") + "&keyStorePassword=" + PW;
    }

    @Test
    void mutualTlsWithAClientCertificateFromTheUri() {
        try (RedisStore store = RedisStore.withClient(mutual.url() + "/0/mtls?" + keys() + "&" + trust())) {
            store.set("k", "v".getBytes(UTF_8), Duration.ofMinutes(1));
            assertThat(new String(store.get("k"), UTF_8)).isEqualTo("v");
            store.deleteAll();
        }
    }

    @Test
    void channelsUseTheSameStores() throws Exception {
        ChannelsBackend backend = ChannelsBackends.open("rediss-stream://127.0.0.1:" + mutual.port()
                + "/0?prefix=mtls-channels&" + keys() + "&" + trust());
        try {
            backend.start();
            EventProbe events = EventProbe.unbounded();
            backend.events().subscribe(events);
            backend.subscribe(List.of("a"));
            backend.publish(new byte[] {5}, List.of("a"));
            assertThat(events.next().data()).containsExactly(5);
        } finally {
            backend.close();
        }
    }

    @Test
    void passwordsMayComeFromAVariable() {
        System.setProperty("STOWAGE_TEST_KS_PASSWORD", PW);
        try (RedisStore store = RedisStore.withClient(mutual.url() + "/0/mtls-env?keyStore="
                + certificates.path("client.p12") + "&keyStorePasswordEnv=STOWAGE_TEST_KS_PASSWORD&trustStore="
                + certificates.path("trust.p12") + "&trustStorePasswordEnv=STOWAGE_TEST_KS_PASSWORD")) {
            store.set("k", "v".getBytes(UTF_8), Duration.ofMinutes(1));
            assertThat(store.exists("k")).isTrue();
            store.deleteAll();
        } finally {
            System.clearProperty("STOWAGE_TEST_KS_PASSWORD");
        }
        assertThatThrownBy(() -> RedisStore.withClient(mutual.url() + "/0/x?keyStore=" + certificates.path("client.p12")
                + "&keyStorePasswordEnv=STOWAGE_TEST_UNSET_VARIABLE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyStorePasswordEnv names the environment variable 'STOWAGE_TEST_UNSET_VARIABLE', "
                        + "which is not set");
    }

    @Test
    void withoutAClientCertificateTheMessageSaysTheServerWantsOne() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            try (RedisStore store = RedisStore.withClient(mutual.url() + "/0/mtls?timeout=2s&" + trust())) {
                store.set("k", "v".getBytes(UTF_8), null);
            }
        }).isInstanceOf(StoreException.class)
                .hasMessageContaining("requires a TLS client certificate")
                .hasMessageContaining("keyStore=");
        // the server's alert comes after the handshake; Redisson notices when its first PING times out
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void serverAuthenticationAloneNeedsOnlyATrustStore() {
        try (RedisStore store = RedisStore.withClient(serverOnly.url() + "/0/tls?" + trust())) {
            store.set("k", "v".getBytes(UTF_8), Duration.ofMinutes(1));
            assertThat(store.exists("k")).isTrue();
            store.deleteAll();
        }
    }

    @Test
    void anUntrustedServerCertificateIsSaidSo() {
        try (RedisProcess untrusted = RedisProcess.startTls(certificates.redisArgs("untrusted", false))) {
            assertThatThrownBy(() -> RedisStore.withClient(untrusted.url() + "/0/tls?timeout=2s&" + trust()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("presented a TLS certificate that is not trusted")
                    .hasMessageNotContaining("within 2s");
        }
    }

    @Test
    void aCertificateForAnotherHostIsSaidSo() {
        try (RedisProcess wrongHost = RedisProcess.startTls(certificates.redisArgs("wrong-host", false))) {
            assertThatThrownBy(() -> RedisStore.withClient(wrongHost.url() + "/0/tls?timeout=2s&" + trust()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("presented a TLS certificate for another host name")
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void badStoreSettingsAreUriErrorsThatHideThePasswords() {
        assertThatThrownBy(() -> RedisStore.withClient(mutual.url() + "/0/x?keyStore=" + certificates.path("client.p12")
                + "&keyStorePassword=not-the-password"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyStore '" + certificates.path("client.p12") + "' cannot be read")
                .hasMessageContaining("keyStorePassword=****")
                .hasMessageNotContaining("not-the-password");
        assertThatThrownBy(() -> RedisStore.withClient(mutual.url() + "/0/x?keyStore=" + dir.resolve("absent.p12")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a readable file");
        assertThatThrownBy(() -> RedisStore.withClient("redis://127.0.0.1:" + mutual.port() + "/0/x?" + keys()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'keyStore' is for TLS connections; write rediss://");
        assertThatThrownBy(() -> RedisUri.parse("rediss://h/0?bogus=1", RedisUri.Kind.STORE, Set.of()))
                .hasMessageContaining("known are cluster, keyStore, keyStorePassword, keyStorePasswordEnv, nodes, "
                        + "timeout, trustStore, trustStorePassword, trustStorePasswordEnv");
    }
}
