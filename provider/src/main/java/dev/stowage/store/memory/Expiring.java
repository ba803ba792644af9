package dev.stowage.store.memory;

import dev.stowage.store.ObjectEntry;
import java.time.Instant;

/**
 * How a {@link MemoryStore} namespace holds an entry that carries an expiry. An entry without one is
 * held as its bare value, so a read of it is one hash lookup that does not touch another object and
 * an eternal entry costs no wrapper on the heap. This type is private to the package: no value a
 * caller stores can be an {@code Expiring}, so a slot is told apart by its class alone, and only in a
 * namespace that has ever held one ({@link MemoryNamespace.Data#holdsExpiring()}). Immutable.
 *
 * @param value the value, not {@code null}
 * @param expiresAt the absolute expiry, not {@code null}
 */
record Expiring(Object value, Instant expiresAt) {

    /**
     * Tells whether the entry has expired at {@code now}; it is live up to and excluding its expiry.
     *
     * @param now the current instant, not {@code null}
     * @return {@code true} when the expiry is not after {@code now}
     */
    boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /**
     * Returns what a namespace holds for {@code entry}: the bare value when it never expires, else an
     * {@code Expiring}.
     *
     * @param entry the entry, or {@code null}
     * @return the slot, or {@code null} for {@code null}
     */
    static Object slotOf(ObjectEntry entry) {
        if (entry == null) {
            return null;
        }
        return entry.expiresAt() == null ? entry.value() : new Expiring(entry.value(), entry.expiresAt());
    }

    /**
     * Returns the entry a slot holds.
     *
     * @param slot a slot, or {@code null}
     * @return the entry, or {@code null} for {@code null}
     */
    static ObjectEntry entryOf(Object slot) {
        if (slot == null) {
            return null;
        }
        return slot instanceof Expiring expiring
                ? new ObjectEntry(expiring.value, expiring.expiresAt) : new ObjectEntry(slot, null);
    }

    /**
     * Returns the expiry of a slot.
     *
     * @param slot a slot, not {@code null}
     * @return the absolute expiry, or {@code null} for an entry that never expires
     */
    static Instant expiresAtOf(Object slot) {
        return slot instanceof Expiring expiring ? expiring.expiresAt : null;
    }
}
