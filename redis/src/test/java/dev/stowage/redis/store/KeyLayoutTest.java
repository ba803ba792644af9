package dev.stowage.redis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The Redis key layout without a server: where each namespace's keys go, which hash tag they carry,
 * and which keys {@link KeyLayout#holds(String)} counts as a namespace's tree.
 */
class KeyLayoutTest {

    private final KeyLayout root = KeyLayout.root("NS");

    @Test
    void everyNamespaceBelowTheRootIsAHashTagOfItsOwn() {
        assertThat(root.redisKey("k")).isEqualTo("NS::k");
        assertThat(root.child("users").redisKey("k")).isEqualTo("NS:{users}::k");
        assertThat(root.child("app").child("users").redisKey("k")).isEqualTo("NS:{app:users}::k");
        assertThat(root.child("app").child("orders").child("x").redisKey("k")).isEqualTo("NS:{app:orders:x}::k");
        assertThat(KeyLayout.root(null).child("a").child("b").redisKey("k")).isEqualTo("{a:b}::k");
        assertThat(root.child("a:b{c}").child("d").redisKey("k")).isEqualTo("NS:{a%3Ab%7Bc%7D:d}::k");
    }

    @Test
    void theRootHoldsItsKeysAndItsDescendantsKeysOnly() {
        assertThat(root.holds("NS::k")).isTrue();
        assertThat(root.holds("NS::")).isTrue();
        assertThat(root.holds("NS:{a}::k")).isTrue();
        assertThat(root.holds("NS:{a:b:c}::k:{x}")).isTrue();
        assertThat(root.holds("NS:{a%3Ab%25}::k")).isTrue();
        assertThat(root.holds("NS:foreign")).isFalse();
        assertThat(root.holds("NS:x:y")).isFalse();
        assertThat(root.holds("NSX::k")).isFalse();
        assertThat(root.holds("NS:{a}")).isFalse();
        assertThat(root.holds("NS:{a}:b::k")).isFalse();
        assertThat(root.holds("NS:{}::k")).isFalse();
        assertThat(root.holds("NS:{a::b}::k")).isFalse();
        assertThat(root.holds("NS:{a*}::k")).isFalse();
        assertThat(root.holds("NS:{%ZZ}::k")).isFalse();
        assertThat(root.holds("NS:{%41}::k")).isFalse();
        assertThat(root.holds("NS:{a%3}::k")).isFalse();
        assertThat(root.holds("NS:{a%}::k")).isFalse();
    }

    @Test
    void aChildHoldsNeitherItsSiblingsNorItsParentsKeys() {
        KeyLayout a = root.child("a");
        assertThat(a.holds("NS:{a}::k")).isTrue();
        assertThat(a.holds("NS:{a:g}::k")).isTrue();
        assertThat(a.holds("NS:{a:g:h}::k")).isTrue();
        assertThat(a.holds("NS:{ab}::k")).isFalse();
        assertThat(a.holds("NS:{ab:g}::k")).isFalse();
        assertThat(a.holds("NS::k")).isFalse();
        assertThat(a.holds("NS:{a}:foreign")).isFalse();
        assertThat(a.holds("NS:{a}x")).isFalse();
        assertThat(a.holds("NS:{a:zz")).isFalse();
        assertThat(a.child("g").holds("NS:{a:g}::k")).isTrue();
        assertThat(a.child("g").holds("NS:{a}::k")).isFalse();
        assertThat(a.child("g").holds("NS:{a:gh}::k")).isFalse();
    }

    @Test
    void treePatternsNeedNoEscapingAndCoverTheTree() {
        assertThat(root.treePattern()).isEqualTo("NS:[:{]*");
        assertThat(root.child("a").treePattern()).isEqualTo("NS:{a[:}]*");
        assertThat(root.child("a*?").child("b").treePattern()).isEqualTo("NS:{a%2A%3F:b[:}]*");
        assertThat(root.child("a").ownPattern()).isEqualTo("NS:{a}::*");
    }

    @Test
    void theUnnamedRootCannotTellItsKeys() {
        KeyLayout unnamed = KeyLayout.root(null);
        assertThatThrownBy(() -> unnamed.holds("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(unnamed::treePattern).isInstanceOf(IllegalStateException.class);
        assertThat(unnamed.child("a").holds("{a}::k")).isTrue();
        assertThat(unnamed.child("a").holds("{a:b}::k")).isTrue();
        assertThat(unnamed.child("a").holds("{ab}::k")).isFalse();
    }
}
