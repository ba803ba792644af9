package dev.stowage.jcache.storage;

import dev.stowage.codec.Codec;
import java.util.Base64;
import javax.cache.CacheException;

/**
 * Turns JCache keys into store keys and back, keeping string and number keys readable (in Redis key
 * names, in the file store's index). A cache declared with {@code String} keys stores them as they
 * are; {@code Long}/{@code Integer} keys as decimal text; any other declared type (including
 * {@code Object}) with a one-letter tag: {@code s:text}, {@code l:123}, {@code i:123}, or
 * {@code k:<n>:<scope>:<tagged id>} for a {@link ScopedKey} (an entity name and an id: Hibernate's
 * keys through {@code stowage-hibernate}), or
 * {@code j:} and the URL-safe Base64 of the key's {@code java} codec form. A key class on that last
 * path must serialize equal keys to equal bytes (records and value classes do; one holding a
 * {@code HashMap} may not, and its entries would then be missed). Immutable and thread-safe.
 */
public final class KeyFormat {

    private final Class<?> keyType;
    private final Codec<Object> codec;

    /**
     * Creates the format of one cache.
     *
     * @param keyType the cache's declared key type, not {@code null}
     * @param codec the codec for keys that are neither strings nor numbers, not {@code null}
     */
    public KeyFormat(Class<?> keyType, Codec<Object> codec) {
        this.keyType = keyType;
        this.codec = codec;
    }

    /**
     * Encodes a key.
     *
     * @param key the key, not {@code null}
     * @return the store key
     */
    public String encode(Object key) {
        if (keyType == String.class) {
            return (String) key;
        }
        if (keyType == Long.class || keyType == Integer.class) {
            return key.toString();
        }
        return tagged(key);
    }

    private String tagged(Object key) {
        if (key instanceof String text) {
            return "s:" + text;
        }
        if (key instanceof Long number) {
            return "l:" + number;
        }
        if (key instanceof Integer number) {
            return "i:" + number;
        }
        if (key instanceof ScopedKey scoped) {
            return "k:" + scoped.scope().length() + ":" + scoped.scope() + ":" + tagged(scoped.id());
        }
        return "j:" + Base64.getUrlEncoder().withoutPadding().encodeToString(codec.encode(key));
    }

    /**
     * Decodes a store key written by {@link #encode(Object)}.
     *
     * @param storeKey the store key, not {@code null}
     * @return the key
     * @throws CacheException if the store key is not in this format (written by another program)
     */
    public Object decode(String storeKey) {
        try {
            if (keyType == String.class) {
                return storeKey;
            }
            if (keyType == Long.class) {
                return Long.valueOf(storeKey);
            }
            if (keyType == Integer.class) {
                return Integer.valueOf(storeKey);
            }
            Object key = untagged(storeKey);
            if (key != null) {
                return key;
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new CacheException("store key '" + storeKey + "' is not a " + keyType.getName() + " key", e);
        }
        throw new CacheException("store key '" + storeKey + "' has no type tag (s:, l:, i:, k:, j:) for a cache of "
                + keyType.getName() + " keys");
    }

    /** Decodes a tagged store key, or returns {@code null} when it has no known tag. */
    private Object untagged(String storeKey) {
        String body = storeKey.length() >= 2 ? storeKey.substring(2) : "";
        if (storeKey.startsWith("s:")) {
            return body;
        }
        if (storeKey.startsWith("l:")) {
            return Long.valueOf(body);
        }
        if (storeKey.startsWith("i:")) {
            return Integer.valueOf(body);
        }
        if (storeKey.startsWith("k:")) {
            int colon = body.indexOf(':');
            int length = Integer.parseInt(body.substring(0, colon));
            String scope = body.substring(colon + 1, colon + 1 + length);
            if (body.charAt(colon + 1 + length) != ':') {
                throw new IllegalArgumentException("no ':' after the scope of " + length + " characters");
            }
            Object id = untagged(body.substring(colon + 2 + length));
            if (id == null) {
                throw new IllegalArgumentException("the id has no type tag");
            }
            return new ScopedKey(scope, id);
        }
        if (storeKey.startsWith("j:")) {
            return codec.decode(Base64.getUrlDecoder().decode(body));
        }
        return null;
    }
}
