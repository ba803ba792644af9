package dev.stowage.redis.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where the keys of one namespace of a {@link RedisStore} live in Redis, after Litestar's
 * {@code namespace:key} layout, made exact and cluster-safe. Immutable and thread-safe.
 *
 * <h2>Layout</h2>
 * <pre>
 * root namespace only        ROOT::key
 * child (a cache)            ROOT:{child}::key
 * grandchild                 ROOT:{child:grandchild}::key
 * deeper                     ROOT:{child:grandchild:...}::key
 * namespacing disabled       key, {child}::key, {child:grandchild}::key
 * lock of a key              ROOT:{child}#lock::key   (Redisson RLock hash, only while held)
 * </pre>
 * Every namespace name is escaped ({@link #escape(String)}): the characters {@code % : { } * ? [ ] \}
 * become {@code %XX}, so a name never contains a separator, a hash-tag brace or a {@code SCAN MATCH}
 * glob character. The namespace path ends with {@code "::"}; since names are non-empty, the first
 * {@code "::"} always ends the path and the key after it is stored as given. Hence {@code a} and
 * {@code ab}, a key {@code "b:x"} of namespace {@code a} and a key {@code "x"} of namespace
 * {@code a/b}, all have distinct Redis keys, and {@link #holds(String)} tells exactly whether a Redis
 * key is one this layout gives to a namespace or one of its children.
 *
 * <p>The path of a namespace below the root is its Redis Cluster hash tag ({@code {child:grandchild}}):
 * all keys of one namespace share a hash slot (its single-key scripts and multi-key commands are
 * cluster-safe), and different namespaces spread over the masters. In particular the caches of a
 * JCache manager whose configuration file names a {@code namespace} ({@code ROOT:{app:users}},
 * {@code ROOT:{app:orders}}) get slots of their own, not the one of {@code app}.
 */
final class KeyLayout {

    /** The escape sequences {@link #escape(String)} writes, without their {@code %}. */
    private static final Set<String> ESCAPES = Set.of("25", "3A", "7B", "7D", "2A", "3F", "5B", "5D", "5C");

    private final List<String> names;
    /** The escaped root name and {@code ":"}, or {@code ""} when namespacing is disabled. */
    private final String rootPart;
    /** The escaped names below the root joined by {@code ":"} (the hash tag), or {@code null} for the root. */
    private final String tag;
    private final String path;

    private KeyLayout(List<String> names, String rootPart, String tag) {
        this.names = names;
        this.rootPart = rootPart;
        this.tag = tag;
        this.path = tag != null ? rootPart + "{" + tag + "}"
                : rootPart.isEmpty() ? "" : rootPart.substring(0, rootPart.length() - 1);
    }

    /**
     * The layout of a root namespace.
     *
     * @param rootNamespace the root's name, or {@code null} when namespacing is disabled
     * @return the layout
     * @throws IllegalArgumentException if {@code rootNamespace} is empty
     */
    static KeyLayout root(String rootNamespace) {
        if (rootNamespace == null) {
            return new KeyLayout(List.of(), "", null);
        }
        if (rootNamespace.isEmpty()) {
            throw new IllegalArgumentException("the root namespace must not be empty; pass null to disable namespacing");
        }
        return new KeyLayout(List.of(rootNamespace), escape(rootNamespace) + ":", null);
    }

    /**
     * The layout of the child namespace {@code name} of this one.
     *
     * @param name the child's name, not {@code null}
     * @return the child's layout
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is empty
     */
    KeyLayout child(String name) {
        Objects.requireNonNull(name, "namespace");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("namespace must not be empty");
        }
        List<String> childNames = new ArrayList<>(names);
        childNames.add(name);
        String childTag = tag == null ? escape(name) : tag + ":" + escape(name);
        return new KeyLayout(Collections.unmodifiableList(childNames), rootPart, childTag);
    }

    /**
     * Returns the namespace path from the root.
     *
     * @return an unmodifiable list, empty for a root without namespace
     */
    List<String> names() {
        return names;
    }

    /**
     * Tells whether keys of this namespace are plain (namespacing disabled and this is the root).
     *
     * @return {@code true} for the unnamed root
     */
    boolean unnamed() {
        return path.isEmpty();
    }

    /**
     * Returns the Redis key of a store key.
     *
     * @param key the store key, not {@code null}
     * @return {@code path + "::" + key}, or {@code key} itself for the unnamed root
     * @throws IllegalArgumentException if the key holds a lone UTF-16 surrogate, which UTF-8 (the
     *     encoding of Redis key names) cannot hold: two such keys would name one Redis key
     */
    String redisKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < key.length()
                        && Character.isLowSurrogate(key.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException("key holds a lone surrogate U+"
                            + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at index " + i
                            + ", which a Redis key name (UTF-8) cannot hold");
                }
            }
        }
        return path.isEmpty() ? key : path + "::" + key;
    }

    /**
     * Returns the name of the lock of a store key ({@link RedisStore#computeExclusive}):
     * {@code path + "#lock::" + key}, in the namespace's hash slot (its hash tag is the namespace's),
     * outside the namespace's key space: {@link #holds(String)} is false for it, so {@code keys} and
     * {@code deleteAll} never see it. For the unnamed root, {@code "stowage#lock::" + key}.
     *
     * @param key the store key, not {@code null}
     * @return the lock's name
     */
    String lockKey(String key) {
        return (path.isEmpty() ? "stowage" : path) + "#lock::" + key;
    }

    /**
     * Returns the store key of a Redis key of this namespace.
     *
     * @param redisKey a key that {@link #ownPattern()} matches
     * @return the store key
     */
    String storeKey(String redisKey) {
        return path.isEmpty() ? redisKey : redisKey.substring(path.length() + 2);
    }

    /**
     * Returns the {@code SCAN MATCH} pattern of this namespace's own keys (not its children's).
     *
     * @return the pattern
     * @throws IllegalStateException for the unnamed root, which cannot tell its keys from others'
     */
    String ownPattern() {
        requireNamed();
        return path + "::*";
    }

    /**
     * Returns a {@code SCAN MATCH} pattern that matches every key of this namespace and of all its
     * children (and may match other programs' keys next to them: filter with {@link #holds(String)}).
     *
     * @return {@code ROOT:[:{]*} for a named root, {@code ROOT:{tag[:}]*} below it
     * @throws IllegalStateException for the unnamed root
     */
    String treePattern() {
        requireNamed();
        return tag == null ? rootPart + "[:{]*" : rootPart + "{" + tag + "[:}]*";
    }

    /**
     * Tells whether a Redis key is one this layout gives to this namespace or to one of its
     * descendants: {@code path::key}, or {@code ROOT:{tag:name...}::key} where every name is a
     * non-empty escaped name ({@link #escape(String)}'s output). Keys other programs wrote next to
     * Stowage's ({@code ROOT:foreign}, {@code ROOT:x:y}, {@code ROOTX::k}, a sibling {@code ab} of
     * {@code a}) are not held.
     *
     * @param redisKey any Redis key, not {@code null}
     * @return {@code true} for a key of this namespace's tree
     * @throws IllegalStateException for the unnamed root, which cannot tell its keys from others'
     */
    boolean holds(String redisKey) {
        requireNamed();
        if (redisKey.startsWith(path + "::")) {
            return true;
        }
        String start = tag == null ? rootPart + "{" : rootPart + "{" + tag + ":";
        if (!redisKey.startsWith(start)) {
            return false;
        }
        int close = redisKey.indexOf('}', start.length());
        if (close < 0 || !redisKey.startsWith("::", close + 1)) {
            return false;
        }
        for (String name : redisKey.substring(start.length(), close).split(":", -1)) {
            if (!isEscapedName(name)) {
                return false;
            }
        }
        return true;
    }

    /** Tells whether {@code name} is what {@link #escape(String)} makes of some non-empty name. */
    private static boolean isEscapedName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case ':', '{', '}', '*', '?', '[', ']', '\\' -> {
                    return false;
                }
                case '%' -> {
                    if (i + 3 > name.length() || !ESCAPES.contains(name.substring(i + 1, i + 3))) {
                        return false;
                    }
                    i += 2;
                }
                default -> {
                }
            }
        }
        return true;
    }

    private void requireNamed() {
        if (path.isEmpty()) {
            throw new IllegalStateException("a Redis store without namespace cannot tell its keys from other programs' keys");
        }
    }

    /**
     * Escapes a namespace name: {@code % : { } * ? [ ] \} become {@code %} and two upper-case hex
     * digits; every other character is kept.
     *
     * @param name the name, not {@code null}
     * @return the escaped name
     */
    static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '%', ':', '{', '}', '*', '?', '[', ']', '\\' -> out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Describes the namespace by its Redis key prefix.
     *
     * @return e.g. {@code STOWAGE:{users}} or {@code STOWAGE:{app:users}}
     */
    @Override
    public String toString() {
        return path.isEmpty() ? "(no namespace)" : path;
    }
}
