package dev.stowage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stowage.testing.RedisProcess;
import dev.stowage.testing.TestCertificates;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a JCache user sees when access to Redis is refused, on servers this test starts: wrong
 * credentials ({@code WRONGPASS}), none ({@code NOAUTH}), an ACL user confined to {@code ~APP*}, and
 * TLS with certificates made here: mutual TLS with the client's key store in the URI, no client
 * certificate where one is required, an untrusted server certificate, one for another host name. Each
 * failure must name its cause at once (well within the 2 s timeout), never the password.
 */
class RedisAccessFaultsTest {

    private static final String PROVIDER = "dev.stowage.jcache.StowageCachingProvider";
    private static final String PASSWORD = "acl-s3cret";
    private static final String PW = TestCertificates.PASSWORD;

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static RedisProcess acl;
    private static RedisProcess mutual;
    private static RedisProcess serverOnly;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.create(dir);
        acl = RedisProcess.start(List.of("--requirepass", PASSWORD, "--user", "app", "on", ">" + PASSWORD, "~APP*",
                "&stowage-events:*", "+@all",
                "--user", "nochannels", "on", ">" + PASSWORD, "~APP*", "+@all"));
        mutual = RedisProcess.startTls(certificates.redisArgs("server", true));
        serverOnly = RedisProcess.startTls(certificates.redisArgs("server", false));
    }

    @AfterAll
    static void stop() {
        acl.close();
        mutual.close();
        serverOnly.close();
    }

    private static CachingProvider provider() {
        return Caching.getCachingProvider(PROVIDER);
    }

    /** Opens a manager on {@code uri}, puts and gets one entry, and closes it; returns what it threw. */
    private static Throwable putAndGet(String uri) {
        return catchThrowable(() -> {
            try (CacheManager manager = provider().getCacheManager(URI.create(uri), RedisAccessFaultsTest.class.getClassLoader())) {
                Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<String, String>()
                        .setTypes(String.class, String.class));
                cache.put("k", "v");
                assertThat(cache.get("k")).isEqualTo("v");
                cache.clear();
            }
        });
    }

    /** Runs a failing access, checks its message and that it failed within the 2 s timeout. */
    private static void refused(String fault, String uri, String... expected) {
        refused(fault, uri, Duration.ofSeconds(2), expected);
    }

    /** Runs a failing access, checks its message and time, and prints the figures. */
    private static void refused(String fault, String uri, Duration limit, String... expected) {
        long start = System.nanoTime();
        Throwable thrown = putAndGet(uri);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).as(fault).isNotNull();
        Figures.of("redis access: " + fault).put("failed after ms", took.toMillis())
                .put("message", thrown.getMessage()).print();
        assertThat(thrown.getMessage()).contains(expected).doesNotContain(PASSWORD).doesNotContain("within 2s")
                .doesNotContain("channel: [");
        assertThat(took).isLessThan(limit);
    }

    @Test
    void wrongCredentialsAreNamed() {
        refused("wrong password", "redis://default:not-it@127.0.0.1:" + acl.port() + "/0/APP?timeout=2s",
                "refused the credentials: WRONGPASS");
        refused("unknown user", "redis://nobody:" + PASSWORD + "@127.0.0.1:" + acl.port() + "/0/APP?timeout=2s",
                "WRONGPASS");
        refused("no password", "redis://127.0.0.1:" + acl.port() + "/0/APP?timeout=2s", "NOAUTH");
    }

    @Test
    void anAclUserWorksInItsNamespaceOnly() {
        assertThat(putAndGet("redis://app:" + PASSWORD + "@127.0.0.1:" + acl.port() + "/0/APP")).isNull();
        refused("ACL user outside its key pattern ~APP*",
                "redis://app:" + PASSWORD + "@127.0.0.1:" + acl.port() + "/0/OTHER?timeout=2s",
                "refused the command to this ACL user: NOPERM");
    }

    @Test
    void anAclUserWithoutChannelRightsKeepsTheEventsLocalAndTheCacheWorks() {
        // events: auto; the change feed's SUBSCRIBE is refused, so the cache's events stay in the JVM
        assertThat(putAndGet("redis://nochannels:" + PASSWORD + "@127.0.0.1:" + acl.port() + "/0/APP?timeout=1s"))
                .isNull();
    }

    @Test
    void mutualTlsWorksWithTheClientsKeyStore() {
        String stores = "keyStore=" + certificates.path("client.p12") + "&keyStorePassword=" + PW
                + "&trustStore=" + certificates.path("trust.p12") + "&trustStorePassword=" + PW;
        assertThat(putAndGet(mutual.url() + "/0/APP?" + stores)).isNull();
        assertThat(putAndGet(serverOnly.url() + "/0/APP?trustStore=" + certificates.path("trust.p12")
                + "&trustStorePassword=" + PW)).isNull();
        Figures.of("redis access: mutual TLS (tls-auth-clients yes) and server-only TLS").put("puts", 2)
                .put("errors", 0).print();
    }

    @Test
    void badTlsIsNamed() {
        String trust = "trustStore=" + certificates.path("trust.p12") + "&trustStorePassword=" + PW;
        // the server's alert comes after the TLS 1.3 handshake; Redisson notices when its first PING times out
        refused("TLS: no client certificate for tls-auth-clients yes", mutual.url() + "/0/APP?timeout=2s&" + trust,
                Duration.ofSeconds(7), "requires a TLS client certificate");
        refused("TLS: server certificate from an unknown CA", serverOnly.url() + "/0/APP?timeout=2s",
                "presented a TLS certificate that is not trusted");
        try (RedisProcess wrongHost = RedisProcess.startTls(certificates.redisArgs("wrong-host", false))) {
            refused("TLS: server certificate for another host name", wrongHost.url() + "/0/APP?timeout=2s&" + trust,
                    "presented a TLS certificate for another host name");
        }
    }
}
