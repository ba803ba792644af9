package dev.stowage.examples;

import dev.stowage.store.NamespacedStore;
import dev.stowage.store.Store;
import dev.stowage.store.StoreRegistry;
import dev.stowage.store.Stores;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The store layer on its own, as Litestar's stores guide uses it: a root store opened by URI, a
 * {@link StoreRegistry} that hands each part of an application a store of its own namespace on first
 * use ({@code StoreRegistry(default_factory=root.with_namespace)}), values set with a time to live
 * ({@code expiresIn}) and read back, and {@code deleteAll} of one namespace leaving its siblings alone.
 * No JCache here: this is the key/value API the caches sit on.
 */
public final class StoresExample {

    private StoresExample() {
    }

    /**
     * Runs the example on the memory backend, or on the store URI given as the first argument
     * (e.g. {@code filestore:/tmp/stores-example}), printing to standard output.
     *
     * @param args an optional store URI
     */
    public static void main(String[] args) {
        run(URI.create(args.length > 0 ? args[0] : "memory:/"), System.out);
    }

    /**
     * Runs the example.
     *
     * @param storeUri the root store's URI (any scheme a store backend on the class path serves), not {@code null}
     * @param out where to print what happens, not {@code null}
     * @throws IllegalArgumentException if no backend serves the URI's scheme
     */
    public static void run(URI storeUri, PrintStream out) {
        try (NamespacedStore root = Stores.open(storeUri, StoresExample.class.getClassLoader())) {
            StoreRegistry registry = new StoreRegistry(root::withNamespace);
            Store sessions = registry.get("sessions");
            Store rateLimits = registry.get("rate-limits");

            sessions.set("alice", "cart=3 items", Duration.ofMinutes(30));
            rateLimits.set("alice", "7", Duration.ofSeconds(60));
            out.println("sessions/alice = " + text(sessions.get("alice")) + ", expires in about "
                    + Math.round(sessions.expiresIn("alice").orElseThrow().toSeconds() / 60.0) + " min");
            out.println("the registry hands out one store per name: " + (registry.get("sessions") == sessions));

            sessions.deleteAll();
            out.println("after sessions.deleteAll(): sessions/alice = " + text(sessions.get("alice"))
                    + ", rate-limits/alice = " + text(rateLimits.get("alice")));
            root.deleteAll();
        }
    }

    private static String text(byte[] value) {
        return value == null ? "(none)" : new String(value, StandardCharsets.UTF_8);
    }
}
