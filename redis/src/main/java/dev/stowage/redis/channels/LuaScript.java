package dev.stowage.redis.channels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.client.RedisException;

/**
 * A Lua script kept as a class-path resource next to this class, loaded into Redis once
 * ({@code SCRIPT LOAD}, on every master of a cluster) and called by its SHA ({@code EVALSHA}). When
 * a server has lost it ({@code NOSCRIPT}, e.g. after a restart or {@code SCRIPT FLUSH}), it is loaded
 * again and the call repeated once. Thread-safe.
 */
final class LuaScript {

    private final String resource;
    private final String text;
    private volatile String sha;

    private LuaScript(String resource, String text) {
        this.resource = resource;
        this.text = text;
    }

    /**
     * Reads a script resource of this package.
     *
     * @param resource the file name, e.g. {@code "publish-to-streams.lua"}; never null
     * @return the script, not yet loaded into Redis; never null
     * @throws IllegalStateException when the resource is missing
     * @throws UncheckedIOException when it cannot be read
     */
    static LuaScript resource(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lua script resource missing: dev/stowage/redis/channels/"
                        + resource);
            }
            return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource, e);
        }
    }

    /**
     * Loads the script into Redis ({@code SCRIPT LOAD}) and remembers its SHA.
     *
     * @param script Redisson's script service; never null
     */
    void load(RScript script) {
        sha = script.scriptLoad(text);
    }

    /**
     * Calls the script by SHA ({@code EVALSHA}), loading it first when not yet loaded or lost.
     *
     * @param script Redisson's script service, whose codec encodes {@code args}; never null
     * @param returnType how to decode the reply; never null
     * @param keys the {@code KEYS} (all in one hash slot on a cluster); never null
     * @param args the {@code ARGV}; never null
     * @param <R> the reply's type
     * @return the reply
     * @throws RedisException when Redis reports an error other than {@code NOSCRIPT}
     */
    <R> R call(RScript script, RScript.ReturnType returnType, List<Object> keys, Object... args) {
        if (sha == null) {
            load(script);
        }
        try {
            return script.evalSha(RScript.Mode.READ_WRITE, sha, returnType, keys, args);
        } catch (RedisException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            load(script);
            return script.evalSha(RScript.Mode.READ_WRITE, sha, returnType, keys, args);
        }
    }

    /**
     * Names the script.
     *
     * @return the resource's file name
     */
    @Override
    public String toString() {
        return resource;
    }
}
