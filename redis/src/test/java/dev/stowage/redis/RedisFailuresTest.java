package dev.stowage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.WriteRedisConnectionException;

/**
 * {@link RedisFailures} on the exceptions Redisson throws (their texts as Redisson 3.50 writes them):
 * the cause first, the node, never Redisson's advice to raise {@code nettyThreads}, never a parameter.
 */
class RedisFailuresTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void aWriteIntoAClosedConnectionIsAnUnreachableServerNamedByItsAddress() {
        RuntimeException failure = new WriteRedisConnectionException("Unable to write command into connection! "
                + "Check CPU usage of the JVM. Try to increase nettyThreads setting. Node source: NodeSource [slot=0, "
                + "addr=null, redisClient=null, redirect=null, entry=null], connection: RedisConnection@1 "
                + "[redisClient=[addr=redis://127.0.0.1:6390], channel=[id: 0x1, L:/127.0.0.1:5 ! "
                + "R:127.0.0.1/127.0.0.1:6390], currentCommand=null, usage=1], command: (SET), params: [k, secret] "
                + "after 0 retry attempts", new ClosedChannelException());
        assertThat(RedisFailures.kind(failure)).isEqualTo(RedisFailures.Kind.UNREACHABLE);
        assertThat(RedisFailures.describe(failure, "127.0.0.1:6379", TIMEOUT))
                .startsWith("the Redis server at 127.0.0.1:6390 is unreachable (")
                .doesNotContain("nettyThreads").doesNotContain("secret");
    }

    @Test
    void aCommandTimeoutSaysTheTimeout() {
        RuntimeException failure = new RedisTimeoutException("Command execution timeout for command: (GET), params: "
                + "[k], Redis client: [addr=redis://127.0.0.1:6390]");
        assertThat(RedisFailures.describe(failure, "127.0.0.1:6379", TIMEOUT))
                .isEqualTo("the Redis server at 127.0.0.1:6390 did not answer within 500ms");
    }

    @Test
    void refusedCredentialsAndPermissionsQuoteTheServerWithoutRedissonsChannelDump() {
        RuntimeException wrongPass = new RedisConnectionException("Unable to connect", new RedisException(
                "WRONGPASS invalid username-password pair or user is disabled.. channel: [id: 0x1, L:/127.0.0.1:5 - "
                        + "R:127.0.0.1/127.0.0.1:6390] data: CommandData [command=(AUTH), params: [app, hunter2]]"));
        assertThat(RedisFailures.describe(wrongPass, "127.0.0.1:6390", TIMEOUT))
                .isEqualTo("the Redis server at 127.0.0.1:6390 refused the credentials: WRONGPASS invalid "
                        + "username-password pair or user is disabled. (check the user and password of the URI)");
        RuntimeException noPerm = new RedisException("NOPERM this user has no permissions to access one of the keys "
                + "used as arguments. channel: [id: 0x1] data: CommandData [command=(SET)]");
        assertThat(RedisFailures.describe(noPerm, "127.0.0.1:6390", TIMEOUT))
                .isEqualTo("the Redis server at 127.0.0.1:6390 refused the command to this ACL user: NOPERM this user "
                        + "has no permissions to access one of the keys used as arguments.");
    }

    @Test
    void tlsFailuresAreToldApart() {
        RuntimeException untrusted = new RedisConnectionException("Unable to connect", new SSLHandshakeException(
                "PKIX path building failed: unable to find valid certification path to requested target"));
        assertThat(RedisFailures.kind(untrusted)).isEqualTo(RedisFailures.Kind.TLS_UNTRUSTED);
        RuntimeException host = new RedisConnectionException("Unable to connect", new SSLHandshakeException(
                "No subject alternative names matching IP address 127.0.0.1 found"));
        assertThat(RedisFailures.kind(host)).isEqualTo(RedisFailures.Kind.TLS_HOST_MISMATCH);
        RuntimeException timeout = new RedisTimeoutException("Command execution timeout for command: (PING)");
        timeout.addSuppressed(new javax.net.ssl.SSLException("Received fatal alert: certificate_required"));
        assertThat(RedisFailures.describe(timeout, "127.0.0.1:6390", TIMEOUT))
                .startsWith("the Redis server at 127.0.0.1:6390 requires a TLS client certificate it trusts");
    }

    @Test
    void aClusterWithoutANamedNodeIsNamedByItsSeeds() {
        RuntimeException failure = new RedisTimeoutException("Command execution timeout");
        assertThat(RedisFailures.describe(failure, "127.0.0.1:7000, 127.0.0.1:7001", TIMEOUT))
                .isEqualTo("the Redis Cluster at 127.0.0.1:7000, 127.0.0.1:7001 did not answer within 500ms");
    }
}
