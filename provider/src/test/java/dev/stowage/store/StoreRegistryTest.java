package dev.stowage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;

class StoreRegistryTest {

    @Test
    void theDefaultFactoryGivesOneNamespacePerNameOnce() {
        MemoryStore root = new MemoryStore();
        StoreRegistry registry = new StoreRegistry(root::withNamespace);
        Store sessions = registry.get("sessions");
        assertThat(registry.get("sessions")).isSameAs(sessions);
        assertThat(((NamespacedStore) sessions).namespace()).containsExactly("sessions");
        sessions.set("k", "v", null);
        assertThat(registry.get("other").exists("k")).isFalse();
    }

    @Test
    void registeredStoresWinAndOverridingIsExplicit() {
        MemoryStore root = new MemoryStore();
        StoreRegistry registry = new StoreRegistry(root::withNamespace);
        MemoryStore mine = new MemoryStore();
        registry.register("cache", mine, false);
        assertThat(registry.get("cache")).isSameAs(mine);
        assertThatThrownBy(() -> registry.register("cache", new MemoryStore(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'cache'");
        MemoryStore replacement = new MemoryStore();
        registry.register("cache", replacement, true);
        assertThat(registry.get("cache")).isSameAs(replacement);
    }

    @Test
    void withoutADefaultFactoryAnUnknownNameIsRefusedByName() {
        assertThatThrownBy(() -> new StoreRegistry().get("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
    }
}
