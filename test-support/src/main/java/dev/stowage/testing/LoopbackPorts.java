package dev.stowage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on the loopback interface, for servers started by tests.
 *
 * <p>A port is free when asked; another process may take it before the server binds it, so callers
 * retry a failed start on a new port. Thread-safe.
 */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /**
     * Asks the operating system for a currently free port on 127.0.0.1.
     *
     * @return a port number in 1..65535
     * @throws UncheckedIOException when no socket can be bound on the loopback interface
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a free port on 127.0.0.1", e);
        }
    }
}
