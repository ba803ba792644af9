package dev.stowage.redis;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.redisson.client.NettyHook;

/**
 * Remembers the last TLS failure on any connection of one Redisson client, so that a failure Redisson
 * reports without its cause can be explained. A server with {@code tls-auth-clients yes} refuses a
 * client without a certificate by a TLS alert ({@code certificate_required}) after the handshake; Redisson
 * logs it and lets the connection's first command time out, so the client's exception says only
 * "Command execution timeout". This hook puts a handler right behind Netty's {@link SslHandler} on every
 * connection, which records the {@link SSLException} and passes it on unchanged. Thread-safe.
 */
final class TlsFailureRecorder implements NettyHook {

    private final AtomicReference<Throwable> last = new AtomicReference<>();

    @Override
    public void afterBoostrapInitialization(Bootstrap bootstrap) {
        // nothing to change
    }

    @Override
    public void afterChannelInitialization(Channel channel) {
        ChannelHandlerContext ssl = channel.pipeline().context(SslHandler.class);
        if (ssl != null) {
            channel.pipeline().addAfter(ssl.name(), "stowage-tls-failures", new ChannelInboundHandlerAdapter() {
                @Override
                public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
                    for (Throwable t = cause; t != null; t = t.getCause()) {
                        if (t instanceof SSLException) {
                            last.set(cause);
                            break;
                        }
                    }
                    context.fireExceptionCaught(cause);
                }
            });
        }
    }

    /**
     * Adds the last TLS failure recorded, if any, to {@code failure} as a suppressed exception, where
     * {@link RedisFailures} finds it.
     *
     * @param <T> the failure's type
     * @param failure what Redisson threw, not {@code null}
     * @return {@code failure}
     */
    <T extends Throwable> T explain(T failure) {
        Throwable tls = last.get();
        if (tls != null && tls != failure) {
            failure.addSuppressed(tls);
        }
        return failure;
    }
}
