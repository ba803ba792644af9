package dev.stowage.jcache.storage;

import dev.stowage.codec.CodecException;

/**
 * Thrown by {@link StoredEntry#value()} of a byte-level store's entry whose value cannot be decoded:
 * a class the {@code java} codec's allow-list refuses (never instantiated), corrupt bytes, or a class
 * that changed incompatibly since the entry was written. The message names the cache's store key
 * and the codec's reason, which names the class. {@link EncodedEntryStorage} catches it inside its
 * atomic steps and treats the entry as absent (see {@link UndecodableEntries}); callers that hold
 * an entry outside such a step (events of a bulk removal) skip the value. Immutable.
 */
public final class UndecodableEntryException extends CodecException {

    private static final long serialVersionUID = 1L;

    private final String storeKey;

    /**
     * Creates the exception.
     *
     * @param storeKey the entry's key in the store namespace, not {@code null}
     * @param where the store namespace, for the message (its {@code toString}, passwords masked)
     * @param cause the codec's failure, which names the class, not {@code null}
     */
    public UndecodableEntryException(String storeKey, Object where, CodecException cause) {
        super("the entry '" + storeKey + "' of " + where + " cannot be decoded: " + cause.getMessage(), cause);
        this.storeKey = storeKey;
    }

    /**
     * Returns the store key of the entry that cannot be decoded.
     *
     * @return the key in the store namespace
     */
    public String storeKey() {
        return storeKey;
    }
}
