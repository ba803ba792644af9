package dev.stowage.redis.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.client.RedisException;

/**
 * A Lua script kept as a class-path resource next to this class, named after what it does, loaded
 * into Redis once ({@code SCRIPT LOAD}, on every master of a cluster) and called by its SHA
 * ({@code EVALSHA}). When a server has lost it ({@code NOSCRIPT}: a restart, a failover,
 * {@code SCRIPT FLUSH}) it is loaded again and the call repeated once. Thread-safe.
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
     * @param resource the file name, e.g. {@code "compare_and_set.lua"}, not {@code null}
     * @return the script, not yet loaded into Redis
     * @throws IllegalStateException if the resource is missing
     * @throws UncheckedIOException if it cannot be read
     */
    static LuaScript resource(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lua script resource missing: dev/stowage/redis/store/" + resource);
            }
            return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lua script " + resource, e);
        }
    }

    /**
     * Calls the script by SHA ({@code EVALSHA}) in one round trip, loading it first when it is not
     * loaded yet or the server lost it.
     *
     * @param <R> the reply's type
     * @param script Redisson's script service, whose codec encodes {@code args} and decodes the reply;
     *     not {@code null}
     * @param returnType how to decode the reply, not {@code null}
     * @param key the one key the script touches ({@code KEYS[1]}), which routes the call in a cluster
     * @param args the {@code ARGV}
     * @return the reply
     * @throws RedisException if Redis reports an error other than {@code NOSCRIPT}, or cannot be reached
     */
    <R> R call(RScript script, RScript.ReturnType returnType, String key, Object... args) {
        String loaded = sha;
        if (loaded == null) {
            loaded = load(script);
        }
        try {
            return script.evalSha(RScript.Mode.READ_WRITE, loaded, returnType, List.of(key), args);
        } catch (RedisException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            return script.evalSha(RScript.Mode.READ_WRITE, load(script), returnType, List.of(key), args);
        }
    }

    /**
     * Adds a call of the script by SHA to a pipeline; the script must be loaded ({@link #ensureLoaded}).
     *
     * @param script the pipeline's script service, not {@code null}
     * @param returnType how to decode the reply, not {@code null}
     * @param key the one key the script touches
     * @param args the {@code ARGV}
     */
    void callAsync(org.redisson.api.RScriptAsync script, RScript.ReturnType returnType, String key, Object... args) {
        script.evalShaAsync(RScript.Mode.READ_WRITE, sha, returnType, List.of(key), args);
    }

    /**
     * Loads the script unless this process has loaded it before.
     *
     * @param script Redisson's script service, not {@code null}
     */
    void ensureLoaded(RScript script) {
        if (sha == null) {
            load(script);
        }
    }

    private String load(RScript script) {
        String loaded = script.scriptLoad(text);
        sha = loaded;
        return loaded;
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
