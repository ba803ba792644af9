package dev.stowage.store;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Named stores with a default factory for names not yet registered, after Litestar's
 * {@code StoreRegistry}: {@code new StoreRegistry(root::withNamespace)} gives one namespace per name.
 * Thread-safe; the default factory runs at most once per name.
 */
public final class StoreRegistry {

    private final Map<String, Store> stores = new ConcurrentHashMap<>();
    private final Function<String, ? extends Store> defaultFactory;

    /**
     * Creates a registry whose unregistered names are refused.
     */
    public StoreRegistry() {
        this(name -> {
            throw new IllegalArgumentException("no store is registered under the name '" + name + "'");
        });
    }

    /**
     * Creates a registry that makes a store for an unregistered name with {@code defaultFactory}.
     *
     * @param defaultFactory makes the store for a name, not {@code null}
     * @throws NullPointerException if {@code defaultFactory} is {@code null}
     */
    public StoreRegistry(Function<String, ? extends Store> defaultFactory) {
        this.defaultFactory = Objects.requireNonNull(defaultFactory, "defaultFactory");
    }

    /**
     * Registers {@code store} under {@code name}.
     *
     * @param name the name, not {@code null}
     * @param store the store, not {@code null}
     * @param allowOverride whether an existing registration may be replaced
     * @throws NullPointerException if {@code name} or {@code store} is {@code null}
     * @throws IllegalStateException if {@code name} is taken and {@code allowOverride} is false
     */
    public void register(String name, Store store, boolean allowOverride) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(store, "store");
        if (allowOverride) {
            stores.put(name, store);
        } else if (stores.putIfAbsent(name, store) != null) {
            throw new IllegalStateException("a store is already registered under the name '" + name + "'");
        }
    }

    /**
     * Returns the store registered under {@code name}, making and registering one with the default
     * factory when there is none.
     *
     * @param name the name, not {@code null}
     * @return the store
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws IllegalArgumentException if nothing is registered and the registry has no default
     *     factory
     */
    public Store get(String name) {
        Objects.requireNonNull(name, "name");
        return stores.computeIfAbsent(name, defaultFactory);
    }
}
